package exercise

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

// multiclassModelPassed is what CheckMulticlassModel prints (in green) when
// the model is right.
const multiclassModelPassed = "All tests passed!"

// multiclassHint is the hint of every failure of CheckMulticlassModel.
const multiclassHint = `nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.ReLU).Named("L1"), nn.Dense(15, nn.ReLU).Named("L2"), nn.Dense(10, nn.Linear).Named("L3"))`

// CheckMulticlassModel checks Exercise 2 of the multiclass lab: a model on
// 400 inputs with three Dense layers of 25 (relu), 15 (relu) and 10 (linear)
// units. Layer names are not checked. It prints "All tests passed!" in
// green, or the first failure with the course's message, and returns the
// failure (nil when the model is right).
func CheckMulticlassModel(model *nn.Model) error {
	return run("my_model", multiclassModelPassed, func() *Failure { return checkMulticlassModel(model, 10, 400) })
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

func checkMulticlassModel(model *nn.Model, classes, inputs int) *Failure {
	if model == nil {
		return &Failure{Message: "Wrong model. Expected a model built with nn.Sequential but got nil", Hint: multiclassHint}
	}
	if err := model.Err(); err != nil {
		return &Failure{Message: "Wrong model. Expected a valid model but got: " + err.Error(), Hint: multiclassHint}
	}
	want := []struct {
		units      int
		activation nn.Activation
	}{{25, nn.ReLU}, {15, nn.ReLU}, {classes, nn.Linear}}
	layers := model.Layers()
	if len(layers) != len(want) {
		return &Failure{Message: fmt.Sprintf("Wrong number of layers. Expected %d but got %d", len(want), len(layers)),
			Hint: "three nn.Dense layers follow nn.Input(400)"}
	}
	if got := model.InputSize(); got != inputs {
		return &Failure{Message: fmt.Sprintf("Wrong input shape. Expected [None,  %d] but got [None, %d]", inputs, got),
			Hint: fmt.Sprintf("each example has %d values: start with nn.Input(%d)", inputs, inputs)}
	}
	for i, l := range layers {
		w := want[i]
		if l.Type != "Dense" {
			return &Failure{Message: fmt.Sprintf("Wrong type in layer %d. Expected Dense but got %s", i, l.Type),
				Hint: "every layer is an nn.Dense"}
		}
		if l.Units != w.units {
			return &Failure{Message: fmt.Sprintf("Wrong number of units in layer %d. Expected [None, %d] but got [None, %d]", i, w.units, l.Units),
				Hint: fmt.Sprintf("the layers have 25, 15 and %d units", classes)}
		}
		if got := l.Activation; got != w.activation {
			return &Failure{Message: fmt.Sprintf("Wrong activation in layer %d. Expected %s but got %s", i, w.activation, got),
				Hint: "the hidden layers use relu; the output layer stays linear, since the loss applies the softmax (from logits)"}
		}
	}
	return nil
}
