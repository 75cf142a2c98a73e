package exercise

import (
	"errors"
	"reflect"
	"testing"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/internal/reference/advice"
)

// compiledAs returns m compiled with loss and opt.
func compiledAs(m *nn.Model, loss nn.Loss, opt nn.Optimizer) *nn.Model {
	m.Compile(loss, opt)
	return m
}

func TestCheckArchitecture(t *testing.T) {
	d, s, r, l := nn.Dense, nn.Sigmoid, nn.ReLU, nn.Linear
	logits, adam := nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01)
	// Two layers on 3 inputs, the second regularized; compiled only where asked.
	plain := architecture{inputs: 3, layers: []wantLayer{{4, r, 0}, {2, l, 0.5}}}
	regularized := plain
	regularized.l2 = true
	compiled := regularized
	compiled.compiled, compiled.loss, compiled.optimizer = true, logits, adam
	good := func() *nn.Model { return nn.Sequential("m", nn.Input(3), d(4, r), d(2, l).L2(0.5)) }
	goodCompiled := func() *nn.Model { return compiledAs(good(), logits, adam) }

	for _, tc := range []struct {
		name  string
		model *nn.Model
		want  architecture
		diff  *archDiff // nil: the model is the one wanted
	}{
		{"right", good(), plain, nil},
		{"right, L2 checked", good(), regularized, nil},
		{"right, compiled", goodCompiled(), compiled, nil},
		{"any L2 when not checked", nn.Sequential("m", nn.Input(3), d(4, r).L2(1), d(2, l)), plain, nil},
		{"L2 within 1e-8", nn.Sequential("m", nn.Input(3), d(4, r), d(2, l).L2(0.5+1e-9)), regularized, nil},
		{"compilation not checked", compiledAs(good(), nn.BinaryCrossentropy(), nn.Adam(1)), regularized, nil},
		{"layer names not checked", nn.Sequential("m", nn.Input(3), d(4, r).Named("A"), d(2, l).Named("B").L2(0.5)), regularized, nil},
		{"nil", nil, plain, &archDiff{step: noModel}},
		{"invalid", nn.Sequential("m", d(4, r)), plain, &archDiff{step: invalidModel,
			got: `nn: model "m" must start with nn.Input(n), e.g. Sequential("m", nn.Input(400), nn.Dense(25, nn.Sigmoid))`}},
		{"one layer", nn.Sequential("m", nn.Input(3), d(4, r)), plain, &archDiff{step: layerCount, want: 2, got: 1}},
		{"count before input", nn.Sequential("m", nn.Input(5), d(4, r)), plain, &archDiff{step: layerCount, want: 2, got: 1}},
		{"input", nn.Sequential("m", nn.Input(5), d(4, r), d(2, l)), plain, &archDiff{step: inputWidth, want: 3, got: 5}},
		{"units", nn.Sequential("m", nn.Input(3), d(4, r), d(3, l)), plain, &archDiff{step: layerUnits, layer: 1, name: "dense_1", want: 2, got: 3}},
		{"units before activation", nn.Sequential("m", nn.Input(3), d(5, s), d(2, l)), plain, &archDiff{step: layerUnits, layer: 0, name: "dense", want: 4, got: 5}},
		{"activation", nn.Sequential("m", nn.Input(3), d(4, s).Named("H"), d(2, l)), plain, &archDiff{step: layerActivation, layer: 0, name: "H", want: r, got: s}},
		{"unwanted L2", nn.Sequential("m", nn.Input(3), d(4, r).L2(0.1), d(2, l).L2(0.5)), regularized, &archDiff{step: unwantedL2, layer: 0, name: "dense", want: 0.0, got: 0.1}},
		{"missing L2", nn.Sequential("m", nn.Input(3), d(4, r), d(2, l)), regularized, &archDiff{step: missingL2, layer: 1, name: "dense_1", want: 0.5, got: 0.0}},
		{"L2 factor", nn.Sequential("m", nn.Input(3), d(4, r), d(2, l).L2(0.05)), regularized, &archDiff{step: wrongL2, layer: 1, name: "dense_1", want: 0.5, got: 0.05}},
		{"layers before compilation", nn.Sequential("m", nn.Input(3), d(4, r), d(2, l)), compiled, &archDiff{step: missingL2, layer: 1, name: "dense_1", want: 0.5, got: 0.0}},
		{"not compiled", good(), compiled, &archDiff{step: notCompiled}},
		{"loss", compiledAs(good(), nn.BinaryCrossentropy(), adam), compiled, &archDiff{step: wrongLoss, want: logits.String(), got: nn.BinaryCrossentropy().String()}},
		{"optimizer", goodCompiled(), func() architecture { a := compiled; a.optimizer = nn.Optimizer{}; return a }(), &archDiff{step: wrongOptimizer, want: "", got: "adam"}},
		{"learning rate", compiledAs(good(), logits, nn.Adam(0.001)), compiled, &archDiff{step: wrongLearningRate, want: 0.01, got: 0.001}},
		{"learning rate before from_logits", compiledAs(good(), nn.SparseCategoricalCrossentropy(false), nn.Adam(0.001)), compiled, &archDiff{step: wrongLearningRate, want: 0.01, got: 0.001}},
		{"from_logits", compiledAs(good(), nn.SparseCategoricalCrossentropy(false), adam), compiled, &archDiff{step: wrongFromLogits, want: true, got: false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkArchitecture(tc.model, tc.want); !reflect.DeepEqual(got, tc.diff) {
				t.Errorf("checkArchitecture = %+v, want %+v", got, tc.diff)
			}
		})
	}
}

