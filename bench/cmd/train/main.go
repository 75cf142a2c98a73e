// Command train trains a lab's digit network with our nn package several times and prints the
// same JSON report as bench/keras_train.py: Fit time, last-epoch loss and training accuracy.
//
// -lab binary (the default) is the first lab's model: Input(400), Dense(25, sigmoid), Dense(15,
// sigmoid), Dense(1, sigmoid), binary cross-entropy, 20 epochs, on autils.ReadData's 1000 digits.
// -lab multiclass is the second lab's: Input(400), Dense(25, relu), Dense(15, relu), Dense(10,
// linear), sparse categorical cross-entropy from logits, 40 epochs, on autils.ReadDataMulticlass's
// 5000 digits. -lab w3_complex, w3_simple and w3_regularized are the week-3 lab's networks (Dense(120,
// relu), Dense(40, relu), Dense(6, linear); Dense(6, relu), Dense(6, linear); the first with L2(0.1) on
// its two hidden kernels), Adam(0.01), 1000 epochs, on package blobs' 400 points. The digit labs use
// Adam(0.001); all use batch size 32, on the same numbers bench/cmd/export writes
// for the Keras side. Training accuracy is the share of examples predicted right: at threshold 0.5
// for the binary lab, by the argmax of the logits for the multiclass one. Each run declares a fresh
// model and trains it with its own seed. Only Fit is timed. The first Fit of the process pays
// one-time costs (backend start-up, graph building), so it is reported on its own
// (first_fit_seconds) and the warm figure is the median of the other runs, in wall time and in the
// process's CPU time (train_cpu_seconds), which other processes on the machine do not inflate.
//
// Models are saved under $NNLAB_STATE_DIR; if it is unset, a temporary directory is used and
// removed at the end.
//
// Usage (from the repository root):
//
//	go run ./bench/cmd/train -runs 5 [-lab multiclass] [-epochs N] [-out FILE]
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/autils"
	"github.com/mlspec-go/nnlab/bench/internal/blobs"
	"github.com/mlspec-go/nnlab/helpers/nn"
)

// run is the outcome of one training.
type run struct {
	Seed          int64   `json:"seed"`
	FitSeconds    float64 `json:"fit_seconds"`
	FitCPUSeconds float64 `json:"fit_cpu_seconds"` // CPU time of the process during Fit, all threads
	FinalLoss     float64 `json:"final_loss"`
	TrainAccuracy float64 `json:"train_accuracy"`
}

// spread summarises repeated measurements.
type spread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// report is the JSON printed; its keys match bench/keras_train.py's.
type report struct {
	Framework       string  `json:"framework"`
	Lab             string  `json:"lab"`
	GoVersion       string  `json:"go_version"`
	CPUCount        int     `json:"cpu_count"`
	Backend         string  `json:"backend"`
	Epochs          int     `json:"epochs"`
	BatchSize       int     `json:"batch_size"`
	Runs            []run   `json:"runs"`
	FirstFitSeconds float64 `json:"first_fit_seconds"`
	TrainSeconds    spread  `json:"train_seconds"`
	TrainCPUSeconds spread  `json:"train_cpu_seconds"`
	FinalLoss       spread  `json:"final_loss"`
	TrainAccuracy   spread  `json:"train_accuracy"`
}

// options are the command line's flags.
type options struct {
	runs       int
	lab        string
	epochs     int
	batch      int
	seed       int64
	out        string
	cpuProfile string
	dataDir    string
}

