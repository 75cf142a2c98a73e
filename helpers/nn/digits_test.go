package nn

import (
	"math"
	"testing"

	"github.com/mlspec-go/nnlab/autils"
	"gonum.org/v1/gonum/mat"
)

// TestTrainOnDigits trains the lab's network as the notebook does (20 epochs, batch 32, Adam 0.001)
// on the lab's 1000 digits and checks what the notebook shows.
func TestTrainOnDigits(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := autils.LoadData()
	m := labModel(t)
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	h, err := m.Fit(X, y, Epochs(20), Seed(2024), Verbose(nil))
	if err != nil {
		t.Fatal(err)
	}
	if first, last := h.Loss[0], h.Loss[19]; !(first > 0.3 && last < 0.1 && last < first) {
		t.Errorf("losses from %.4f to %.4f; Keras goes from about 0.63 to about 0.02", first, last)
	}
	p := m.MustPredict(X)
	correct := 0
	for i := range 1000 {
		yhat := 0.0
		if p.At(i, 0) >= 0.5 {
			yhat = 1
		}
		if yhat == y.At(i, 0) {
			correct++
		}
	}
	if acc := float64(correct) / 1000; acc < 0.99 {
		t.Errorf("training accuracy %.3f, want >= 0.99", acc)
	}
	p0 := m.MustPredict(mat.DenseCopyOf(X.Slice(0, 1, 0, 400)))
	p500 := m.MustPredict(mat.DenseCopyOf(X.Slice(500, 501, 0, 400)))
	if p0.At(0, 0) >= 0.1 || p500.At(0, 0) <= 0.9 {
		t.Errorf("predicting a zero: %v, a one: %v; want < 0.1 and > 0.9", p0.At(0, 0), p500.At(0, 0))
	}
	// A 1-row and a 1000-row float32 product may add in different orders,
	// so the two can differ in their last bits (a few float32 ulps), no more.
	if math.Abs(p0.At(0, 0)-p.At(0, 0)) > 1e-6 || math.Abs(p500.At(0, 0)-p.At(500, 0)) > 1e-6 {
		t.Errorf("one-row predictions %v, %v differ from the batch ones %v, %v", p0.At(0, 0), p500.At(0, 0), p.At(0, 0), p.At(500, 0))
	}
	w := m.MustWeights()
	shapes := [][3]int{{400, 25, 25}, {25, 15, 15}, {15, 1, 1}}
	for i, s := range shapes {
		r, c := w[i].W.Dims()
		if r != s[0] || c != s[1] || w[i].B.Len() != s[2] {
			t.Errorf("W%d is (%d, %d) and b%d (%d,), want (%d, %d) and (%d,)", i+1, r, c, i+1, w[i].B.Len(), s[0], s[1], s[2])
		}
	}
}
