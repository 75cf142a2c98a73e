package exercise

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

// mySoftmax is a correct answer to Exercise 1 as the course hints it: the sum
// of the exponentials, then each exponential divided by it.
func mySoftmax(z []float64) []float64 {
	sum := 0.0
	for _, v := range z {
		sum += math.Exp(v)
	}
	a := make([]float64, len(z))
	for i, v := range z {
		a[i] = math.Exp(v) / sum
	}
	return a
}

// stableSoftmax subtracts max(z) first, as library softmaxes do.
func stableSoftmax(z []float64) []float64 {
	top := math.Inf(-1)
	for _, v := range z {
		top = math.Max(top, v)
	}
	shifted := make([]float64, len(z))
	for i, v := range z {
		shifted[i] = v - top
	}
	return mySoftmax(shifted)
}

// float32Softmax computes in float32, as TensorFlow would on float32 input.
func float32Softmax(z []float64) []float64 {
	var sum float32
	for _, v := range z {
		sum += float32(math.Exp(v))
	}
	a := make([]float64, len(z))
	for i, v := range z {
		a[i] = float64(float32(math.Exp(v)) / sum)
	}
	return a
}

func TestCheckSoftmaxPasses(t *testing.T) {
	for name, f := range map[string]func([]float64) []float64{
		"two loops": mySoftmax, "subtracts the max": stableSoftmax, "float32": float32Softmax, "reference": nn.SoftmaxVector,
	} {
		t.Run(name, func(t *testing.T) {
			buf := quiet(t)
			if err := CheckSoftmax(f); err != nil {
				t.Fatalf("CheckSoftmax = %v", err)
			}
			if got, want := buf.String(), green+" All tests passed."+reset+"\n"; got != want {
				t.Errorf("output = %q, want %q", got, want)
			}
		})
	}
}

func TestCheckSoftmaxCatchesWrongAnswers(t *testing.T) {
	wrong := map[string]struct {
		f        func([]float64) []float64
		wantMsg  string // start of the failure message
		wantHint string // in the hint
	}{
		"fixed four outputs": {func(z []float64) []float64 {
			a := make([]float64, 4)
			sum := 0.0
			for i := 0; i < 4; i++ {
				sum += math.Exp(z[i])
			}
			for i := range a {
				a[i] = math.Exp(z[i]) / sum
			}
			return a
		}, "Wrong values. Expected [0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1], got [0.25 0.25 0.25 0.25]", "len(z)"},
		"sums the first four only": {func(z []float64) []float64 {
			sum := 0.0
			for i := 0; i < 4; i++ {
				sum += math.Exp(z[i])
			}
			a := make([]float64, len(z))
			for i, v := range z {
				a[i] = math.Exp(v) / sum
			}
			return a
		}, "Wrong values. Expected [0.1 0.1", "not over 4"},
		"no exponential": {func(z []float64) []float64 {
			sum := 0.0
			for _, v := range z {
				sum += v
			}
			a := make([]float64, len(z))
			for i, v := range z {
				a[i] = v / sum
			}
			return a
		}, "Wrong values. Expected [0.0320586  0.08714432 0.23688282 0.64391426], got [0.1 0.2 0.3 0.4]", "exponentials"},
		"forgets to divide": {func(z []float64) []float64 {
			a := make([]float64, len(z))
			for i, v := range z {
				a[i] = math.Exp(v)
			}
			return a
		}, "Wrong values. Expected [0.0320586 ", "divide"},
		"float32 rounding of the inputs is fine but a 1e-3 error is not": {func(z []float64) []float64 {
			a := mySoftmax(z)
			a[0] += 1e-3
			return a
		}, "Wrong values.", "sum the exponentials"},
		"NaN": {func(z []float64) []float64 {
			a := mySoftmax(z)
			a[3] = math.NaN()
			return a
		}, "Wrong values.", ""},
		"nil result":   {func(z []float64) []float64 { return nil }, "Wrong values. Expected [0.0320586 ", "return"},
		"index panic":  {func(z []float64) []float64 { return []float64{z[5]} }, "Wrong values. Expected [0.0320586  0.08714432 0.23688282 0.64391426], got a panic: runtime error: index out of range", "len(z)"},
		"nil function": {nil, "Wrong values. Expected a function, got nil", "CheckSoftmax(MySoftmax)"},
	}
	for name, w := range wrong {
		t.Run(name, func(t *testing.T) {
			buf := quiet(t)
			err := CheckSoftmax(w.f)
			var m *Failure
			if !errors.As(err, &m) {
				t.Fatalf("CheckSoftmax = %v, want a *Failure", err)
			}
			if !strings.HasPrefix(m.Message, w.wantMsg) {
				t.Errorf("message %q does not start with %q", m.Message, w.wantMsg)
			}
			if !strings.Contains(m.Hint, w.wantHint) {
				t.Errorf("hint %q does not mention %q", m.Hint, w.wantHint)
			}
			out := buf.String()
			if strings.Contains(out, "All tests passed") || !strings.Contains(out, m.Message) {
				t.Errorf("output does not report the failure:\n%s", out)
			}
		})
	}
}

