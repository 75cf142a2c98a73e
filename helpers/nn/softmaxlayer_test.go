package nn

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// blobs4 is four well separated clusters of 25 points, labelled 0 to 3.
func blobs4() (*mat.Dense, *mat.Dense) {
	centers := [][]float64{{-5, 2}, {-2, -2}, {1, 2}, {5, -2}}
	X, y := mat.NewDense(100, 2, nil), mat.NewDense(100, 1, nil)
	for i := range 100 {
		c := i % 4
		// A fixed spread around each centre, no randomness needed.
		X.Set(i, 0, centers[c][0]+0.5*math.Sin(float64(i)))
		X.Set(i, 1, centers[c][1]+0.5*math.Cos(float64(3*i)))
		y.Set(i, 0, float64(c))
	}
	return X, y
}

// The course's "obvious" model: a softmax last layer trained with SparseCategoricalCrossentropy(false)
// learns the clusters, predicts probabilities (rows summing to 1), and its loss is the mean of
// -log p[label] computed from those probabilities.
func TestSoftmaxLastLayer(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := blobs4()
	m := Sequential("obvious", Input(2), Dense(8, ReLU), Dense(4, SoftmaxActivation))
	if err := m.Err(); err != nil {
		t.Fatal(err)
	}
	m.Compile(SparseCategoricalCrossentropy(false), Adam(0.01))
	h, err := m.Fit(X, y, Epochs(60), Seed(1), Verbose(nil))
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	var nll float64
	for i := range 100 {
		var sum float64
		for j := range 4 {
			sum += p.At(i, j)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Fatalf("row %d of the prediction sums to %v, want 1", i, sum)
		}
		if got, want := ArgmaxRows(p.Slice(i, i+1, 0, 4))[0], int(y.At(i, 0)); got != want {
			t.Errorf("point %d predicted class %d, want %d", i, got, want)
		}
		nll -= math.Log(math.Max(p.At(i, int(y.At(i, 0))), 1e-7))
	}
	// The last epoch's loss was measured during that epoch, before its last updates: close, not equal.
	if last := h.Loss[len(h.Loss)-1]; math.Abs(last-nll/100) > 0.05 {
		t.Errorf("last epoch's loss %v, the mean -log p[label] after training %v", last, nll/100)
	}
	// DenseForward with the softmax agrees with Predict.
	ws, _ := m.Weights()
	q := DenseForward(DenseForward(X, ws[0], ReLU), ws[1], SoftmaxActivation)
	if !mat.EqualApprox(p, q, 1e-5) {
		t.Error("DenseForward with SoftmaxActivation differs from Predict")
	}
	// A softmax layer with the from-logits loss, or the probability loss without a softmax layer, is refused.
	lin := Sequential("lin", Input(2), Dense(4, Linear))
	lin.Compile(SparseCategoricalCrossentropy(false), Adam(0.01))
	if _, err := lin.Fit(X, y, Epochs(1), Verbose(nil)); err == nil {
		t.Error("SparseCategoricalCrossentropy(false) on a linear last layer: no error")
	}
}
