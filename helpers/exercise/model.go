package exercise

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

// exercise1 is the architecture of Exercise 1: 400 inputs, then Dense layers
// of 25, 15 and 1 units, all with a sigmoid activation.
var exercise1 = architecture{inputs: 400, layers: []wantLayer{{25, nn.Sigmoid, 0}, {15, nn.Sigmoid, 0}, {1, nn.Sigmoid, 0}}}

// CheckModel checks the model of Exercise 1: three Dense layers of 25, 15 and
// 1 units with sigmoid activations, on an input of 400 values. It prints the
// verdict and returns the first failure, or nil; in a notebook cell a failure
// ends the cell with an error instead (see the package documentation).
func CheckModel(model *nn.Model) error {
	return run("model", PassMessage, func() *Failure { return checkModel(model) })
}

func checkModel(model *nn.Model) *Failure {
	d := checkArchitecture(model, exercise1)
	if d == nil {
		return nil
	}
	const build = "build the model with nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(...), ...)"
	layer := fmt.Sprintf("layer %d (%s)", d.layer+1, d.name)
	switch d.step {
	case noModel:
		return &Failure{Case: "model", Expected: "a model built with nn.Sequential", Got: "nil", Hint: build}
	case invalidModel:
		return &Failure{Case: "model", Expected: "a valid model", Got: fmt.Sprint(d.got), Hint: build}
	case layerCount:
		return &Failure{Case: "number of layers", Expected: fmt.Sprint(d.want), Got: fmt.Sprint(d.got),
			Hint: "the network has three Dense layers after the input"}
	case inputWidth:
		return &Failure{Case: "input shape", Expected: fmt.Sprintf("[None, %v]", d.want), Got: fmt.Sprintf("[None, %v]", d.got),
			Hint: "each image has 20x20 = 400 pixels: nn.Input(400)"}
	case layerType:
		return &Failure{Case: layer + " type", Expected: fmt.Sprint(d.want), Got: fmt.Sprint(d.got)}
	case layerUnits:
		return &Failure{Case: layer + " output shape", Expected: fmt.Sprintf("[None, %v]", d.want), Got: fmt.Sprintf("[None, %v]", d.got),
			Hint: "the layers have 25, 15 and 1 units"}
	case layerActivation:
		return &Failure{Case: layer + " activation", Expected: fmt.Sprint(d.want), Got: fmt.Sprint(d.got),
			Hint: "every layer uses the sigmoid activation: nn.Dense(units, nn.Sigmoid)"}
	}
	panic(fmt.Sprintf("exercise: Exercise 1 checks no architecture step %d", d.step))
}

// CheckModelHidden is CheckModel again, silent when it passes: the hidden
// tests of an autograded notebook call it, after CheckModel, so that the
// grade cell runs this package's check even if the notebook declared a name
// exercise of its own (which would stand in for the visible call).
func CheckModelHidden(model *nn.Model) error {
	return run("model (hidden check)", "", func() *Failure { return checkModel(model) })
}
