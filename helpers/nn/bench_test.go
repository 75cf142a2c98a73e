//go:build unix

package nn

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"syscall"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/autils"
)

// benchmarkFit trains the lab's model for 20 epochs on autils.LoadData() (1000 x 400, 32 steps per epoch).
func benchmarkFit(b *testing.B) {
	b.Setenv(StateDirEnv, b.TempDir())
	X, y := autils.LoadData()
	m := Sequential("bench_model", Input(400), Dense(25, Sigmoid), Dense(15, Sigmoid), Dense(1, Sigmoid))
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	const epochs, steps = 20, 32
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for range b.N {
		if _, err := m.Fit(X, y, Epochs(epochs), Verbose(nil)); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds())/1e3, "ms/fit")
	b.ReportMetric(float64(per.Microseconds())/(epochs*steps), "us/step")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1e3/float64(b.N), "cpu-ms/fit")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N)/(epochs*steps), "cpu-us/step")
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

// BenchmarkFit20Epochs measures Fit as the binary lab calls it.
func BenchmarkFit20Epochs(b *testing.B) { benchmarkFit(b) }

// w3Data is a stand-in for the week-3 lab's training set: 400 points of 2 features around six
// centres, labelled 0 to 5 (13 steps of 32 per epoch, as in the lab).
func w3Data() (X, y *mat.Dense) {
	rng := rand.New(rand.NewPCG(2, 3))
	X, y = mat.NewDense(400, 2, nil), mat.NewDense(400, 1, nil)
	for i := range 400 {
		c := i % 6
		X.Set(i, 0, float64(c%3)*2+0.4*rng.NormFloat64())
		X.Set(i, 1, float64(c/3)*2+0.4*rng.NormFloat64())
		y.Set(i, 0, float64(c))
	}
	return X, y
}

// w3Models are the week-3 lab's three networks, compiled as the lab compiles them.
var w3Models = map[string]func() *Model{
	"complex": func() *Model {
		return Sequential("Complex", Input(2), Dense(120, ReLU).Named("L1"), Dense(40, ReLU).Named("L2"), Dense(6, Linear).Named("L3"))
	},
	"simple": func() *Model {
		return Sequential("Simple", Input(2), Dense(6, ReLU).Named("L1"), Dense(6, Linear).Named("L2"))
	},
	"regularized": func() *Model {
		return Sequential("ComplexRegularized", Input(2), Dense(120, ReLU).Named("L1").L2(0.1),
			Dense(40, ReLU).Named("L2").L2(0.1), Dense(6, Linear).Named("L3"))
	},
}

// benchmarkW3 trains one of the week-3 models for 100 epochs of 13 steps and reports the time per step.
func benchmarkW3(b *testing.B, name string) {
	b.Setenv(StateDirEnv, b.TempDir())
	X, y := w3Data()
	m := w3Models[name]()
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
	fitPerStep(b, m, X, y, 100, 13)
}

// fitPerStep trains m on X, y for the given epochs b.N times and reports the wall and CPU time
// per training step (steps per epoch).
func fitPerStep(b *testing.B, m *Model, X, y *mat.Dense, epochs, steps int) {
	b.Helper()
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for range b.N {
		if _, err := m.Fit(X, y, Epochs(epochs), Verbose(nil)); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds())/float64(epochs*steps), "us/step")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N)/float64(epochs*steps), "cpu-us/step")
}

// BenchmarkW3Complex, BenchmarkW3Simple and BenchmarkW3Regularized measure Fit for the week-3 lab's
// models, per step: the lab runs about 130,000 such steps.
func BenchmarkW3Complex(b *testing.B)     { benchmarkW3(b, "complex") }
func BenchmarkW3Simple(b *testing.B)      { benchmarkW3(b, "simple") }
func BenchmarkW3Regularized(b *testing.B) { benchmarkW3(b, "regularized") }

// multiclassModel is the multiclass lab's network, compiled as the lab compiles it.
func multiclassModel() *Model {
	m := Sequential("my_model", Input(400), Dense(25, ReLU).Named("L1"), Dense(15, ReLU).Named("L2"), Dense(10, Linear).Named("L3"))
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.001))
	return m
}

// BenchmarkFitMulticlass measures Fit on the multiclass lab's model and 5000 digits, 4 of its 40 epochs.
func BenchmarkFitMulticlass(b *testing.B) {
	b.Setenv(StateDirEnv, b.TempDir())
	X, y := autils.LoadDataMulticlass()
	fitPerStep(b, multiclassModel(), X, y, 4, 157)
}