// sized fills in the classes and inputs, and leaves the lab's architecture as it was.
func TestArchitectureSized(t *testing.T) {
	base := architecture{layers: []wantLayer{{25, nn.ReLU, 0}, {0, nn.Linear, 0}}}
	got := base.sized(7, 64)
	want := architecture{inputs: 64, layers: []wantLayer{{25, nn.ReLU, 0}, {7, nn.Linear, 0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sized(7, 64) = %+v, want %+v", got, want)
	}
	if base.inputs != 0 || base.layers[1].units != 0 {
		t.Errorf("sized changed the lab's architecture: %+v", base)
	}
}

// The messages every lab's model check prints for each step, byte for byte:
// the course's, as the notebooks show them and the grading tests compare them.
func TestModelCheckMessages(t *testing.T) {
	d, s, r, l := nn.Dense, nn.Sigmoid, nn.ReLU, nn.Linear
	compiled := func(m *nn.Model) *nn.Model { advice.Compile(m); return m }
	complexAs := func(loss nn.Loss, opt nn.Optimizer) *nn.Model { return compiledAs(advice.Complex(6, 2), loss, opt) }
	week1 := CheckModel
	week2 := CheckMulticlassModel
	complexModel := func(m *nn.Model) error { return CheckComplexModel(m, 6, 2) }
	simpleModel := func(m *nn.Model) error { return CheckSimpleModel(m, 6, 2) }
	simple3 := func(m *nn.Model) error { return CheckSimpleModel(m, 6, 3) }
	regularizedModel := func(m *nn.Model) error { return CheckRegularizedModel(m, 6, 2) }
	invalid := func() *nn.Model { return nn.Sequential("m", d(25, r)) }
	for _, tc := range []struct {
		name  string
		check func(*nn.Model) error
		model *nn.Model
		want  string
	}{
		{"week 1, nil", week1, nil,
			"\x1b[91mTest failed: model\x1b[0m\n  expected: a model built with nn.Sequential\n  found:    nil\n  hint:     build the model with nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(...), ...)\n"},
		{"week 1, invalid", week1, invalid(),
			"\x1b[91mTest failed: model\x1b[0m\n  expected: a valid model\n  found:    nn: model \"m\" must start with nn.Input(n), e.g. Sequential(\"m\", nn.Input(400), nn.Dense(25, nn.Sigmoid))\n  hint:     build the model with nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(...), ...)\n"},
		{"week 1, two layers", week1, nn.Sequential("m", nn.Input(400), d(25, s), d(1, s)),
			"\x1b[91mTest failed: number of layers\x1b[0m\n  expected: 3\n  found:    2\n  hint:     the network has three Dense layers after the input\n"},
		{"week 1, input 401", week1, nn.Sequential("m", nn.Input(401), d(25, s), d(15, s), d(1, s)),
			"\x1b[91mTest failed: input shape\x1b[0m\n  expected: [None, 400]\n  found:    [None, 401]\n  hint:     each image has 20x20 = 400 pixels: nn.Input(400)\n"},
		{"week 1, units swapped", week1, nn.Sequential("m", nn.Input(400), d(15, s), d(25, s), d(1, s)),
			"\x1b[91mTest failed: layer 1 (dense) output shape\x1b[0m\n  expected: [None, 25]\n  found:    [None, 15]\n  hint:     the layers have 25, 15 and 1 units\n"},
		{"week 1, relu in a named layer", week1, nn.Sequential("m", nn.Input(400), d(25, s), d(15, r).Named("X"), d(1, s)),
			"\x1b[91mTest failed: layer 2 (X) activation\x1b[0m\n  expected: sigmoid\n  found:    relu\n  hint:     every layer uses the sigmoid activation: nn.Dense(units, nn.Sigmoid)\n"},
		{"week 2, nil", week2, nil,
			"\x1b[91mTest failed: Wrong model. Expected a model built with nn.Sequential but got nil (hint: nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(25, nn.ReLU).Named(\"L1\"), nn.Dense(15, nn.ReLU).Named(\"L2\"), nn.Dense(10, nn.Linear).Named(\"L3\")))\x1b[0m\n"},
		{"week 2, invalid", week2, invalid(),
			"\x1b[91mTest failed: Wrong model. Expected a valid model but got: nn: model \"m\" must start with nn.Input(n), e.g. Sequential(\"m\", nn.Input(400), nn.Dense(25, nn.Sigmoid)) (hint: nn.Sequential(\"my_model\", nn.Input(400), nn.Dense(25, nn.ReLU).Named(\"L1\"), nn.Dense(15, nn.ReLU).Named(\"L2\"), nn.Dense(10, nn.Linear).Named(\"L3\")))\x1b[0m\n"},
		{"week 2, four layers", week2, nn.Sequential("m", nn.Input(400), d(25, r), d(15, r), d(15, r), d(10, l)),
			"\x1b[91mTest failed: Wrong number of layers. Expected 3 but got 4 (hint: three nn.Dense layers follow nn.Input(400))\x1b[0m\n"},
		{"week 2, input 20", week2, nn.Sequential("m", nn.Input(20), d(25, r), d(15, r), d(10, l)),
			"\x1b[91mTest failed: Wrong input shape. Expected [None,  400] but got [None, 20] (hint: each example has 400 values: start with nn.Input(400))\x1b[0m\n"},
		{"week 2, one output", week2, nn.Sequential("m", nn.Input(400), d(25, r), d(15, r), d(1, l)),
			"\x1b[91mTest failed: Wrong number of units in layer 2. Expected [None, 10] but got [None, 1] (hint: the layers have 25, 15 and 10 units)\x1b[0m\n"},
		{"week 2, sigmoid first", week2, nn.Sequential("m", nn.Input(400), d(25, s), d(15, r), d(10, l)),
			"\x1b[91mTest failed: Wrong activation in layer 0. Expected relu but got sigmoid (hint: the hidden layers use relu; the output layer stays linear, since the loss applies the softmax (from logits))\x1b[0m\n"},
		{"week 3 complex, nil", complexModel, nil,
			"\x1b[91mTest failed: Wrong model. Expected a model built with nn.Sequential but got nil (hint: nn.Input(2), nn.Dense(120, nn.ReLU).Named(\"L1\"), nn.Dense(40, nn.ReLU).Named(\"L2\"), nn.Dense(classes, nn.Linear).Named(\"L3\"))\x1b[0m\n"},
		{"week 3 complex, given the simple model", complexModel, compiled(advice.Simple(6, 2)),
			"\x1b[91mTest failed: Wrong number of layers. Expected 3 but got 2 (hint: nn.Input(2), nn.Dense(120, nn.ReLU).Named(\"L1\"), nn.Dense(40, nn.ReLU).Named(\"L2\"), nn.Dense(classes, nn.Linear).Named(\"L3\"))\x1b[0m\n"},
		{"week 3 simple, 3 inputs wanted", simple3, compiled(advice.Simple(6, 2)),
			"\x1b[91mTest failed: Wrong input shape. Expected [None,  3] but got [None, 2] (hint: each example has 3 features: start with nn.Input(3))\x1b[0m\n"},
		{"week 3 complex, 100 units", complexModel, compiled(nn.Sequential("c", nn.Input(2), d(100, r), d(40, r), d(6, l))),
			"\x1b[91mTest failed: Wrong number of units in layer 0. Expected [None, 120] but got [None, 100] (hint: nn.Input(2), nn.Dense(120, nn.ReLU).Named(\"L1\"), nn.Dense(40, nn.ReLU).Named(\"L2\"), nn.Dense(classes, nn.Linear).Named(\"L3\"))\x1b[0m\n"},
		{"week 3 simple, relu output", simpleModel, compiled(nn.Sequential("s", nn.Input(2), d(6, r), d(6, r))),
			"\x1b[91mTest failed: Wrong activation in layer 1. Expected <linear> but got <relu> (hint: the hidden layers use relu; the output layer stays linear, since the loss applies the softmax (from logits))\x1b[0m\n"},
		{"week 3 complex, regularized", complexModel, compiled(advice.Regularized(6, 2)),
			"\x1b[91mTest failed: You must not specify any regularizer for any layer (hint: layer 0 has .L2(0.1): remove it)\x1b[0m\n"},
		{"week 3 simple, regularized output", simpleModel, compiled(nn.Sequential("s", nn.Input(2), d(6, r), d(6, l).L2(0.5))),
			"\x1b[91mTest failed: You must not specify any regularizer any layer (hint: layer 1 has .L2(0.5): remove it)\x1b[0m\n"},
		{"week 3 regularized, regularized output", regularizedModel, compiled(nn.Sequential("r", nn.Input(2), d(120, r).L2(0.1), d(40, r).L2(0.1), d(6, l).L2(0.1))),
			"\x1b[91mTest failed: You must not specify any regularizer for the 3th layer (hint: layer 2 has .L2(0.1): remove it)\x1b[0m\n"},
		{"week 3 regularized, first layer without", regularizedModel, compiled(nn.Sequential("r", nn.Input(2), d(120, r), d(40, r).L2(0.1), d(6, l))),
			"\x1b[91mTest failed: Wrong regularizer. Expected L2 regularizer but got <none> (hint: regularize layer 0's kernel with .L2(0.1))\x1b[0m\n"},
		{"week 3 regularized, factor 0.01", regularizedModel, compiled(nn.Sequential("r", nn.Input(2), d(120, r).L2(0.01), d(40, r).L2(0.1), d(6, l))),
			"\x1b[91mTest failed: Wrong regularization factor. Expected 0.1, but got 0.01 (hint: the factor of .L2 is 0.1)\x1b[0m\n"},
		{"week 3 complex, not compiled", complexModel, advice.Complex(6, 2),
			"\x1b[91mTest failed: Wrong loss function. Expected <SparseCategoricalCrossentropy>, but got <none: the model is not compiled> (hint: compile with m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01)))\x1b[0m\n"},
		{"week 3 complex, binary loss", complexModel, complexAs(nn.BinaryCrossentropy(), nn.Adam(0.01)),
			"\x1b[91mTest failed: Wrong loss function. Expected <SparseCategoricalCrossentropy>, but got <binary_crossentropy> (hint: compile with m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01)))\x1b[0m\n"},
		{"week 3 complex, learning rate 0.001", complexModel, complexAs(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.001)),
			"\x1b[91mTest failed: Wrong learning rate. Expected 0.01, but got 0.001 (hint: compile with m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01)))\x1b[0m\n"},
		{"week 3 complex, probabilities", complexModel, complexAs(nn.SparseCategoricalCrossentropy(false), nn.Adam(0.01)),
			"\x1b[91mTest failed: Set from_logits=True in loss function (hint: compile with m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01)))\x1b[0m\n"},
		{"week 3 complex hidden, 5 classes", CheckComplexModelHidden, compiled(advice.Complex(5, 2)),
			"\x1b[91mTest failed: Wrong number of units in layer 2. Expected [None, 6] but got [None, 5] (hint: nn.Input(2), nn.Dense(120, nn.ReLU).Named(\"L1\"), nn.Dense(40, nn.ReLU).Named(\"L2\"), nn.Dense(classes, nn.Linear).Named(\"L3\"))\x1b[0m\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf := quiet(t)
			err := tc.check(tc.model)
			if got := buf.String(); got != tc.want {
				t.Errorf("printed\n%q\nwant\n%q", got, tc.want)
			}
			var f *Failure
			if !errors.As(err, &f) || f.report() != tc.want {
				t.Errorf("returned %v, want the *Failure it printed", err)
			}
		})
	}
}
