package exercise

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

// wantLayer is one layer of the model Exercise 1 asks for.
type wantLayer struct {
	units      int
	activation nn.Activation
}

// exercise1 is the architecture of Exercise 1: 400 inputs, then Dense layers
// of 25, 15 and 1 units, all with a sigmoid activation.
var exercise1 = struct {
	inputs int
	layers []wantLayer
}{400, []wantLayer{{25, nn.Sigmoid}, {15, nn.Sigmoid}, {1, nn.Sigmoid}}}

// CheckModel checks the model of Exercise 1: three Dense layers of 25, 15 and
// 1 units with sigmoid activations, on an input of 400 values. It prints the
// verdict and returns the first failure, or nil; in a notebook cell a failure
// ends the cell with an error instead (see the package documentation).
func CheckModel(model *nn.Model) error {
	return run("model", PassMessage, func() *Failure { return checkModel(model) })
}

func checkModel(model *nn.Model) *Failure {
	if model == nil {
		return &Failure{Case: "model", Expected: "a model built with nn.Sequential", Got: "nil",
			Hint: "build the model with nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(...), ...)"}
	}
	if err := model.Err(); err != nil {
		return &Failure{Case: "model", Expected: "a valid model", Got: err.Error(),
			Hint: "build the model with nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(...), ...)"}
	}
	layers := model.Layers()
	want := exercise1.layers
	if len(layers) != len(want) {
		return &Failure{Case: "number of layers", Expected: fmt.Sprint(len(want)), Got: fmt.Sprint(len(layers)),
			Hint: "the network has three Dense layers after the input"}
	}
	if got := model.InputSize(); got != exercise1.inputs {
		return &Failure{Case: "input shape", Expected: fmt.Sprintf("[None, %d]", exercise1.inputs),
			Got: fmt.Sprintf("[None, %d]", got), Hint: "each image has 20x20 = 400 pixels: nn.Input(400)"}
	}
	for i, l := range layers {
		w := want[i]
		name := fmt.Sprintf("layer %d (%s)", i+1, l.Name)
		if l.Type != "Dense" {
			return &Failure{Case: name + " type", Expected: "Dense", Got: l.Type}
		}
		if l.Units != w.units {
			return &Failure{Case: name + " output shape", Expected: fmt.Sprintf("[None, %d]", w.units),
				Got: fmt.Sprintf("[None, %d]", l.Units), Hint: "the layers have 25, 15 and 1 units"}
		}
		if l.Activation != w.activation {
			return &Failure{Case: name + " activation", Expected: w.activation.String(), Got: l.Activation.String(),
				Hint: "every layer uses the sigmoid activation: nn.Dense(units, nn.Sigmoid)"}
		}
	}
	return nil
}

// CheckModelHidden is CheckModel again, silent when it passes: the hidden
// tests of an autograded notebook call it, after CheckModel, so that the
// grade cell runs this package's check even if the notebook declared a name
// exercise of its own (which would stand in for the visible call).
func CheckModelHidden(model *nn.Model) error {
	return run("model (hidden check)", "", func() *Failure { return checkModel(model) })
}
