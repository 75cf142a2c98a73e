package figures_test

import (
	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/figures"
	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
)

// The coffee-roasting labs' figures: the roasts, each first-layer unit's map and the network's
// probability and decisions, for the course's saved weights. A notebook calls the Show forms.
func ExampleCoffeeLayer() {
	X, Y := labdata.LoadCoffeeData()
	var norm nn.Normalization
	norm.MustAdapt(X)
	l1 := nn.NewLayerWeights([][]float64{{-8.94, 0.29, 12.89}, {-0.17, -7.34, 10.79}}, []float64{-9.87, -9.28, 1.01})
	l2 := nn.NewLayerWeights([][]float64{{-31.38}, {-27.86}, {-32.79}}, []float64{15.54})
	layer1 := func(T *mat.Dense) *mat.Dense { return nn.DenseForward(norm.MustApply(T), l1, nn.Sigmoid) }
	network := func(T *mat.Dense) *mat.Dense { return nn.DenseForward(layer1(T), l2, nn.Sigmoid) }
	pixels(figures.CoffeeRoast(X, Y))
	pixels(figures.CoffeeLayer(X, Y, 3, layer1))
	pixels(figures.CoffeeNetwork(X, Y, network))
	// Output:
	// PNG 500x400
	// PNG 1600x400
	// PNG 800x400
}

// The ReLU lab's figure at the sliders' start and at the solution.
func ExampleReLUExample() {
	pixels(figures.ReLUExample(0, 0, 0, 0))
	pixels(figures.ReLUExample(1, -1, 2, -4))
	// Output:
	// PNG 800x450
	// PNG 800x450
}

// The multiclass lab's data and a classifier's boundaries (here: the nearest centre).
func ExampleMulticlassBoundary() {
	centers := [][]float64{{-5, 2}, {-2, -2}, {1, 2}, {5, -2}}
	X, y := sklearn.MakeBlobs(100, centers, 1.0, 30)
	nearest := func(G *mat.Dense) []int {
		r, _ := G.Dims()
		out := make([]int, r)
		for i := range r {
			best := 1e300
			for k, c := range centers {
				if d := (G.At(i, 0)-c[0])*(G.At(i, 0)-c[0]) + (G.At(i, 1)-c[1])*(G.At(i, 1)-c[1]); d < best {
					best, out[i] = d, k
				}
			}
		}
		return out
	}
	pixels(figures.MulticlassData(X, y, 4))
	pixels(figures.MulticlassBoundary(X, y, 4, nearest))
	// Output:
	// PNG 350x350
	// PNG 350x350
}