// The learner's function gets a copy: one that overwrites z in place still
// passes, and the next case still sees the right input.
func TestCheckSoftmaxInPlace(t *testing.T) {
	quiet(t)
	inPlace := func(z []float64) []float64 {
		a := mySoftmax(z)
		copy(z, a)
		return z
	}
	if err := CheckSoftmax(inPlace); err != nil {
		t.Fatalf("CheckSoftmax(in place) = %v", err)
	}
}

func TestCheckSoftmaxOnCases(t *testing.T) {
	if err := checkSoftmaxOn(stableSoftmax, []float64{1000, 1000}, []float64{-3}, []float64{}); err != nil {
		t.Errorf("stable softmax on hidden cases: %v", err)
	}
	// The two-loop answer overflows on large values: e^1000 is +Inf and Inf/Inf is NaN.
	if err := checkSoftmaxOn(mySoftmax, []float64{1000, 1000}); err == nil {
		t.Error("checkSoftmaxOn passed a NaN result")
	}
	if got := nn.SoftmaxVector([]float64{1000, 1000}); got[0] != 0.5 || got[1] != 0.5 {
		t.Errorf("nn.SoftmaxVector([1000 1000]) = %v, want [0.5 0.5]", got)
	}
}

// model3 builds a three-layer model on inputs values.
func model3(inputs int, l1, l2, l3 nn.Layer) *nn.Model {
	return nn.Sequential("my_model", nn.Input(inputs), l1, l2, l3)
}

