package exercise_test

import (
	"fmt"
	"math"

	"github.com/mlspec-go/nnlab/helpers/exercise"
	"github.com/mlspec-go/nnlab/helpers/nn"
)

// A softmax written for exactly four values fails the check's second case,
// ten equal values whose softmax is ten 0.1s.
func ExampleCheckSoftmaxOn() {
	fourOnly := func(z []float64) []float64 {
		a := make([]float64, 4)
		sum := 0.0
		for i := range 4 {
			sum += math.Exp(z[i])
		}
		for i := range a {
			a[i] = math.Exp(z[i]) / sum
		}
		return a
	}
	fmt.Println(exercise.CheckSoftmaxOn(fourOnly, []float64{1, 2, 3, 4}))
	fmt.Println(exercise.CheckSoftmaxOn(fourOnly, []float64{0, 0, 0, 0, 0}))
	// Output:
	// <nil>
	// Wrong values. Expected [0.2 0.2 0.2 0.2 0.2], got [0.25 0.25 0.25 0.25] (hint: z has 5 values, so the result needs 5: use len(z) rather than a fixed size)
}

// A relu output layer is the usual mistake of Exercise 2: the output layer
// stays linear because the loss works from logits.
func ExampleCheckMulticlassModelOf() {
	model := nn.Sequential("my_model",
		nn.Input(400),
		nn.Dense(25, nn.ReLU).Named("L1"),
		nn.Dense(15, nn.ReLU).Named("L2"),
		nn.Dense(10, nn.ReLU).Named("L3"),
	)
	err := exercise.CheckMulticlassModelOf(model, 10, 400)
	fmt.Println(err.(*exercise.Mismatch).Message)
	// Output:
	// Wrong activation in layer 2. Expected linear but got relu
}
