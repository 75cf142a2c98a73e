package exercise_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/exercise"
	"github.com/mlspec-go/nnlab/helpers/nn"
)

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
	fmt.Println(err.(*exercise.Failure).Message)
	// Output:
	// Wrong activation in layer 2. Expected linear but got relu
}