func TestCheckMulticlassModel(t *testing.T) {
	buf := quiet(t)
	good := model3(400, nn.Dense(25, nn.ReLU).Named("L1"), nn.Dense(15, nn.ReLU).Named("L2"), nn.Dense(10, nn.Linear).Named("L3"))
	if err := CheckMulticlassModel(good); err != nil {
		t.Fatalf("CheckMulticlassModel(correct model) = %v", err)
	}
	if got, want := buf.String(), green+"All tests passed!"+reset+"\n"; got != want {
		t.Errorf("output = %q, want %q", got, want)
	}
	// Names are not checked, and "" means linear.
	unnamed := model3(400, nn.Dense(25, nn.ReLU), nn.Dense(15, nn.ReLU), nn.Dense(10, nn.Linear))
	if err := CheckMulticlassModel(unnamed); err != nil {
		t.Errorf("CheckMulticlassModel(unnamed layers) = %v", err)
	}

	relu, lin := nn.ReLU, nn.Linear
	wrong := map[string]struct {
		model *nn.Model
		want  string
	}{
		"nil":           {nil, "Wrong model. Expected a model built with nn.Sequential but got nil"},
		"invalid":       {nn.Sequential("my_model", nn.Dense(25, relu)), "Wrong model. Expected a valid model but got: nn: model"},
		"two layers":    {nn.Sequential("m", nn.Input(400), nn.Dense(25, relu), nn.Dense(10, lin)), "Wrong number of layers. Expected 3 but got 2"},
		"four layers":   {nn.Sequential("m", nn.Input(400), nn.Dense(25, relu), nn.Dense(15, relu), nn.Dense(15, relu), nn.Dense(10, lin)), "Wrong number of layers. Expected 3 but got 4"},
		"input 20":      {model3(20, nn.Dense(25, relu), nn.Dense(15, relu), nn.Dense(10, lin)), "Wrong input shape. Expected [None,  400] but got [None, 20]"},
		"units swapped": {model3(400, nn.Dense(15, relu), nn.Dense(25, relu), nn.Dense(10, lin)), "Wrong number of units in layer 0. Expected [None, 25] but got [None, 15]"},
		"one output":    {model3(400, nn.Dense(25, relu), nn.Dense(15, relu), nn.Dense(1, lin)), "Wrong number of units in layer 2. Expected [None, 10] but got [None, 1]"},
		"sigmoid first": {model3(400, nn.Dense(25, nn.Sigmoid), nn.Dense(15, relu), nn.Dense(10, lin)), "Wrong activation in layer 0. Expected relu but got sigmoid"},
		"linear middle": {model3(400, nn.Dense(25, relu), nn.Dense(15, lin), nn.Dense(10, lin)), "Wrong activation in layer 1. Expected relu but got linear"},
		"relu output":   {model3(400, nn.Dense(25, relu), nn.Dense(15, relu), nn.Dense(10, relu)), "Wrong activation in layer 2. Expected linear but got relu"},
		// Checks stop at the first failure, in the course's order: units before activation.
		"units and activation": {model3(400, nn.Dense(25, relu), nn.Dense(16, nn.Sigmoid), nn.Dense(10, relu)), "Wrong number of units in layer 1."},
	}
	for name, w := range wrong {
		t.Run(name, func(t *testing.T) {
			buf := quiet(t)
			err := CheckMulticlassModel(w.model)
			var m *Failure
			if !errors.As(err, &m) {
				t.Fatalf("CheckMulticlassModel = %v, want a *Failure", err)
			}
			if !strings.HasPrefix(m.Message, w.want) {
				t.Errorf("message %q, want it to start with %q", m.Message, w.want)
			}
			if m.Hint == "" {
				t.Error("no hint")
			}
			out := buf.String()
			if !strings.Contains(out, "Test failed: "+m.Message) || strings.Contains(out, "All tests passed") {
				t.Errorf("output does not report the failure:\n%s", out)
			}
		})
	}
}

func TestCheckMulticlassModelOf(t *testing.T) {
	three := model3(64, nn.Dense(25, nn.ReLU), nn.Dense(15, nn.ReLU), nn.Dense(3, nn.Linear))
	if err := CheckMulticlassModelOf(three, 3, 64); err != nil {
		t.Errorf("3 classes on 64 inputs: %v", err)
	}
	err := CheckMulticlassModelOf(three, 10, 64)
	if err == nil || !strings.HasPrefix(err.Error(), "Wrong number of units in layer 2. Expected [None, 10] but got [None, 3]") {
		t.Errorf("10 classes wanted, got %v", err)
	}
}

