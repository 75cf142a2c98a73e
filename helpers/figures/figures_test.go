package figures

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/internal/display"
	"github.com/mlspec-go/nnlab/internal/notebook/notebooktest"
)

// The pictures are checked by TestGoldenPictures; these tests check what a
// picture does not show: the errors, and the learner's function left as it is.

func TestLossErrors(t *testing.T) {
	for _, bad := range [][]float64{nil, {1, math.NaN()}, {math.Inf(1)}} {
		if _, err := Loss(bad); err == nil {
			t.Errorf("Loss(%v) gave no error", bad)
		}
	}
	// One epoch is enough to draw.
	if _, err := Loss([]float64{0.7}); err != nil {
		t.Errorf("Loss of one epoch: %v", err)
	}
}

func softmax(z []float64) []float64 {
	out := make([]float64, len(z))
	s := 0.0
	for i, v := range z {
		out[i] = math.Exp(v)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

func TestSoftmaxErrors(t *testing.T) {
	// Whatever the learner's f does wrong is an error, not a crash.
	for _, tc := range []struct {
		name string
		f    func([]float64) []float64
		want string
	}{
		{"nil", nil, "needs a function"},
		{"panics", func([]float64) []float64 { panic("not implemented") }, "failed on z = [1 2 3 4]: a panic: not implemented"},
		{"short", func([]float64) []float64 { return []float64{1} }, "returned 1 values for the 4 values"},
		{"NaN", func(z []float64) []float64 { return []float64{math.NaN(), 0, 0, 0} }, "a[0] = NaN"},
	} {
		_, err := Softmax(tc.f, SoftmaxStart)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := Softmax(softmax, []float64{1, 2, 3}); err == nil {
		t.Error("3 values of z gave no error")
	}
	if _, err := Softmax(softmax, []float64{1, 2, 3, 11}); err == nil || !strings.Contains(err.Error(), "z3 = 11") {
		t.Errorf("z3 = 11: %v", err)
	}
	// f may modify its argument: the figure's z stays as given.
	zz := []float64{1, 2, 3, 4}
	if _, err := Softmax(func(z []float64) []float64 { z[0] = 99; return softmax(z) }, zz); err != nil || zz[0] != 1 {
		t.Errorf("f changing its input changed z: %v, %v", zz, err)
	}
}

func TestModelErrors(t *testing.T) {
	bad := nn.Sequential("bad", nn.Input(4), nn.Dense(3, nn.Activation(9)))
	if _, err := Model(bad); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("Model of an invalid model: %v", err)
	}
	if _, err := Model(nil); err == nil {
		t.Error("Model(nil) gave no error")
	}
	for _, tc := range []struct {
		inputs int
		layers []ModelLayer
		want   string
	}{
		{0, []ModelLayer{{Units: 1}}, "0 inputs"},
		{3, nil, "without layers"},
		{3, make([]ModelLayer, 9), "9 layers"},
		{3, []ModelLayer{{Units: 2}, {Units: 0}}, "layer 2 has 0 units"},
	} {
		if _, err := ModelDiagram(tc.inputs, tc.layers); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ModelDiagram(%d, %v): %v, want an error with %q", tc.inputs, tc.layers, err, tc.want)
		}
	}
}

func TestDenseLayerAndMatMulErrors(t *testing.T) {
	if _, err := DenseLayer(0, 3); err == nil {
		t.Error("DenseLayer(0, 3) gave no error")
	}
	if _, err := MatMul(1, 0, 1); err == nil {
		t.Error("MatMul with n = 0 gave no error")
	}
}

// The binary lab's four broadcasting pictures (C2_W1 cells locked_broadcast_*), drawn
// from the arrays the cells hold (testdata/broadcast-*.png, see TestGoldenPictures).
var broadcastCases = []struct {
	name, title string
	a           Array
	op          string
	b           Array
}{
	{"scalar-add", "a + 5: the scalar is stretched to the shape of a",
		Array{"a", [][]int{{1}, {2}, {3}}}, "+", Array{"5", [][]int{{5}}}},
	{"scalar-mul", "5 × a: the scalar is stretched to the shape of a",
		Array{"a", [][]int{{1}, {2}, {3}}}, "×", Array{"5", [][]int{{5}}}},
	{"column-row", "a + b: a column and a row both stretch to (4, 3)",
		Array{"a", [][]int{{1}, {2}, {3}, {4}}}, "+", Array{"b", [][]int{{1, 2, 3}}}},
	{"bias", "Z + b: the bias is added to every row",
		Array{"Z = A_in W", mat.NewDense(2, 3, []float64{70, 80, 90, 158, 184, 210})}, "+",
		Array{"b", mat.NewVecDense(3, []float64{3, 5, 6}).T()}},
}

func TestBroadcastErrors(t *testing.T) {
	for _, bad := range []struct {
		a, b Array
		op   string
		want string
	}{
		{Array{"a", [][]int{{1}, {2}, {3}, {4}}}, Array{"b", [][]int{{1}, {2}, {3}}}, "+", "shapes (4, 1) and (3, 1) cannot be broadcast together"},
		{Array{"a", [][]int{{1}}}, Array{"b", [][]int{{1}}}, "-", `operator "-"`},
		{Array{"a", [][]int{}}, Array{"b", [][]int{{1}}}, "+", "the array is empty"},
		{Array{"a", [][]int{{1, 2}, {3}}}, Array{"b", [][]int{{1}}}, "+", "row 1 has 1 values"},
		{Array{"a", []int{1}}, Array{"b", [][]int{{1}}}, "+", "got []int"},
	} {
		if _, err := Broadcast("t", bad.a, bad.op, bad.b); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Broadcast(%v %s %v): %v, want an error with %q", bad.a.Values, bad.op, bad.b.Values, err, bad.want)
		}
	}
}

// Outside GoNB every Show function draws, displays nothing, prints and
// returns ErrNotNotebook; a bad argument is printed and returned instead.
func TestShowOutsideNotebook(t *testing.T) {
	if display.CanDisplay() {
		t.Skip("running under GoNB")
	}
	msg := notebooktest.Capture(t, &stderr)
	m := nn.Sequential("m", nn.Input(4), nn.Dense(2, nn.ReLU))
	for name, show := range map[string]func() error{
		"ShowActivations": ShowActivations,
		"ShowLoss":        func() error { return ShowLoss([]float64{1, 0.5}) },
		"ShowSoftmax":     func() error { return ShowSoftmax(softmax) },
		"ShowModel":       func() error { return ShowModel(m) },
		"ShowDenseLayer":  func() error { return ShowDenseLayer(2, 3) },
		"ShowMatMul":      func() error { return ShowMatMul(4, 2, 3) },
		"ShowBroadcast": func() error {
			c := broadcastCases[3]
			return ShowBroadcast(c.title, c.a, c.op, c.b)
		},
	} {
		msg.Reset()
		if err := show(); err != ErrNotNotebook {
			t.Errorf("%s: %v, want ErrNotNotebook", name, err)
		}
		if !strings.Contains(msg.String(), "not running in a GoNB notebook") {
			t.Errorf("%s printed %q", name, msg.String())
		}
	}
	msg.Reset()
	if err := ShowSoftmax(func([]float64) []float64 { panic("TODO") }); err == nil || !strings.Contains(msg.String(), "a panic: TODO") {
		t.Errorf("ShowSoftmax of a panicking f: %v, printed %q", err, msg.String())
	}
	msg.Reset()
	if err := ShowLoss(nil); err == nil || !strings.Contains(msg.String(), "empty history") {
		t.Errorf("ShowLoss(nil): %v, printed %q", err, msg.String())
	}
}
