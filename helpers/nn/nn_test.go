package nn

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/internal/nbtest"
	"gonum.org/v1/gonum/mat"
)

// TestMain gives the whole test binary (examples included) a private state directory, and lets the
// binary act as a separate "notebook cell" process for TestStateAcrossProcesses.
func TestMain(m *testing.M) {
	if mode := os.Getenv(childModeEnv); mode != "" {
		os.Exit(runChild(mode))
	}
	dir, err := os.MkdirTemp("", "nn-test-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = os.Setenv(StateDirEnv, dir)
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

func labModel(t testing.TB) *Model {
	t.Helper()
	m, err := NewSequential("my_model",
		Input(400),
		Dense(25, Sigmoid),
		Dense(15, Sigmoid),
		Dense(1, Sigmoid),
	)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSummaryGolden(t *testing.T) {
	// What the binary lab prints for its model (testdata/labs.json); not a package
	// variable, as in TestActivationsAndNamedLayers.
	labSummary := nbtest.LabOf("C2_W1").Summary
	got, _ := labModel(t).SummaryString()
	if got != labSummary {
		t.Errorf("SummaryString() =\n%s\nwant\n%s", got, labSummary)
	}
	for i, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if strings.HasPrefix(line, "_") || strings.HasPrefix(line, "=") {
			if len(line) != 65 {
				t.Errorf("rule on line %d has %d characters, want 65", i, len(line))
			}
		}
	}
}

func TestSummaryLongNamesAndTotals(t *testing.T) {
	m, err := NewSequential("wide",
		Input(3000),
		Dense(1000, ReLU).Named("a_very_long_layer_name_that_overflows"),
		Dense(1, Linear))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := m.SummaryString()
	// Keras cuts a field at its column and keeps one space before the next column.
	wantRow := "a_very_long_layer_name_that_ (None, 1000)              3001000\n"
	if !strings.Contains(s, wantRow) {
		t.Errorf("summary lacks row %q:\n%s", wantRow, s)
	}
	if !strings.Contains(s, "Total params: 3,002,001\n") {
		t.Errorf("summary lacks the total with separators:\n%s", s)
	}
	if !strings.Contains(s, "dense (Dense)") {
		t.Errorf("the unnamed layer should be auto-named dense:\n%s", s)
	}
}

func TestLayersAndParamCounts(t *testing.T) {
	m := labModel(t)
	if m.Name() != "my_model" || m.InputSize() != 400 || m.OutputSize() != 1 {
		t.Errorf("Name, InputSize, OutputSize = %q, %d, %d", m.Name(), m.InputSize(), m.OutputSize())
	}
	want := []LayerInfo{
		{Name: "dense", Type: "Dense", Units: 25, Activation: Sigmoid, InputSize: 400, Params: 10025},
		{Name: "dense_1", Type: "Dense", Units: 15, Activation: Sigmoid, InputSize: 25, Params: 390},
		{Name: "dense_2", Type: "Dense", Units: 1, Activation: Sigmoid, InputSize: 15, Params: 16},
	}
	got := m.Layers()
	if len(got) != len(want) {
		t.Fatalf("Layers() has %d layers, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("layer %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if m.NumParams() != 10431 {
		t.Errorf("NumParams() = %d, want 10431", m.NumParams())
	}
	got[0].Name = "changed"
	if m.Layers()[0].Name != "dense" {
		t.Error("Layers() must return a copy")
	}
}

func TestAutoNamesSkipExplicitNames(t *testing.T) {
	m := Sequential("m", Input(2), Dense(3, ReLU).Named("dense"), Dense(2, ReLU), Dense(1, Sigmoid).Named("out"))
	var names []string
	for _, l := range m.Layers() {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, ","); got != "dense,dense_1,out" {
		t.Errorf("layer names = %s, want dense,dense_1,out", got)
	}
}

func TestNewSequentialErrors(t *testing.T) {
	cases := []struct {
		name   string
		layers []Layer
		want   string
	}{
		{"no input", []Layer{Dense(1, Sigmoid)}, "must start with nn.Input"},
		{"only input", []Layer{Input(4)}, "no layers after nn.Input"},
		{"bad input", []Layer{Input(0), Dense(1, Sigmoid)}, "must be positive"},
		{"two inputs", []Layer{Input(4), Input(4), Dense(1, Sigmoid)}, "nn.Input can only be the first layer"},
		{"zero units", []Layer{Input(4), Dense(0, Sigmoid)}, "units must be positive"},
		{"bad activation", []Layer{Input(4), Dense(2, Activation(7))}, "unknown activation nn.Activation(7)"},
		{"zero layer", []Layer{Input(4), {}}, "not a layer made by nn.Dense"},
		{"duplicate names", []Layer{Input(4), Dense(2, ReLU).Named("a"), Dense(1, Sigmoid).Named("a")}, `two layers are named "a"`},
		{"slash in name", []Layer{Input(4), Dense(2, ReLU).Named("a/b")}, "must not contain '/'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewSequential("m", c.layers...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("NewSequential error = %v, want it to contain %q", err, c.want)
			}
		})
	}
	if _, err := NewSequential("", Input(1), Dense(1, Sigmoid)); err == nil {
		t.Error("an empty model name must be an error")
	}
}

// Sequential never panics: an invalid model carries its error to every method that needs the layers.
func TestSequentialInvalidModelCarriesItsError(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := Sequential("my_model") // what a learner's empty graded cell builds
	if m.Err() == nil || !strings.Contains(m.Err().Error(), "must start with nn.Input") {
		t.Fatalf("Err() = %v, want the missing-input error", m.Err())
	}
	if got, err := m.SummaryString(); got != "" || err != m.Err() {
		t.Errorf("SummaryString() = %q, %v; want the model's error", got, err)
	}
	if len(m.Layers()) != 0 || m.InputSize() != 0 || m.OutputSize() != 0 || m.NumParams() != 0 {
		t.Error("an invalid model reports layers")
	}
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	X, y := toyData(8, 4, 1)
	if _, err := m.Fit(X, y, Verbose(nil)); err != m.Err() {
		t.Errorf("Fit error = %v, want the model's error", err)
	}
	if _, err := m.Predict(X); err != m.Err() {
		t.Errorf("Predict error = %v, want the model's error", err)
	}
	if _, err := m.Weights(); err != m.Err() {
		t.Errorf("Weights error = %v, want the model's error", err)
	}
	if _, err := m.InitialWeights(1); err != m.Err() {
		t.Errorf("InitialWeights error = %v, want the model's error", err)
	}
	if _, err := m.StateDir(); err != m.Err() {
		t.Errorf("StateDir error = %v, want the model's error", err)
	}
	if ok := Sequential("m", Input(4), Dense(1, Sigmoid)); ok.Err() != nil {
		t.Errorf("valid model: Err() = %v", ok.Err())
	}
}

// MustValidate does nothing for a valid model; for an invalid one it ends the cell with the model's
// error (outside a cell: panics with it).
func TestMustValidate(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	Sequential("m", Input(4), Dense(1, Sigmoid)).MustValidate()
	bad := Sequential("m", Dense(1, Sigmoid))
	defer func() {
		if r := recover(); r != bad.Err().Error() {
			t.Errorf("MustValidate of an invalid model panicked with %v, want %q", r, bad.Err())
		}
	}()
	bad.MustValidate()
	t.Error("MustValidate of an invalid model returned")
}

func TestProgressLine(t *testing.T) {
	cases := []struct {
		steps   int
		elapsed time.Duration
		loss    float64
		want    string
	}{
		{32, 40 * time.Millisecond, 0.63481, "32/32 [==============================] - 0s 1ms/step - loss: 0.6348"},
		{32, 12 * time.Millisecond, 0.0230, "32/32 [==============================] - 0s 375us/step - loss: 0.0230"},
		{4, 3 * time.Second, 0.0001234, "4/4 [==============================] - 3s 750ms/step - loss: 1.2340e-04"},
		{2, 5 * time.Second, 1.5, "2/2 [==============================] - 5s 2s/step - loss: 1.5000"},
	}
	for _, c := range cases {
		if got := progressLine(c.steps, c.elapsed, c.loss); got != c.want {
			t.Errorf("progressLine(%d, %v, %g) = %q, want %q", c.steps, c.elapsed, c.loss, got, c.want)
		}
	}
}

// toyData is a linearly separable problem: label 1 when the sum of the features is positive.
func toyData(n, features int, seed int64) (X, y *mat.Dense) {
	X = mat.NewDense(n, features, nil)
	y = mat.NewDense(n, 1, nil)
	s := uint64(seed)*2654435761 + 1
	for i := range n {
		sum := 0.0
		for j := range features {
			s ^= s << 13
			s ^= s >> 7
			s ^= s << 17
			v := float64(s%2001)/1000 - 1
			X.Set(i, j, v)
			sum += v
		}
		if sum > 0 {
			y.Set(i, 0, 1)
		}
	}
	return X, y
}

func toyModel(t testing.TB, name string) *Model {
	t.Helper()
	m := Sequential(name, Input(8), Dense(6, ReLU), Dense(4, Sigmoid), Dense(1, Sigmoid))
	m.Compile(BinaryCrossentropy(), Adam(0.01))
	return m
}

// logLine matches any step line nn prints: seconds per step and losses in scientific
// notation included, which the labs' own line (nbtest.StepLine) does not allow.
var logLine = regexp.MustCompile(`^(\d+)/(\d+) \[={30}\] - \d+s \d+(us|ms|s)/step - loss: (\d\.\d{4}|\d\.\d{4}e-\d\d)$`)

func TestFitLogFormatAndHistory(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := toyData(100, 8, 1)
	m := toyModel(t, "log_model")
	var buf bytes.Buffer
	h, err := m.Fit(X, y, Epochs(3), BatchSize(32), Seed(7), Verbose(&buf))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("log has %d lines, want 6:\n%s", len(lines), buf.String())
	}
	if len(h.Loss) != 3 {
		t.Fatalf("History.Loss has %d entries, want 3", len(h.Loss))
	}
	for e := range 3 {
		if want := fmt.Sprintf("Epoch %d/3", e+1); lines[2*e] != want {
			t.Errorf("line %d = %q, want %q", 2*e, lines[2*e], want)
		}
		match := logLine.FindStringSubmatch(lines[2*e+1])
		if match == nil {
			t.Errorf("line %d = %q does not look like Keras's progress line", 2*e+1, lines[2*e+1])
			continue
		}
		// 100 rows in batches of 32: 3 full batches and the last one of 4 rows.
		if match[1] != "4" || match[2] != "4" {
			t.Errorf("line %q: want 4/4 steps", lines[2*e+1])
		}
		if want := fmt.Sprintf("loss: %.4f", h.Loss[e]); !strings.HasSuffix(lines[2*e+1], want) {
			t.Errorf("line %q does not end with the history's loss %q", lines[2*e+1], want)
		}
	}
	if !(h.Loss[2] < h.Loss[0]) {
		t.Errorf("loss did not decrease: %v", h.Loss)
	}

	// Silent with Verbose(nil).
	buf.Reset()
	if _, err := m.Fit(X, y, Epochs(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("Verbose(nil) wrote %q", buf.String())
	}
}

func TestSeedReproducibility(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := toyData(200, 8, 2)
	fit := func(opts ...FitOption) (*History, []LayerWeights) {
		m := toyModel(t, "seeded")
		h, err := m.Fit(X, y, append([]FitOption{Epochs(4), Verbose(nil)}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		return h, m.MustWeights()
	}
	h1, w1 := fit(Seed(42))
	h2, w2 := fit(Seed(42))
	for i := range h1.Loss {
		if h1.Loss[i] != h2.Loss[i] {
			t.Errorf("epoch %d: losses %v and %v differ with the same seed", i, h1.Loss[i], h2.Loss[i])
		}
	}
	for i := range w1 {
		if !mat.Equal(w1[i].W, w2[i].W) || !mat.Equal(w1[i].B, w2[i].B) {
			t.Errorf("layer %d: weights differ with the same seed", i)
		}
	}
	h3, w3 := fit(Seed(43))
	if h3.Loss[0] == h1.Loss[0] || mat.Equal(w3[0].W, w1[0].W) {
		t.Error("a different seed gave the same training")
	}
	h4, _ := fit() // random, like Keras
	h5, _ := fit()
	if h4.Loss[0] == h5.Loss[0] {
		t.Error("two unseeded trainings gave the same first loss")
	}
}

func TestInitialWeights(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	// With a learning rate so small that training barely moves them, the weights show the initialisation:
	// Glorot-uniform kernels within ±sqrt(6/(in+out)) and zero biases (to within a few tiny steps).
	m := Sequential("init", Input(400), Dense(25, Sigmoid), Dense(1, Sigmoid))
	m.Compile(BinaryCrossentropy(), Adam(1e-12))
	X, y := toyData(32, 400, 3)
	if _, err := m.Fit(X, y, Epochs(1), Seed(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	w := m.MustWeights()
	for i, l := range m.Layers() {
		lim := math.Sqrt(6 / float64(l.InputSize+l.Units))
		r, c := w[i].W.Dims()
		if r != l.InputSize || c != l.Units || w[i].B.Len() != l.Units {
			t.Fatalf("layer %d: W is %dx%d and b has %d, want %dx%d and %d", i, r, c, w[i].B.Len(), l.InputSize, l.Units, l.Units)
		}
		maxAbs, sumSq := 0.0, 0.0
		for _, v := range w[i].W.RawMatrix().Data {
			maxAbs = max(maxAbs, math.Abs(v))
			sumSq += v * v
		}
		if maxAbs > lim+1e-6 || maxAbs < 0.8*lim {
			t.Errorf("layer %d: max |W| = %g, want close to and below the Glorot limit %g", i, maxAbs, lim)
		}
		// Uniform(-lim, lim) has variance lim²/3.
		if v := sumSq / float64(r*c); v < 0.7*lim*lim/3 || v > 1.3*lim*lim/3 {
			t.Errorf("layer %d: variance of W = %g, want about %g", i, v, lim*lim/3)
		}
		for j := range l.Units {
			if b := w[i].B.AtVec(j); math.Abs(b) > 1e-9 {
				t.Errorf("layer %d: b[%d] = %g, want 0", i, j, b)
			}
		}
	}
}

func TestPredictBeforeFit(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := labModel(t)
	X := mat.NewDense(1, 400, nil)
	_, err := m.Predict(X)
	if !errors.Is(err, ErrNotTrained) {
		t.Fatalf("Predict before Fit: error %v, want ErrNotTrained", err)
	}
	want := `model "my_model" has not been trained yet: run the cell that calls model.Fit first`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q lacks %q", err, want)
	}
	if _, err := m.Weights(); !errors.Is(err, ErrNotTrained) {
		t.Errorf("Weights before Fit: error %v, want ErrNotTrained", err)
	}
	for name, f := range map[string]func(){
		"MustPredict": func() { m.MustPredict(X) },
		"MustWeights": func() { m.MustWeights() },
	} {
		func() {
			defer func() {
				r := recover()
				mustWant := strings.Replace(want, "model.Fit", "model.MustFit", 1) // the cell's own call
				if msg, ok := r.(string); !ok || !strings.Contains(msg, mustWant) {
					t.Errorf("%s panicked with %v, want a message containing %q", name, r, mustWant)
				}
			}()
			f()
		}()
	}
}

func TestWrongShapes(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := toyModel(t, "shapes")
	X, y := toyData(40, 8, 4)
	if _, err := m.Fit(X, y, Epochs(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	_, err := m.Predict(mat.NewDense(3, 7, nil))
	if err == nil || !strings.Contains(err.Error(), "(None, 8)") || !strings.Contains(err.Error(), "(3, 7)") {
		t.Errorf("Predict with 7 columns: error %v, want it to name (None, 8) and (3, 7)", err)
	}
	if _, err = m.Fit(mat.NewDense(40, 9, nil), y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), "(40, 9)") {
		t.Errorf("Fit with 9 columns: error %v", err)
	}
	if _, err = m.Fit(X, mat.NewDense(39, 1, nil), Verbose(nil)); err == nil || !strings.Contains(err.Error(), "(39, 1)") {
		t.Errorf("Fit with 39 labels: error %v", err)
	}
	bad := mat.DenseCopyOf(y)
	bad.Set(3, 0, 0.5)
	if _, err = m.Fit(X, bad, Verbose(nil)); err == nil || !strings.Contains(err.Error(), "labels 0 or 1") {
		t.Errorf("Fit with a label 0.5: error %v", err)
	}
	// A failed Fit leaves the trained model usable.
	p, err := m.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := p.Dims(); r != 40 || c != 1 {
		t.Errorf("Predict returned %dx%d, want 40x1", r, c)
	}
}

func TestCompileErrors(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := toyData(10, 8, 5)
	m := Sequential("c", Input(8), Dense(1, Sigmoid))
	if _, err := m.Fit(X, y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), "model.Compile(") {
		t.Errorf("Fit before Compile: error %v", err)
	}
	m.Compile(BinaryCrossentropy(), Adam(0))
	if _, err := m.Fit(X, y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), "learning rate") {
		t.Errorf("Adam(0): error %v", err)
	}
	lin := Sequential("lin", Input(8), Dense(1, Linear))
	lin.Compile(BinaryCrossentropy(), Adam(0.001))
	if _, err := lin.Fit(X, y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), "sigmoid") {
		t.Errorf("linear last layer: error %v", err)
	}
	for _, c := range []struct {
		loss Loss
		want string
	}{
		{BinaryCrossentropyFromLogits(), "BinaryCrossentropyFromLogits needs a linear last layer"},
		{MeanSquaredError(), "MeanSquaredError needs a linear last layer"},
	} {
		m.Compile(c.loss, Adam(0.01))
		if _, err := m.Fit(X, y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s on a sigmoid last layer: error %v, want %q", c.loss, err, c.want)
		}
	}
	m.Compile(BinaryCrossentropy(), Adam(0.01))
	if _, err := m.Fit(X, y, Epochs(0), Verbose(nil)); err == nil {
		t.Error("Epochs(0) must be an error")
	}
}

func TestPredictIsSigmoidOfWeights(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := toyModel(t, "forward")
	X, y := toyData(50, 8, 6)
	if _, err := m.Fit(X, y, Epochs(2), Seed(3), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	p := m.MustPredict(X)
	w := m.MustWeights()
	// A forward pass by hand with the returned weights must give Predict's probabilities.
	var a mat.Dense
	a.CloneFrom(X)
	for i, l := range m.Layers() {
		var z mat.Dense
		z.Mul(&a, w[i].W)
		r, c := z.Dims()
		for ri := range r {
			for ci := range c {
				v := z.At(ri, ci) + w[i].B.AtVec(ci)
				switch l.Activation {
				case Sigmoid:
					v = 1 / (1 + math.Exp(-v))
				case ReLU:
					v = max(v, 0)
				}
				z.Set(ri, ci, v)
			}
		}
		a.Reset()
		a.CloneFrom(&z)
	}
	if !mat.EqualApprox(&a, p, 1e-5) {
		t.Errorf("Predict differs from a forward pass with Weights():\n%v\n%v", mat.Formatted(p.Slice(0, 3, 0, 1)), mat.Formatted(a.Slice(0, 3, 0, 1)))
	}
}

// Every bad input gives an error that says what is wrong, never a panic or a stack trace.
func TestBadInputs(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := toyModel(t, "bad_inputs")
	X, y := toyData(40, 8, 4)
	if _, err := m.Fit(X, y, Epochs(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	with := func(v float64) *mat.Dense {
		c := mat.DenseCopyOf(X)
		c.Set(2, 3, v)
		return c
	}
	var nilDense *mat.Dense
	predictCases := []struct {
		name string
		X    mat.Matrix
		want string
	}{
		{"0 rows", X.Slice(0, 0, 0, 8), "X has shape (0, 8): it needs at least one row"},
		{"empty matrix", &mat.Dense{}, "X has shape (0, 0)"},
		{"nil", nil, "X is a nil matrix"},
		{"nil *mat.Dense", nilDense, "X is a nil matrix"},
		{"NaN", with(math.NaN()), "X[2, 3] is NaN: the data must be finite numbers"},
		{"+Inf", with(math.Inf(1)), "X[2, 3] is +Inf"},
		{"-Inf", with(math.Inf(-1)), "X[2, 3] is -Inf"},
		{"too large for float32", with(1e39), "X[2, 3] is 1e+39"},
		{"wrong columns", mat.NewDense(3, 7, nil), "takes inputs of shape (None, 8), but X has shape (3, 7)"},
	}
	for _, c := range predictCases {
		t.Run("Predict/"+c.name, func(t *testing.T) {
			if _, err := m.Predict(c.X); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Predict: error %v, want %q", err, c.want)
			}
		})
	}
	fitCases := []struct {
		name string
		X, y mat.Matrix
		want string
	}{
		{"0 rows", X.Slice(0, 0, 0, 8), y.Slice(0, 0, 0, 1), "X has shape (0, 8): it needs at least one row"},
		{"nil X", nil, y, "X is a nil matrix"},
		{"nil y", X, nilDense, "y is a nil matrix"},
		{"NaN in X", with(math.NaN()), y, "X[2, 3] is NaN"},
		{"Inf in X", with(math.Inf(1)), y, "X[2, 3] is +Inf"},
		{"NaN in y", X, func() *mat.Dense { c := mat.DenseCopyOf(y); c.Set(5, 0, math.NaN()); return c }(), "y[5, 0] = NaN"},
	}
	for _, c := range fitCases {
		t.Run("Fit/"+c.name, func(t *testing.T) {
			var log bytes.Buffer
			if _, err := m.Fit(c.X, c.y, Verbose(&log)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Fit: error %v, want %q", err, c.want)
			}
			if log.Len() != 0 {
				t.Errorf("Fit trained on bad input: %q", log.String())
			}
		})
	}
	// Still the model trained above.
	if _, err := m.Predict(X); err != nil {
		t.Fatal(err)
	}
}

// A nil *Model is an error, never a nil-pointer panic, in every method.
func TestNilModel(t *testing.T) {
	var m *Model
	want := "the model is nil"
	X, y := toyData(4, 8, 1)
	errs := map[string]error{"Err": m.Err()}
	_, errs["Fit"] = m.Fit(X, y)
	_, errs["Predict"] = m.Predict(X)
	_, errs["Weights"] = m.Weights()
	_, errs["InitialWeights"] = m.InitialWeights(1)
	_, errs["History"] = m.History()
	_, errs["StateDir"] = m.StateDir()
	for name, err := range errs {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s on a nil model: error %v, want %q", name, err, want)
		}
	}
	if _, err := m.SummaryString(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("SummaryString() error %v, want %q", err, want)
	}
	if m.Name() != "" || m.InputSize() != 0 || m.OutputSize() != 0 || m.Layers() != nil || m.NumParams() != 0 {
		t.Error("a nil model reports a name or layers")
	}
	m.Compile(BinaryCrossentropy(), Adam(0.001)) // no panic
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), want) {
			t.Errorf("MustPredict on a nil model panicked with %v", r)
		}
	}()
	m.MustPredict(X)
}

// Fit and Predict take any mat.Matrix: a view, a transpose, a vector.
func TestAnyMatrix(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := toyModel(t, "any_matrix")
	X, y := toyData(40, 8, 4)
	yv := mat.NewVecDense(40, mat.Col(nil, 0, y))
	Xt := mat.DenseCopyOf(X.T())
	if _, err := m.Fit(Xt.T(), yv, Epochs(1), Seed(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	want := m.MustPredict(X)
	if got := m.MustPredict(Xt.T()); !mat.Equal(got, want) {
		t.Error("Predict of a transposed view differs")
	}
	if got := m.MustPredict(X.Slice(3, 4, 0, 8)); got.At(0, 0) != want.At(3, 0) {
		t.Error("Predict of a one-row slice differs")
	}
}