func main() {
	var o options
	flag.IntVar(&o.runs, "runs", 5, "number of fresh models to train (>= 2: one cold run, then warm runs)")
	flag.StringVar(&o.lab, "lab", "binary", "which lab's model and data: binary, multiclass, w3_complex, w3_simple or w3_regularized")
	flag.IntVar(&o.epochs, "epochs", 0, "epochs per training (0: the lab's own, 20 binary, 40 multiclass, 1000 w3_*)")
	flag.IntVar(&o.batch, "batch", 32, "batch size")
	flag.Int64Var(&o.seed, "seed", 1, "seed of the first run; run i uses seed+i")
	flag.StringVar(&o.out, "out", "", "also write the JSON report to this file")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the warm runs (all but the first) to this file")
	flag.StringVar(&o.dataDir, "data", "", "directory whose data/X.npy and data/y.npy autils reads (\"\": the current one; built-in digits if absent)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("train: ")
	if err := benchmark(o); err != nil {
		log.Fatal(err)
	}
}

// benchmark trains o.runs fresh models of lab o.lab and prints the report (returning, rather than
// exiting, on an error, so that the temporary state directory is removed).
func benchmark(o options) error {
	if o.runs < 2 {
		return errors.New("-runs must be at least 2 (one cold run, then warm runs)")
	}
	l, ok := labs[o.lab]
	if !ok {
		return fmt.Errorf("-lab %q: want binary, multiclass, w3_complex, w3_simple or w3_regularized", o.lab)
	}
	if o.epochs == 0 {
		o.epochs = l.epochs
	}
	if os.Getenv(nn.StateDirEnv) == "" {
		// The models this command trains are of no use afterwards: keep them in a directory of its
		// own, removed at the end.
		dir, err := os.MkdirTemp("", "nnlab-bench-state-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if err := os.Setenv(nn.StateDirEnv, dir); err != nil {
			return err
		}
	}
	X, y, err := l.read(o.dataDir)
	if err != nil {
		return fmt.Errorf("loading the digits: %w", err)
	}
	rep := report{
		Framework: "nnlab/nn",
		Lab:       o.lab,
		GoVersion: runtime.Version(),
		CPUCount:  runtime.NumCPU(),
		Backend:   os.Getenv("GOMLX_BACKEND"),
		Epochs:    o.epochs,
		BatchSize: o.batch,
	}
	if rep.Runs, err = trainAll(l, X, y, o); err != nil {
		return err
	}
	rep.summarise()
	return rep.write(o.out)
}

// trainAll trains o.runs fresh models, profiling the warm runs if asked.
func trainAll(l lab, X, y *mat.Dense, o options) (runs []run, err error) {
	for i := range o.runs {
		if i == 1 && o.cpuProfile != "" {
			stop, perr := startProfile(o.cpuProfile)
			if perr != nil {
				return nil, perr
			}
			defer func() { err = errors.Join(err, stop()) }()
		}
		r, rerr := oneRun(l, X, y, o.seed+int64(i), o.epochs, o.batch)
		if rerr != nil {
			return nil, fmt.Errorf("run %d: %w", i+1, rerr)
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// summarise fills in the spreads: the first Fit on its own, the times over the warm runs, the losses
// and accuracies over all.
func (rep *report) summarise() {
	rep.FirstFitSeconds = rep.Runs[0].FitSeconds
	var warm, warmCPU, losses, accs []float64
	for i, r := range rep.Runs {
		if i > 0 {
			warm = append(warm, r.FitSeconds)
			warmCPU = append(warmCPU, r.FitCPUSeconds)
		}
		losses = append(losses, r.FinalLoss)
		accs = append(accs, r.TrainAccuracy)
	}
	rep.TrainSeconds, rep.FinalLoss, rep.TrainAccuracy = spreadOf(warm), spreadOf(losses), spreadOf(accs)
	rep.TrainCPUSeconds = spreadOf(warmCPU)
}

// write prints the report as JSON, and writes it to the file out too unless out is "".
func (rep *report) write(out string) error {
	text, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	text = append(text, '\n')
	if out != "" {
		if werr := os.WriteFile(out, text, 0o644); werr != nil {
			return fmt.Errorf("writing the report: %w", werr)
		}
	}
	_, err = os.Stdout.Write(text)
	return err
}

// startProfile starts a CPU profile written to path; the returned function stops it and closes the file.
func startProfile(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("creating the CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close() // the profile failed to start: the empty file's state does not matter
		return nil, fmt.Errorf("starting the CPU profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("writing the CPU profile: %w", err)
		}
		return nil
	}, nil
}

// lab is what differs between the two labs' benchmarks.
type lab struct {
	epochs int                                           // the lab's number of epochs
	read   func(dir string) (X, y *mat.Dense, err error) // its data
	build  func() (*nn.Model, error)                     // a fresh, compiled model
	yhat   func(p *mat.Dense) []float64                  // predicted labels from Predict's output
}

var labs = map[string]lab{
	"binary": {
		epochs: 20,
		read:   autils.ReadData,
		build: func() (*nn.Model, error) {
			m, err := nn.NewSequential("my_model",
				nn.Input(400),
				nn.Dense(25, nn.Sigmoid),
				nn.Dense(15, nn.Sigmoid),
				nn.Dense(1, nn.Sigmoid),
			)
			if err != nil {
				return nil, err
			}
			m.Compile(nn.BinaryCrossentropy(), nn.Adam(0.001))
			return m, nil
		},
		yhat: func(p *mat.Dense) []float64 {
			n, _ := p.Dims()
			out := make([]float64, n)
			for i := range out {
				if p.At(i, 0) >= 0.5 {
					out[i] = 1
				}
			}
			return out
		},
	},
	"multiclass": {
		epochs: 40,
		read:   autils.ReadDataMulticlass,
		build: func() (*nn.Model, error) {
			m, err := nn.NewSequential("my_model",
				nn.Input(400),
				nn.Dense(25, nn.ReLU).Named("L1"),
				nn.Dense(15, nn.ReLU).Named("L2"),
				nn.Dense(10, nn.Linear).Named("L3"),
			)
			if err != nil {
				return nil, err
			}
			m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.001))
			return m, nil
		},
		yhat: classes,
	},
	"w3_complex":     w3Lab(nn.Dense(120, nn.ReLU).Named("L1"), nn.Dense(40, nn.ReLU).Named("L2"), nn.Dense(6, nn.Linear).Named("L3")),
	"w3_simple":      w3Lab(nn.Dense(6, nn.ReLU).Named("L1"), nn.Dense(6, nn.Linear).Named("L2")),
	"w3_regularized": w3Lab(nn.Dense(120, nn.ReLU).Named("L1").L2(0.1), nn.Dense(40, nn.ReLU).Named("L2").L2(0.1), nn.Dense(6, nn.Linear).Named("L3")),
}

// w3Lab is a week-3 model: 2 inputs, the given layers, Adam(0.01), 1000 epochs on package blobs' points.
func w3Lab(layers ...nn.Layer) lab {
	return lab{
		epochs: 1000,
		read:   func(string) (X, y *mat.Dense, err error) { X, y = blobs.Train(); return X, y, nil },
		build: func() (*nn.Model, error) {
			m, err := nn.NewSequential("w3_model", append([]nn.Layer{nn.Input(2)}, layers...)...)
			if err != nil {
				return nil, err
			}
			m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))
			return m, nil
		},
		yhat: classes,
	}
}

