package figures

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
)

// decode returns the PNG's image, failing the test unless it is w x h pixels.
func decodeSized(t *testing.T, name string, b []byte, err error, w, h int) image.Image {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if got := img.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("%s is %dx%d, want %dx%d", name, got.X, got.Y, w, h)
	}
	if dir := os.Getenv("FIGURES_OUT"); dir != "" {
		_ = os.WriteFile(dir+"/"+name+".png", b, 0o644)
	}
	return img
}

func coffeeWeights() []nn.LayerWeights {
	return []nn.LayerWeights{
		nn.NewLayerWeights([][]float64{{-8.94, 0.29, 12.89}, {-0.17, -7.34, 10.79}}, []float64{-9.87, -9.28, 1.01}),
		nn.NewLayerWeights([][]float64{{-31.38}, {-27.86}, {-32.79}}, []float64{15.54}),
	}
}

func TestCoffeeFigures(t *testing.T) {
	X, Y := labdata.LoadCoffeeData()
	var norm nn.Normalization
	norm.MustAdapt(X)
	ws := coffeeWeights()
	layer1 := func(T *mat.Dense) *mat.Dense { return nn.DenseForward(norm.MustApply(T), ws[0], nn.Sigmoid) }
	layer2 := func(A *mat.Dense) *mat.Dense { return nn.DenseForward(A, ws[1], nn.Sigmoid) }
	net := func(T *mat.Dense) *mat.Dense { return layer2(layer1(T)) }
	b, err := CoffeeRoast(X, Y)
	decodeSized(t, "roast", b, err, 500, 400)
	b, err = CoffeeLayer(X, Y, 3, layer1)
	img := decodeSized(t, "layer", b, err, 1600, 400)
	// Unit 0 is a "bad roast" detector for low temperatures: dark (high) at the left of its map,
	// light at the right.
	l, r := img.At(60, 200), img.At(420, 200)
	lr, _, _, _ := l.RGBA()
	rr, _, _, _ := r.RGBA()
	if !(lr < rr) {
		t.Errorf("unit 0's map is not darker at low temperature: %v at the left, %v at the right", l, r)
	}
	b, err = CoffeeOutputUnit(layer2)
	decodeSized(t, "output", b, err, 1200, 350)
	b, err = CoffeeNetwork(X, Y, net)
	decodeSized(t, "network", b, err, 800, 400)
}

func TestNeuronFigures(t *testing.T) {
	x, y := []float64{1, 2}, []float64{300, 500}
	b, err := HousePrices(x, y)
	decodeSized(t, "houses", b, err, 400, 300)
	b, err = LinearNeuron(x, y, []float64{300, 500}, []float64{300, 500})
	decodeSized(t, "linear", b, err, 800, 300)
	if _, err = LinearNeuron(x, y, []float64{300}, y); err == nil {
		t.Error("LinearNeuron with one prediction for two points: no error")
	}
	xs, ys := []float64{0, 1, 2, 3, 4, 5}, []float64{0, 0, 0, 1, 1, 1}
	b, err = LogisticData(xs, ys)
	decodeSized(t, "onevar", b, err, 400, 300)
	f := func(x float64) float64 { return 1 / (1 + math.Exp(-(2*x - 4.5))) }
	b, err = LogisticNeuron(xs, ys, f, f)
	decodeSized(t, "logistic", b, err, 1000, 350)
}

func TestReLUExample(t *testing.T) {
	b, err := ReLUExample(ReLUStart[0], ReLUStart[1], ReLUStart[2], ReLUStart[3])
	decodeSized(t, "relu", b, err, 800, 450)
	b, err = ReLUExample(1, -1, 2, -4)
	decodeSized(t, "relu_solved", b, err, 800, 450)
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

func TestMulticlassFigures(t *testing.T) {
	X, y := sklearn.MakeBlobs(100, [][]float64{{-5, 2}, {-2, -2}, {1, 2}, {5, -2}}, 1.0, 30)
	l1 := nn.NewLayerWeights([][]float64{{-1.67, -0.60}, {-1.03, 1.96}}, []float64{1.40, 1.09})
	l2 := nn.NewLayerWeights([][]float64{{1, 0.5, -1, -2}, {2, -1, 1.5, -2}}, []float64{0, 1, 1, 3})
	b, err := MulticlassData(X, y, 4)
	decodeSized(t, "mc_data", b, err, 350, 350)
	b, err = MulticlassBoundary(X, y, 4, func(G *mat.Dense) []int {
		return nn.ArgmaxRows(nn.DenseForward(nn.DenseForward(G, l1, nn.ReLU), l2, nn.Linear))
	})
	decodeSized(t, "mc_boundary", b, err, 350, 350)
	b, err = MulticlassLayerReLU(X, y, 4, l1.W, l1.B)
	decodeSized(t, "mc_relu", b, err, 800, 350)
	b, err = MulticlassOutputLinear(nn.DenseForward(X, l1, nn.ReLU), y, 4, l2.W, l2.B)
	decodeSized(t, "mc_output", b, err, 700, 600)
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
