package nn_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/helpers/npfmt"
)

// The coffee-roasting lab's normalization: the means and population variances of temperature and
// duration, and the ranges after normalizing.
func ExampleNormalization() {
	X, _ := labdata.LoadCoffeeData()
	var norm nn.Normalization
	norm.MustAdapt(X)
	np := npfmt.Options{Precision: 8}
	fmt.Println("mean", np.Sprint(norm.Mean()))
	fmt.Println("variance", np.Sprint(norm.Variance()))
	Xn := norm.MustApply(X)
	fmt.Printf("Temperature Max, Min post normalization: %0.2f, %0.2f\n", mat.Max(Xn.ColView(0)), mat.Min(Xn.ColView(0)))
	// Output:
	// mean [218.66783308  13.43068489]
	// variance [1.59693397e+03 1.27332530e+00]
	// Temperature Max, Min post normalization: 1.66, -1.69
}

// The coffee-roasting lab's trained weights set into its 2-3-1 network, and the network's
// predictions for a good roast and a bad one.
func ExampleModel_SetWeights() {
	X, _ := labdata.LoadCoffeeData()
	var norm nn.Normalization
	norm.MustAdapt(X)
	model := nn.Sequential("coffee",
		nn.Input(2),
		nn.Dense(3, nn.Sigmoid).Named("layer1"),
		nn.Dense(1, nn.Sigmoid).Named("layer2"),
	)
	model.MustSetWeights([]nn.LayerWeights{
		nn.NewLayerWeights([][]float64{{-8.94, 0.29, 12.89}, {-0.17, -7.34, 10.79}}, []float64{-9.87, -9.28, 1.01}),
		nn.NewLayerWeights([][]float64{{-31.38}, {-27.86}, {-32.79}}, []float64{15.54}),
	})
	Xt := norm.MustApply(mat.NewDense(2, 2, []float64{200, 13.9, 200, 17}))
	np2 := npfmt.Options{Precision: 2}
	fmt.Println("predictions:\n" + np2.Sprint(model.MustPredict(Xt)))
	fmt.Println("layer 1:\n" + np2.Sprint(model.MustLayerOutput(Xt, 0)))
	// Output:
	// predictions:
	// [[9.63e-01]
	//  [3.03e-08]]
	// layer 1:
	// [[3.13e-03 3.85e-06 3.72e-01]
	//  [1.96e-03 6.73e-15 1.00e+00]]
}
