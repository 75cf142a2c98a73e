package exercise

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/internal/reference/advice"
)

func TestCheckEvalMSE(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(y, yhat []float64) float64
		want string // "" passes; else the course's message the failure starts with
	}{
		{"reference", advice.EvalMSE, ""},
		{"no square", func(y, yhat []float64) float64 {
			s := 0.0
			for i := range y {
				s += yhat[i] - y[i]
			}
			return s / float64(2*len(y))
		}, "Wrong value. Expected 0.005, got -0.05"},
		{"no half", func(y, yhat []float64) float64 { return 2 * advice.EvalMSE(y, yhat) }, "Wrong value. Expected 0.005, got 0.01"},
		{"abs instead of square", func(y, yhat []float64) float64 {
			s := 0.0
			for i := range y {
				d := yhat[i] - y[i]
				if d < 0 {
					d = -d
				}
				s += d
			}
			return s / float64(2*len(y))
		}, "Wrong value. Expected 0.005, got 0.05"},
		{"divides by 2", func(y, yhat []float64) float64 { return advice.EvalMSE(y, yhat) * float64(len(y)) / 2 },
			"Wrong value. Expected 4.5, but got 2.25. Remember the square termn"},
		{"mean of squares, forgets the half only when m > 1", func(y, yhat []float64) float64 {
			if len(y) > 1 {
				return advice.EvalMSE(y, yhat)
			}
			return 2 * advice.EvalMSE(y, yhat)
		}, "Wrong value. Expected 4.5, but got 9. Remember the square termn"},
		{"panics", func(y, yhat []float64) float64 { return y[len(y)] }, "Wrong value. Expected 0.005, got a panic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			quiet(t)
			err := CheckEvalMSE(tc.f)
			checkVerdict(t, err, tc.want)
			if tc.want == "" {
				if err := CheckEvalMSEHidden(tc.f); err != nil {
					t.Errorf("hidden: %v", err)
				}
			}
		})
	}
	quiet(t)
	// Right on the course's cases only: the hidden cases catch it.
	cheat := func(y, yhat []float64) float64 {
		switch len(y) {
		case 2:
			return 0.005
		case 10:
			return 0
		case 1:
			return 4.5
		case 5:
			return 0.5
		}
		return 0
	}
	if err := CheckEvalMSE(cheat); err != nil {
		t.Fatalf("the cheat should pass the visible cases: %v", err)
	}
	caught := 0
	for range 5 {
		if CheckEvalMSEHidden(cheat) != nil {
			caught++
		}
	}
	if caught == 0 {
		t.Error("hidden cases never caught an answer written for the visible ones")
	}
}

func checkVerdict(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("want a pass, got %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("want a failure %q, got a pass", want)
	}
	if !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("failure %q, want it to start with %q", err, want)
	}
}