// classes returns the classes a model predicts from its logits: the argmax of each row.
func classes(p *mat.Dense) []float64 {
	idx := nn.ArgmaxRows(p)
	out := make([]float64, len(idx))
	for i, k := range idx {
		out[i] = float64(k)
	}
	return out
}

// oneRun declares, compiles and trains a fresh model of lab l, timing Fit alone.
func oneRun(l lab, X, y *mat.Dense, seed int64, epochs, batch int) (run, error) {
	m, err := l.build()
	if err != nil {
		return run{}, fmt.Errorf("declaring the model: %w", err)
	}
	cpu0, err := cpuTime()
	if err != nil {
		return run{}, err
	}
	start := time.Now()
	hist, err := m.Fit(X, y, nn.Epochs(epochs), nn.BatchSize(batch), nn.Seed(seed), nn.Verbose(nil))
	elapsed := time.Since(start)
	cpu1, cerr := cpuTime()
	if err = errors.Join(err, cerr); err != nil {
		return run{}, fmt.Errorf("training: %w", err)
	}
	if len(hist.Loss) != epochs {
		return run{}, fmt.Errorf("training returned %d epoch losses, want %d", len(hist.Loss), epochs)
	}
	p, err := m.Predict(X)
	if err != nil {
		return run{}, fmt.Errorf("predicting: %w", err)
	}
	correct := 0
	for i, v := range l.yhat(p) {
		if v == y.At(i, 0) {
			correct++
		}
	}
	n, _ := X.Dims()
	return run{
		Seed:          seed,
		FitSeconds:    elapsed.Seconds(),
		FitCPUSeconds: (cpu1 - cpu0).Seconds(),
		FinalLoss:     hist.Loss[epochs-1],
		TrainAccuracy: float64(correct) / float64(n),
	}, nil
}

// cpuTime is the user+system CPU time of this process, all threads: unlike the wall time, it does not
// grow when other processes compete for the cores.
func cpuTime() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, fmt.Errorf("measuring the CPU time: %w", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// spreadOf returns the median, minimum and maximum of xs (not empty).
func spreadOf(xs []float64) spread {
	s := slices.Clone(xs)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{Median: med, Min: s[0], Max: s[len(s)-1]}
}
