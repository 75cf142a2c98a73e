package exercise

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

// multiclassHint is the hint of every failure of CheckMulticlassModel.
const multiclassHint = `nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.ReLU).Named("L1"), nn.Dense(15, nn.ReLU).Named("L2"), nn.Dense(10, nn.Linear).Named("L3"))`

// CheckMulticlassModel checks Exercise 2 of the multiclass lab: a model on
// 400 inputs with three Dense layers of 25 (relu), 15 (relu) and 10 (linear)
// units. Layer names are not checked. It prints "All tests passed!" in
// green, or the first failure with the course's message, and returns the
// failure (nil when the model is right).
func CheckMulticlassModel(model *nn.Model) error {
	return run("my_model", PassMessage, func() *Failure { return checkMulticlassModel(model, 10, 400) })
}

// CheckMulticlassModelHidden is CheckMulticlassModel again, silent when it
// passes: the hidden tests of the autograded notebook call it after
// CheckMulticlassModel, so that the grade cell runs this package's check even
// if the notebook declared a name exercise of its own (which would stand in
// for the visible call).
func CheckMulticlassModelHidden(model *nn.Model) error {
	return run("my_model (hidden check)", "", func() *Failure { return checkMulticlassModel(model, 10, 400) })
}

// CheckMulticlassModelOf checks, without printing anything, that model has
// inputs inputs and three Dense layers of 25 relu, 15 relu and classes linear
// units, in the course's order (number of layers, input shape, then per layer
// its type, units and activation), stopping at the first failure, which it
// returns as a *Failure with the course's message. CheckMulticlassModel runs
// it with 10 classes and 400 inputs.
func CheckMulticlassModelOf(model *nn.Model, classes, inputs int) error {
	if f := checkMulticlassModel(model, classes, inputs); f != nil {
		return f
	}
	return nil
}

// multiclassModel is the architecture of Exercise 2: Dense layers of 25
// relu, 15 relu and classes (units 0) linear units.
var multiclassModel = architecture{layers: []wantLayer{{25, nn.ReLU, 0}, {15, nn.ReLU, 0}, {0, nn.Linear, 0}}}

func checkMulticlassModel(model *nn.Model, classes, inputs int) *Failure {
	d := checkArchitecture(model, multiclassModel.sized(classes, inputs))
	if d == nil {
		return nil
	}
	f := &Failure{Message: courseModelMessage(d, false), Hint: multiclassHint}
	switch d.step {
	case layerCount:
		f.Hint = "three nn.Dense layers follow nn.Input(400)"
	case inputWidth:
		f.Hint = fmt.Sprintf("each example has %d values: start with nn.Input(%d)", inputs, inputs)
	case layerType:
		f.Hint = "every layer is an nn.Dense"
	case layerUnits:
		f.Hint = fmt.Sprintf("the layers have 25, 15 and %d units", classes)
	case layerActivation:
		f.Hint = activationHint
	}
	return f
}
