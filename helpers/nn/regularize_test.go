package nn

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
	"gonum.org/v1/gonum/mat"
)

// blobs returns n points of 2 features in `classes` clusters, labelled 0..classes-1, deterministically.
func blobs(n, classes int) (X, y *mat.Dense) {
	X, y = mat.NewDense(n, 2, nil), mat.NewDense(n, 1, nil)
	s := uint64(88172645463325252)
	next := func() float64 {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		return float64(s%2001)/1000 - 1
	}
	for i := range n {
		c := i % classes
		X.Set(i, 0, float64(c)+0.5*next())
		X.Set(i, 1, float64(c%2)+0.5*next())
		y.Set(i, 0, float64(c))
	}
	return X, y
}

// crossEntropy is the mean over the rows of -log(softmax(logits)[label]), in float64.
func crossEntropy(logits *mat.Dense, y mat.Matrix) float64 {
	p := Softmax(logits)
	r, _ := p.Dims()
	sum := 0.0
	for i := range r {
		sum -= math.Log(p.At(i, int(y.At(i, 0))))
	}
	return sum / float64(r)
}

// forward64 applies the layers' weights to X in float64: ReLU on hidden layers, linear output.
func forward64(w []LayerWeights, X mat.Matrix) *mat.Dense {
	a := mat.DenseCopyOf(X)
	for k, l := range w {
		var z mat.Dense
		z.Mul(a, l.W)
		r, c := z.Dims()
		for i := range r {
			for j := range c {
				v := z.At(i, j) + l.B.AtVec(j)
				if k < len(w)-1 {
					v = max(v, 0)
				}
				z.Set(i, j, v)
			}
		}
		a = &z
	}
	return a
}

func sumSquares(m mat.Matrix) float64 {
	n := mat.Norm(m, 2)
	return n * n
}

// TestL2PenaltyInLoggedLoss checks the loss of a one-step epoch against the initial weights: the
// cross-entropy plus lambda*sum(W^2) of each regularized kernel (the output layer's is not), as Keras
// logs it.
func TestL2PenaltyInLoggedLoss(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := blobs(24, 3)
	for _, tc := range []struct {
		name   string
		l1, l2 float64
	}{
		{"none", 0, 0},
		{"first", 0.1, 0},
		{"both", 0.1, 0.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Sequential("reg_"+tc.name, Input(2), Dense(5, ReLU).L2(tc.l1), Dense(4, ReLU).L2(tc.l2), Dense(3, Linear))
			m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
			w0, err := m.InitialWeights(7)
			if err != nil {
				t.Fatal(err)
			}
			h, err := m.Fit(X, y, Epochs(1), BatchSize(24), Seed(7), Verbose(nil))
			if err != nil {
				t.Fatal(err)
			}
			want := crossEntropy(forward64(w0, X), y) + tc.l1*sumSquares(w0[0].W) + tc.l2*sumSquares(w0[1].W)
			if got := h.Loss[0]; math.Abs(got-want) > 1e-5*max(1, want) {
				t.Errorf("logged loss %.7f, want cross-entropy + penalties %.7f", got, want)
			}
		})
	}
}

// TestL2ShrinksTheKernels checks that the penalty is trained on, not only logged: a strongly regularized
// kernel ends much smaller than the same kernel trained without it, while the unregularized layer's
// biases are free.
func TestL2ShrinksTheKernels(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := blobs(64, 3)
	norms := map[float64]float64{}
	for _, lambda := range []float64{0, 1} {
		m := Sequential("shrink", Input(2), Dense(8, ReLU).L2(lambda), Dense(3, Linear))
		m.Compile(SparseCategoricalCrossentropy(true), Adam(0.05))
		if _, err := m.Fit(X, y, Epochs(60), Seed(3), Verbose(nil)); err != nil {
			t.Fatal(err)
		}
		norms[lambda] = sumSquares(m.MustWeights()[0].W)
	}
	if !(norms[1] < 0.1*norms[0]) {
		t.Errorf("sum of squares of the kernel: %.4g with L2(1), %.4g without: want it much smaller", norms[1], norms[0])
	}
}

