package nn_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"gonum.org/v1/gonum/mat"
)

// A regression network, as the week-3 optional lab trains it (Keras's loss='mse'): a linear last layer
// and real-valued targets, here y = 2x + 1.
func ExampleMeanSquaredError() {
	model := nn.Sequential("mse_example", nn.Input(1), nn.Dense(8, nn.ReLU), nn.Dense(1, nn.Linear))
	model.Compile(nn.MeanSquaredError(), nn.Adam(0.1))
	X := mat.NewDense(5, 1, []float64{0, 1, 2, 3, 4})
	y := mat.NewDense(5, 1, []float64{1, 3, 5, 7, 9})
	h := model.MustFit(X, y, nn.Epochs(300), nn.Seed(1), nn.Verbose(nil))
	p := model.MustPredict(mat.NewDense(1, 1, []float64{2}))
	l, _ := model.Loss()
	fmt.Println("loss:", l)
	fmt.Printf("last loss below 0.1: %v, prediction at 2: %.0f\n", h.Loss[len(h.Loss)-1] < 0.1, p.At(0, 0))
	// Output:
	// loss: mean_squared_error
	// last loss below 0.1: true, prediction at 2: 5
}

// A binary classifier with a linear last layer, as the week-3 optional lab builds it (Keras's
// BinaryCrossentropy(from_logits=True)): Predict returns logits, positive for class 1.
func ExampleBinaryCrossentropyFromLogits() {
	model := nn.Sequential("logits_example", nn.Input(1), nn.Dense(4, nn.ReLU), nn.Dense(1, nn.Linear))
	model.Compile(nn.BinaryCrossentropyFromLogits(), nn.Adam(0.05))
	X := mat.NewDense(6, 1, []float64{-3, -2, -1, 1, 2, 3})
	y := mat.NewDense(6, 1, []float64{0, 0, 0, 1, 1, 1})
	model.MustFit(X, y, nn.Epochs(200), nn.Seed(1), nn.Verbose(nil))
	logits := model.MustPredict(X)
	for i := range 6 {
		fmt.Print(logits.At(i, 0) > 0, " ")
	}
	fmt.Println()
	// Output: false false false true true true
}
