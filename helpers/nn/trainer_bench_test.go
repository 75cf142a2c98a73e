//go:build unix

package nn

import (
	"math/rand"
	"testing"
	"time"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/autils"
)

// trainerFit trains m as Fit does, but on GoMLX's own machinery: train.Trainer, dataset.InMemory
// (shuffled, batches of 32) and train.Loop with an OnStep hook that sums Keras's epoch loss. It is the
// alternative the package doc weighs against Fit's own loop; the benchmarks below measure both.
func trainerFit(tb testing.TB, m *Model, X, y *mat.Dense, epochs int, seed int64) []float64 {
	tb.Helper()
	be, err := backend()
	if err != nil {
		tb.Fatal(err)
	}
	n, cols := X.Dims()
	xf, err := toFloat32("X", X)
	if err != nil {
		tb.Fatal(err)
	}
	yBatch, err := m.labels(y)
	if err != nil {
		tb.Fatal(err)
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	store := model.NewStore()
	defer store.Finalize()
	store.SetParam(model.ParamInitialSeed, seed)
	sparse := m.loss.name == sparseCategoricalName
	modelFn := func(scope *model.Scope, _ any, inputs []*graph.Node) []*graph.Node {
		logits, _ := m.forward(scope, inputs[0], true)
		return []*graph.Node{logits}
	}
	lossFn := loss.BinaryCrossentropyLogits
	if sparse {
		lossFn = loss.SparseCategoricalCrossEntropyLogits
	}
	opt := optimizer.Adam().LearningRate(m.opt.learningRate).Betas(0.9, 0.999).Epsilon(1e-7).Done()
	trainer := train.NewTrainer(be, store, modelFn, lossFn, opt, nil, nil)
	ds, err := dataset.InMemoryFromData(be, "train",
		[]any{tensors.FromFlatDataAndDimensions(xf, n, cols)}, []any{yBatch(all)})
	if err != nil {
		tb.Fatal(err)
	}
	defer ds.FinalizeAll()
	ds.Shuffle().BatchSize(32, false).WithRand(rand.New(rand.NewSource(seed)))
	loop := train.NewLoop(trainer)
	steps := (n + 31) / 32
	var losses []float64
	var sum float64
	k := 0
	loop.OnStep("keras epoch loss", 0, func(_ *train.Loop, metrics []*tensors.Tensor) error {
		rows := min(32, n-k*32)
		sum += float64(tensors.ToScalar[float32](metrics[0])) * float64(rows)
		if k++; k == steps {
			losses = append(losses, sum/float64(n))
			sum, k = 0, 0
		}
		return nil
	})
	if _, err := loop.RunEpochs(ds, epochs); err != nil {
		tb.Fatal(err)
	}
	return losses
}

// benchmarkTrainer is benchmarkW3/benchmarkFit for trainerFit.
func benchmarkTrainer(b *testing.B, m *Model, X, y *mat.Dense, epochs int) {
	n, _ := X.Dims()
	steps := epochs * ((n + 31) / 32)
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for i := range b.N {
		trainerFit(b, m, X, y, epochs, int64(i+1))
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds())/float64(steps), "us/step")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N)/float64(steps), "cpu-us/step")
}

func BenchmarkTrainerW3Complex(b *testing.B) {
	X, y := w3Data()
	m := w3Models["complex"]()
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
	benchmarkTrainer(b, m, X, y, 100)
}

func BenchmarkTrainerW3Simple(b *testing.B) {
	X, y := w3Data()
	m := w3Models["simple"]()
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
	benchmarkTrainer(b, m, X, y, 100)
}

func BenchmarkTrainerFit20Epochs(b *testing.B) {
	X, y := autils.LoadData()
	m := labModel(b)
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	benchmarkTrainer(b, m, X, y, 20)
}

func BenchmarkTrainerMulticlass(b *testing.B) {
	X, y := autils.LoadDataMulticlass()
	benchmarkTrainer(b, multiclassModel(), X, y, 4)
}