// TestL2LeavesNoSubnormalWeights: an L2 penalty drives the weights of units that stop learning to
// zero; without flushing them (flushSubnormals) most of the week-3 network's hidden weights ended
// subnormal after 200 epochs, and every matrix product with them took the CPU's slow path.
func TestL2LeavesNoSubnormalWeights(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := blobs(400, 6)
	m := Sequential("flush", Input(2), Dense(120, ReLU).L2(0.1), Dense(40, ReLU).L2(0.1), Dense(6, Linear))
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
	if _, err := m.Fit(X, y, Epochs(200), Seed(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	zeros := 0
	for i, lw := range m.MustWeights() {
		r, c := lw.W.Dims()
		for j := range r {
			for k := range c {
				v := math.Abs(float64(float32(lw.W.At(j, k))))
				if v != 0 && v < 0x1p-126 {
					t.Fatalf("layer %d: weight (%d, %d) is subnormal: %g", i, j, k, v)
				}
				if v == 0 {
					zeros++
				}
			}
		}
	}
	if zeros == 0 {
		t.Errorf("no weight reached zero: the penalty did not push any unit's weights down (the test shows nothing)")
	}
}

// TestRegularizationKeepsStateApart: models with the same name and layers but other regularization
// (the lab's Complex and ComplexRegularized if named alike, the lambda sweep's models) never load each
// other's weights; the same declaration in a later cell loads its own.
func TestRegularizationKeepsStateApart(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := blobs(40, 3)
	declare := func(lambda float64) *Model {
		m := Sequential("sequential", Input(2), Dense(6, ReLU).L2(lambda), Dense(5, ReLU).L2(lambda), Dense(3, Linear))
		m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
		return m
	}
	plain := declare(0)
	if _, err := plain.Fit(X, y, Epochs(2), Seed(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := declare(0.1).Predict(X); !errors.Is(err, ErrNotTrained) {
		t.Fatalf("the regularized twin of a trained model: Predict error %v, want ErrNotTrained", err)
	}

	lambdas := []float64{0.0, 0.001, 0.01, 0.05, 0.1, 1e-3 + 1e-12}
	dirs := map[string]float64{}
	trained := map[float64][]LayerWeights{}
	for i, lambda := range lambdas {
		m := declare(lambda)
		dir, err := m.StateDir()
		if err != nil {
			t.Fatal(err)
		}
		if other, ok := dirs[dir]; ok {
			t.Errorf("L2(%g) and L2(%g) share the state directory %s", lambda, other, dir)
		}
		dirs[dir] = lambda
		if _, err := m.Fit(X, y, Epochs(2), Seed(int64(10+i)), Verbose(nil)); err != nil {
			t.Fatal(err)
		}
		trained[lambda] = m.MustWeights()
	}
	for _, lambda := range lambdas { // as a later cell would, with fresh declarations
		got := declare(lambda).MustWeights()
		for k := range got {
			if !mat.Equal(got[k].W, trained[lambda][k].W) || !mat.Equal(got[k].B, trained[lambda][k].B) {
				t.Errorf("L2(%g): layer %d's loaded weights are not the ones its Fit trained", lambda, k)
			}
		}
	}
	if l := declare(0.3).Layers(); l[0].L2 != 0.3 || l[1].L2 != 0.3 {
		t.Errorf("Layers() L2 = %v, %v; want 0.3, 0.3", l[0].L2, l[1].L2)
	}
}

// TestW3Summaries checks the summaries of the week-3 lab's models against the course's text (rows
// without their trailing spaces), as the lab prints them (internal/nbtest/labs.json).
func TestW3Summaries(t *testing.T) {
	want := nbtest.LabOf("C2_W3").Summaries
	for _, m := range []*Model{
		Sequential("Complex", Input(2), Dense(120, ReLU).Named("L1"), Dense(40, ReLU).Named("L2"), Dense(6, Linear).Named("L3")),
		Sequential("Simple", Input(2), Dense(6, ReLU).Named("L1"), Dense(6, Linear).Named("L2")),
		Sequential("ComplexRegularized", Input(2), Dense(120, ReLU).Named("L1").L2(0.1), Dense(40, ReLU).Named("L2").L2(0.1),
			Dense(6, Linear).Named("L3")),
	} {
		if got, err := m.SummaryString(); err != nil || got != want[m.Name()] || got == "" {
			t.Errorf("%s: summary =\n%s\n(err %v)\nwant\n%s", m.Name(), got, err, want[m.Name()])
		}
	}
}

func TestL2Errors(t *testing.T) {
	for _, lambda := range []float64{-0.1, math.NaN(), math.Inf(1)} {
		_, err := NewSequential("bad", Input(2), Dense(4, ReLU).L2(lambda), Dense(3, Linear))
		if err == nil || !strings.Contains(err.Error(), "regularization factor") {
			t.Errorf("L2(%g): error %v, want one about the regularization factor", lambda, err)
		}
	}
}

func TestCompileSettings(t *testing.T) {
	m := Sequential("c", Input(2), Dense(3, Linear))
	if _, ok := m.Loss(); ok {
		t.Error("Loss() of a model not compiled reports it compiled")
	}
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
	l, ok := m.Loss()
	o, _ := m.Optimizer()
	if !ok || l.String() != "sparse_categorical_crossentropy" || !l.FromLogits() || o.String() != "adam" || o.LearningRate() != 0.01 {
		t.Errorf("Loss() = %v %v %v, Optimizer() = %v %v", l, l.FromLogits(), ok, o, o.LearningRate())
	}
}

// TestEpochLossIsKerasMean checks the loss an epoch logs: Keras's mean of the batch losses weighted by
// their sizes (a batch of 32 and one of 8 here), which is the mean over all examples of the loss each
// had when its batch was processed. With a learning rate too small to move the weights, that is the
// cross-entropy of the initial weights over the whole set, penalty included.
func TestEpochLossIsKerasMean(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := blobs(40, 3)
	m := Sequential("mean", Input(2), Dense(5, ReLU).L2(0.2), Dense(3, Linear))
	m.Compile(SparseCategoricalCrossentropy(true), Adam(1e-9))
	w0, err := m.InitialWeights(5)
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Fit(X, y, Epochs(2), Seed(5), Verbose(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := crossEntropy(forward64(w0, X), y) + 0.2*sumSquares(w0[0].W)
	for epoch, got := range h.Loss {
		if math.Abs(got-want) > 1e-5 {
			t.Errorf("epoch %d: loss %.7f, want the mean over all examples %.7f", epoch+1, got, want)
		}
	}
}
