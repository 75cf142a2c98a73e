package exercise

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

// The model exercises of every lab ask for a Sequential model of Dense
// layers: each lab states the model it wants as an architecture (data), and
// checkArchitecture, the one walk over a model, finds the first way the
// learner's model differs from it. Each lab then words that difference with
// its own messages (the course's, which differ from week to week).

// architecture is the model an exercise asks for.
type architecture struct {
	inputs int         // width of nn.Input
	layers []wantLayer // the Dense layers, in order
	// l2 says whether each layer's L2 factor is checked (wantLayer.l2, 0 for
	// none); when false, any factor passes.
	l2 bool
	// compiled says whether the loss and optimizer are checked: the model
	// must be compiled with loss (same name and from_logits) and optimizer
	// (same name and learning rate).
	compiled  bool
	loss      nn.Loss
	optimizer nn.Optimizer
}

// wantLayer is one Dense layer an exercise asks for. Units 0 stands for the
// number of classes, given when the check runs (see architecture.sized).
type wantLayer struct {
	units      int
	activation nn.Activation
	l2         float64
}

// sized returns a copy of a for inputs features and classes classes: every
// layer of 0 units gets classes units.
func (a architecture) sized(classes, inputs int) architecture {
	a.inputs = inputs
	a.layers = append([]wantLayer(nil), a.layers...)
	for i := range a.layers {
		if a.layers[i].units == 0 {
			a.layers[i].units = classes
		}
	}
	return a
}

// archStep is what checkArchitecture found wrong. The steps are taken in
// this order, the course's, and the walk stops at the first that fails.
type archStep int

const (
	noModel           archStep = iota // the model is nil
	invalidModel                      // the model is not valid; got is the error's text
	layerCount                        // want and got are numbers of layers
	inputWidth                        // want and got are input widths
	layerType                         // got is the layer's type
	layerUnits                        // want and got are numbers of units
	layerActivation                   // want and got are nn.Activation values
	unwantedL2                        // got is the L2 factor of a layer that must have none
	missingL2                         // want is the L2 factor a layer lacks
	wrongL2                           // want and got are L2 factors
	notCompiled                       // the model has no loss and optimizer
	wrongLoss                         // got is the loss's name
	wrongOptimizer                    // got is the optimizer's name
	wrongLearningRate                 // want and got are learning rates
	wrongFromLogits                   // want and got are from_logits values
)

// archDiff is the first difference between a model and its architecture.
type archDiff struct {
	step      archStep
	layer     int    // for the layer steps: the layer's index, from 0
	name      string // and its name
	want, got any
}

// checkArchitecture compares model with want, in the course's order: the
// model itself, its number of layers, its input width, then each layer's
// type, units, activation and (if want.l2) L2 factor, then (if want.compiled)
// the loss, the optimizer, its learning rate and from_logits. It returns the
// first difference, or nil when the model is the one wanted.
func checkArchitecture(model *nn.Model, want architecture) *archDiff {
	if model == nil {
		return &archDiff{step: noModel}
	}
	if err := model.Err(); err != nil {
		return &archDiff{step: invalidModel, got: err.Error()}
	}
	layers := model.Layers()
	if len(layers) != len(want.layers) {
		return &archDiff{step: layerCount, want: len(want.layers), got: len(layers)}
	}
	if got := model.InputSize(); got != want.inputs {
		return &archDiff{step: inputWidth, want: want.inputs, got: got}
	}
	for i, l := range layers {
		w := want.layers[i]
		diff := func(step archStep, want, got any) *archDiff {
			return &archDiff{step: step, layer: i, name: l.Name, want: want, got: got}
		}
		switch {
		case l.Type != "Dense":
			return diff(layerType, "Dense", l.Type)
		case l.Units != w.units:
			return diff(layerUnits, w.units, l.Units)
		case l.Activation != w.activation:
			return diff(layerActivation, w.activation, l.Activation)
		case !want.l2:
			// This lab does not check regularization.
		case w.l2 == 0 && l.L2 != 0:
			return diff(unwantedL2, w.l2, l.L2)
		case w.l2 != 0 && l.L2 == 0:
			return diff(missingL2, w.l2, l.L2)
		case w.l2 != 0 && !isClose(l.L2, w.l2, 1e-8):
			return diff(wrongL2, w.l2, l.L2)
		}
	}
	if !want.compiled {
		return nil
	}
	loss, compiled := model.Loss()
	if !compiled {
		return &archDiff{step: notCompiled}
	}
	if loss.String() != want.loss.String() {
		return &archDiff{step: wrongLoss, want: want.loss.String(), got: loss.String()}
	}
	opt, _ := model.Optimizer()
	if opt.String() != want.optimizer.String() {
		return &archDiff{step: wrongOptimizer, want: want.optimizer.String(), got: opt.String()}
	}
	if lr := opt.LearningRate(); !isClose(lr, want.optimizer.LearningRate(), 1e-8) {
		return &archDiff{step: wrongLearningRate, want: want.optimizer.LearningRate(), got: lr}
	}
	if loss.FromLogits() != want.loss.FromLogits() {
		return &archDiff{step: wrongFromLogits, want: want.loss.FromLogits(), got: loss.FromLogits()}
	}
	return nil
}

// activationHint is the hint of the multiclass labs (weeks 2 and 3) for a
// wrong activation.
const activationHint = "the hidden layers use relu; the output layer stays linear, since the loss applies the softmax (from logits)"

// courseModelMessage is the course's sentence for d, as the model tests of
// weeks 2 and 3 word the steps they share (the model, its layers and its
// input). Week 3's test puts the layer type and the activation in angle
// brackets (Keras's class names): tagged does.
func courseModelMessage(d *archDiff, tagged bool) string {
	tag := func(v any) string {
		if tagged {
			return fmt.Sprintf("<%v>", v)
		}
		return fmt.Sprint(v)
	}
	switch d.step {
	case noModel:
		return "Wrong model. Expected a model built with nn.Sequential but got nil"
	case invalidModel:
		return fmt.Sprintf("Wrong model. Expected a valid model but got: %v", d.got)
	case layerCount:
		return fmt.Sprintf("Wrong number of layers. Expected %v but got %v", d.want, d.got)
	case inputWidth:
		return fmt.Sprintf("Wrong input shape. Expected [None,  %v] but got [None, %v]", d.want, d.got)
	case layerType:
		return fmt.Sprintf("Wrong type in layer %d. Expected %s but got %s", d.layer, tag(d.want), tag(d.got))
	case layerUnits:
		return fmt.Sprintf("Wrong number of units in layer %d. Expected [None, %v] but got [None, %v]", d.layer, d.want, d.got)
	case layerActivation:
		return fmt.Sprintf("Wrong activation in layer %d. Expected %s but got %s", d.layer, tag(d.want), tag(d.got))
	}
	panic(fmt.Sprintf("exercise: no course message for architecture step %d", d.step))
}
