package figures

import (
	"image/color"
	"math"
	"testing"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
)

func coffeeWeights() []nn.LayerWeights {
	return []nn.LayerWeights{
		nn.NewLayerWeights([][]float64{{-8.94, 0.29, 12.89}, {-0.17, -7.34, 10.79}}, []float64{-9.87, -9.28, 1.01}),
		nn.NewLayerWeights([][]float64{{-31.38}, {-27.86}, {-32.79}}, []float64{15.54}),
	}
}

func TestLinearNeuronErrors(t *testing.T) {
	x, y := []float64{1, 2}, []float64{300, 500}
	if _, err := LinearNeuron(x, y, []float64{300}, y); err == nil {
		t.Error("LinearNeuron with one prediction for two points: no error")
	}
}

func TestReLUExample(t *testing.T) {
	if _, err := ReLUExample(math.NaN(), 0, 0, 0); err == nil {
		t.Error("ReLUExample(NaN, ...): no error")
	}
	// The solution's sum of units is the target at every point.
	x, target := reluTarget()
	for i := range x {
		sum := math.Max(0, -2*x[i]+2) + math.Max(0, x[i]-1) + math.Max(0, 2*x[i]-4)
		if math.Abs(sum-target[i]) > 1e-12 {
			t.Fatalf("at x=%v the solved units give %v, the target is %v", x[i], sum, target[i])
		}
	}
}

func TestMulticlassErrors(t *testing.T) {
	X, y := sklearn.MakeBlobs(100, [][]float64{{-5, 2}, {-2, -2}, {1, 2}, {5, -2}}, 1.0, 30)
	if _, err := MulticlassData(X, y[:5], 4); err == nil {
		t.Error("MulticlassData with 5 labels for 100 points: no error")
	}
	if _, err := MulticlassData(X, y, 3); err == nil {
		t.Error("MulticlassData with class 3 among 3 classes: no error")
	}
}

func TestTruncatedBlues(t *testing.T) {
	cm := NewTruncatedBlues(0.5, 0, 1)
	lo, _ := cm.At(0)
	hi, _ := cm.At(1)
	if lo != color.Color(rgb(0xf7, 0xfb, 0xff)) {
		t.Errorf("the lightest colour is %v, want Blues(0) #f7fbff", lo)
	}
	// Blues(0.5) is ColorBrewer's fifth blue, #6baed6.
	if hi != color.Color(rgb(0x6b, 0xae, 0xd6)) {
		t.Errorf("Blues truncated at 0.5 ends at %v, want #6baed6", hi)
	}
	if ClassColors[0] != rgb(0x1f, 0x78, 0xb4) || ClassColors[3] != rgb(0x6a, 0x3d, 0x9a) {
		t.Errorf("ClassColors %v do not start with Paired's dark blue, green, orange, purple", ClassColors[:4])
	}
}