// The hidden softmax cases are drawn at each call: a softmax passes every
// draw silently; answers tuned to the course's two cases, or to four values,
// fail them with the visible check's message.
func TestCheckSoftmaxHidden(t *testing.T) {
	buf := quiet(t)
	for range 50 {
		for name, f := range map[string]func([]float64) []float64{"two loops": mySoftmax, "stable": stableSoftmax, "float32": float32Softmax} {
			if err := CheckSoftmaxHidden(f); err != nil {
				t.Fatalf("CheckSoftmaxHidden(%s) = %v", name, err)
			}
		}
	}
	if buf.Len() != 0 {
		t.Errorf("passing hidden checks printed %q, want nothing", buf.String())
	}
	lengths := map[int]bool{}
	for range 50 {
		for _, z := range hiddenSoftmaxCases(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))) {
			lengths[len(z)] = true
			for _, v := range z {
				if v < -5 || v > 5 {
					t.Fatalf("hidden case value %v outside [-5, 5]", v)
				}
			}
		}
	}
	if len(lengths) < 8 || lengths[0] {
		t.Errorf("hidden case lengths %v: want many lengths from 1 to 12", lengths)
	}

	// Passes the visible cases only: the course's answers by heart.
	memorised := func(z []float64) []float64 {
		if len(z) == 4 {
			return []float64{0.0320586, 0.08714432, 0.23688282, 0.64391426}
		}
		return nn.SoftmaxVector(make([]float64, len(z)))
	}
	if err := CheckSoftmax(memorised); err != nil {
		t.Fatalf("the memorised answer should pass the visible cases: %v", err)
	}
	buf.Reset()
	var m *Failure
	if err := CheckSoftmaxHidden(memorised); !errors.As(err, &m) || !strings.HasPrefix(m.Message, "Wrong values. Expected ") {
		t.Errorf("CheckSoftmaxHidden(memorised) = %v, want a Wrong values mismatch", err)
	}
	if !strings.Contains(buf.String(), "Test failed: Wrong values.") {
		t.Errorf("the hidden failure is not reported:\n%s", buf.String())
	}
}

// A learner's softmax that never returns fails its case at the time limit
// instead of hanging the check.
func TestCheckSoftmaxTimeLimit(t *testing.T) {
	quiet(t)
	old := CallTimeout
	CallTimeout = 200 * time.Millisecond
	defer func() { CallTimeout = old }()
	hang := func(z []float64) []float64 {
		for len(z) > 0 {
			time.Sleep(time.Millisecond)
		}
		return nil
	}
	var m *Failure
	if err := CheckSoftmax(hang); !errors.As(err, &m) || !strings.Contains(m.Message, "got no result after 200ms") || !strings.Contains(m.Hint, "never ends") {
		t.Errorf("CheckSoftmax(hang) = %v, want a time-limit mismatch", err)
	}
	exits := func(z []float64) []float64 { runtime.Goexit(); return nil }
	if err := CheckSoftmax(exits); !errors.As(err, &m) || !strings.Contains(m.Message, "stopped its goroutine") {
		t.Errorf("CheckSoftmax(Goexit) = %v, want a mismatch naming the stopped goroutine", err)
	}
}

func TestCheckMulticlassModelHidden(t *testing.T) {
	buf := quiet(t)
	good := model3(400, nn.Dense(25, nn.ReLU).Named("L1"), nn.Dense(15, nn.ReLU).Named("L2"), nn.Dense(10, nn.Linear).Named("L3"))
	if err := CheckMulticlassModelHidden(good); err != nil || buf.Len() != 0 {
		t.Errorf("CheckMulticlassModelHidden(correct) = %v, printed %q; want nil and nothing", err, buf.String())
	}
	bad := model3(400, nn.Dense(25, nn.ReLU), nn.Dense(15, nn.ReLU), nn.Dense(10, nn.ReLU))
	if err := CheckMulticlassModelHidden(bad); err == nil || !strings.Contains(buf.String(), "Wrong activation in layer 2") {
		t.Errorf("CheckMulticlassModelHidden(relu last layer) = %v, printed %q", err, buf.String())
	}
}

// A softmax written for exactly four values fails the check's second case,
// ten equal values whose softmax is ten 0.1s.
func TestCheckSoftmaxOnFourValues(t *testing.T) {
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
	if err := checkSoftmaxOn(fourOnly, []float64{1, 2, 3, 4}); err != nil {
		t.Errorf("four values: %v", err)
	}
	want := "Wrong values. Expected [0.2 0.2 0.2 0.2 0.2], got [0.25 0.25 0.25 0.25] (hint: z has 5 values, so the result needs 5: use len(z) rather than a fixed size)"
	if err := checkSoftmaxOn(fourOnly, []float64{0, 0, 0, 0, 0}); err == nil || err.Error() != want {
		t.Errorf("five values: %v, want %s", err, want)
	}
}
