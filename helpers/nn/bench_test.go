//go:build unix

package nn

import (
	"syscall"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/autils"
)

// benchmarkFit trains the lab's model for 20 epochs on autils.LoadData() (1000 x 400, 32 steps per epoch).
func benchmarkFit(b *testing.B, spc int) {
	b.Setenv(StateDirEnv, b.TempDir())
	X, y := autils.LoadData()
	m := Sequential("bench_model", Input(400), Dense(25, Sigmoid), Dense(15, Sigmoid), Dense(1, Sigmoid))
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	const epochs, steps = 20, 32
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for range b.N {
		if _, err := m.Fit(X, y, Epochs(epochs), Verbose(nil), stepsPerCall(spc)); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds())/1e3, "ms/fit")
	b.ReportMetric(float64(per.Microseconds())/(epochs*steps), "us/step")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1e3/float64(b.N), "cpu-ms/fit")
}

// cpuTime is the user+system CPU time of this process (all threads): unlike wall time, it is not
// inflated when other processes compete for the 2 cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFit20Epochs measures Fit as a notebook calls it (one optimisation step per graph execution).
func BenchmarkFit20Epochs(b *testing.B) { benchmarkFit(b, 1) }

// BenchmarkFit20EpochsUnrolled runs a whole epoch (32 unrolled steps) per graph execution, for comparison.
func BenchmarkFit20EpochsUnrolled(b *testing.B) { benchmarkFit(b, 0) }
