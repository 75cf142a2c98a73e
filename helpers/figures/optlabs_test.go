package figures

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/nn"
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
	if _, err := LinearNeuron(x, y, []float64{300}, y); err == nil {
		t.Error("LinearNeuron with one prediction for two points: no error")
	}
	xs, ys := []float64{0, 1, 2, 3, 4, 5}, []float64{0, 0, 0, 1, 1, 1}
	b, err = LogisticData(xs, ys)
	decodeSized(t, "onevar", b, err, 400, 300)
	f := func(x float64) float64 { return 1 / (1 + math.Exp(-(2*x - 4.5))) }
	b, err = LogisticNeuron(xs, ys, f, f)
	decodeSized(t, "logistic", b, err, 1000, 350)
}