func TestCheckEvalCatErr(t *testing.T) {
	count := func(y, yhat []int) int {
		n := 0
		for i := range y {
			if y[i] != yhat[i] {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		name string
		f    func(y, yhat []int) float64
		want string
	}{
		{"reference", advice.EvalCatErr, ""},
		{"times 1/m", func(y, yhat []int) float64 { return (1 / float64(len(y))) * float64(count(y, yhat)) }, ""},
		{"no division", func(y, yhat []int) float64 { return float64(count(y, yhat)) },
			"Wrong value. Expected 1, but got 6. Did you divided by m?"},
		{"integer division", func(y, yhat []int) float64 { return float64(count(y, yhat) / len(y)) },
			"Wrong value. Expected 0.333, but got 0"},
		{"accuracy", func(y, yhat []int) float64 { return 1 - advice.EvalCatErr(y, yhat) },
			"Wrong value. Expected 1, but got 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			quiet(t)
			checkVerdict(t, CheckEvalCatErr(tc.f), tc.want)
			if tc.want == "" {
				if err := CheckEvalCatErrHidden(tc.f); err != nil {
					t.Errorf("hidden: %v", err)
				}
			}
		})
	}
}

// TestEvalCatErrRounding: 28 mistakes of 320 is 0.0875, just below in binary: the reference prints 0.087
// as the course does, where (1/m)*incorrect prints 0.088.
func TestEvalCatErrRounding(t *testing.T) {
	y, yhat := make([]int, 320), make([]int, 320)
	for i := range 28 {
		yhat[i] = 1
	}
	if got := strings.TrimSpace(sprintf3(advice.EvalCatErr(y, yhat))); got != "0.087" {
		t.Errorf("28/320 printed %s, want 0.087", got)
	}
}

func sprintf3(v float64) string { return strings.TrimSpace(fmtF3(v)) }

func TestCheckAdviceModels(t *testing.T) {
	compiled := func(m *nn.Model) *nn.Model { advice.Compile(m); return m }
	dense := func(units int, act nn.Activation) nn.Layer { return nn.Dense(units, act) }
	for _, tc := range []struct {
		name  string
		check func(*nn.Model, int, int) error
		model *nn.Model
		want  string
	}{
		{"complex", CheckComplexModel, compiled(advice.Complex(6, 2)), ""},
		{"simple", CheckSimpleModel, compiled(advice.Simple(6, 2)), ""},
		{"regularized", CheckRegularizedModel, compiled(advice.Regularized(6, 2)), ""},
		{"complex not compiled", CheckComplexModel, advice.Complex(6, 2), "Wrong loss function. Expected <SparseCategoricalCrossentropy>"},
		{"complex regularized", CheckComplexModel, compiled(advice.Regularized(6, 2)), "You must not specify any regularizer for any layer"},
		{"simple given complex", CheckSimpleModel, compiled(advice.Complex(6, 2)), "Wrong number of layers. Expected 2 but got 3"},
		{"regularized without L2", CheckRegularizedModel, compiled(advice.Complex(6, 2)), "Wrong regularizer. Expected L2 regularizer but got <none>"},
		{"wrong factor", CheckRegularizedModel, compiled(nn.Sequential("r", nn.Input(2), dense(120, nn.ReLU).L2(0.01), dense(40, nn.ReLU).L2(0.1), dense(6, nn.Linear))),
			"Wrong regularization factor. Expected 0.1, but got 0.01"},
		{"output regularized", CheckRegularizedModel, compiled(nn.Sequential("r", nn.Input(2), dense(120, nn.ReLU).L2(0.1), dense(40, nn.ReLU).L2(0.1), dense(6, nn.Linear).L2(0.1))),
			"You must not specify any regularizer for the 3th layer"},
		{"wrong units", CheckComplexModel, compiled(nn.Sequential("c", nn.Input(2), dense(100, nn.ReLU), dense(40, nn.ReLU), dense(6, nn.Linear))),
			"Wrong number of units in layer 0. Expected [None, 120] but got [None, 100]"},
		{"softmax-free sigmoid", CheckSimpleModel, compiled(nn.Sequential("s", nn.Input(2), dense(6, nn.Sigmoid), dense(6, nn.Linear))),
			"Wrong activation in layer 0. Expected <relu> but got <sigmoid>"},
		{"wrong input", CheckSimpleModel, compiled(nn.Sequential("s", nn.Input(3), dense(6, nn.ReLU), dense(6, nn.Linear))),
			"Wrong input shape. Expected [None,  2] but got [None, 3]"},
		{"nil", CheckSimpleModel, nil, "Wrong model."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			quiet(t)
			checkVerdict(t, tc.check(tc.model, 6, 2), tc.want)
		})
	}
	quiet(t)
	for _, tc := range []struct {
		name    string
		compile func(*nn.Model)
		want    string
	}{
		{"binary loss", func(m *nn.Model) { m.Compile(nn.BinaryCrossentropy(), nn.Adam(0.01)) }, "Wrong loss function. Expected <SparseCategoricalCrossentropy>, but got <binary_crossentropy>"},
		{"learning rate", func(m *nn.Model) { m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.001)) }, "Wrong learning rate. Expected 0.01, but got 0.001"},
		{"probabilities", func(m *nn.Model) { m.Compile(nn.SparseCategoricalCrossentropy(false), nn.Adam(0.01)) }, "Set from_logits=True in loss function"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := advice.Simple(6, 2)
			tc.compile(m)
			checkVerdict(t, CheckSimpleModel(m, 6, 2), tc.want)
			checkVerdict(t, CheckSimpleModelHidden(m), tc.want)
		})
	}
	// The hidden checks hold to 6 classes and 2 inputs, whatever the visible call was given.
	m := compiled(advice.Complex(5, 2))
	if err := CheckComplexModel(m, 5, 2); err != nil {
		t.Fatalf("5 classes, asked for 5: %v", err)
	}
	checkVerdict(t, CheckComplexModelHidden(m), "Wrong number of units in layer 2. Expected [None, 6] but got [None, 5]")
	if CheckRegularizedModelHidden(compiled(advice.Regularized(6, 2))) != nil || CheckSimpleModelHidden(compiled(advice.Simple(6, 2))) != nil {
		t.Error("hidden checks fail the reference models")
	}
}

func fmtF3(v float64) string { return fmt.Sprintf("%0.3f", v) }
