package nn

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
	"gonum.org/v1/gonum/mat"
)

// classData is a 3-class problem: the class of a row is the index of the largest of its first three
// features.
func classData(n, features int, seed int64) (X, y *mat.Dense) {
	X, _ = toyData(n, features, seed)
	y = mat.NewDense(n, 1, nil)
	for i := range n {
		y.Set(i, 0, float64(Argmax(X.Slice(i, i+1, 0, 3))))
	}
	return X, y
}

func classModel(name string) *Model {
	m := Sequential(name, Input(8), Dense(16, ReLU).Named("L1"), Dense(3, Linear).Named("L2"))
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.01))
	return m
}

func TestActivationsAndNamedLayers(t *testing.T) {
	// What the multiclass lab prints for its model (testdata/labs.json). Read here, not in a
	// package variable: the tests that start this binary again as a cell run it in other
	// folders, where the fixture is out of reach.
	multiclassSummary := nbtest.LabOf("C2_W2").Summary
	m := Sequential("my_model", Input(400),
		Dense(25, ReLU).Named("L1"), Dense(15, ReLU).Named("L2"), Dense(10, Linear).Named("L3"))
	if got, _ := m.SummaryString(); got != multiclassSummary {
		t.Errorf("summary =\n%s\nwant\n%s", got, multiclassSummary)
	}
	var acts []Activation
	for _, l := range m.Layers() {
		acts = append(acts, l.Activation)
	}
	if fmt.Sprint(acts) != "[relu relu linear]" {
		t.Errorf("activations %v", acts)
	}
	if l := Sequential("m", Input(2), Dense(1, Linear)).Layers(); l[0].Activation != Linear {
		t.Errorf(`Dense(1, Linear) has activation %q, want linear`, l[0].Activation)
	}
}

// A linear last layer makes Predict return the logits: a forward pass by hand with ReLU and no final
// activation gives the same numbers.
func TestPredictReturnsLogits(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := classModel("logits")
	X, y := classData(64, 8, 1)
	if _, err := m.Fit(X, y, Epochs(2), Seed(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	w := m.MustWeights()
	var h, z mat.Dense
	h.Mul(X, w[0].W)
	h.Apply(func(_, j int, v float64) float64 { return max(v+w[0].B.AtVec(j), 0) }, &h)
	z.Mul(&h, w[1].W)
	z.Apply(func(_, j int, v float64) float64 { return v + w[1].B.AtVec(j) }, &z)
	p := m.MustPredict(X)
	if !mat.EqualApprox(p, &z, 1e-5) {
		t.Errorf("Predict is not the logits of a ReLU then linear forward pass")
	}
	neg := false
	for _, v := range p.RawMatrix().Data {
		neg = neg || v < 0
	}
	if !neg {
		t.Error("no negative output: Predict does not look like logits")
	}
}

func TestSparseCategoricalFit(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := classData(300, 8, 2)
	m := classModel("sparse")
	h, err := m.Fit(X, y, Epochs(15), Seed(3), Verbose(nil))
	if err != nil {
		t.Fatal(err)
	}
	if first, last := h.Loss[0], h.Loss[14]; !(first > 0.8 && last < 0.5*first) {
		t.Errorf("loss from %.4f to %.4f: want a start near ln 3 = 1.10 and a clear fall", first, last)
	}
	pred := ArgmaxRows(m.MustPredict(X))
	correct := 0
	for i, c := range pred {
		if float64(c) == y.At(i, 0) {
			correct++
		}
	}
	if acc := float64(correct) / 300; acc < 0.85 {
		t.Errorf("training accuracy %.2f, want at least 0.85", acc)
	}
	// The loss is the mean of -log softmax(z)[label], where z are the model's outputs, as in Keras with
	// from_logits=True: for a linear last layer its logits, for a ReLU one (a learner's mistake) relu(z).
	for _, last := range []Activation{Linear, ReLU} {
		m1 := Sequential("sparse_one_epoch_"+last.String(), Input(8), Dense(16, ReLU), Dense(3, last))
		m1.Compile(SparseCategoricalCrossentropy(true), Adam(1e-12))
		h1, err := m1.Fit(X, y, Epochs(1), BatchSize(300), Seed(4), Verbose(nil))
		if err != nil {
			t.Fatal(err)
		}
		p := Softmax(m1.MustPredict(X))
		want := 0.0
		for i := range 300 {
			want -= math.Log(p.At(i, int(y.At(i, 0)))) / 300
		}
		if math.Abs(h1.Loss[0]-want) > 1e-4 {
			t.Errorf("%s last layer: loss %v, want the mean of -log softmax(outputs)[label] = %v", last, h1.Loss[0], want)
		}
	}
}

// The lab's data size: 5000 rows in batches of 32 make 157 steps, as in Keras's log.
func TestSparseLog157Steps(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := classData(5000, 8, 5)
	var log bytes.Buffer
	if _, err := classModel("steps").Fit(X, y, Epochs(1), Seed(1), Verbose(&log)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(log.String(), "Epoch 1/1\n157/157 [==============================] - ") {
		t.Errorf("log %q, want 157/157 steps", log.String())
	}
}

func TestSparseCategoricalErrors(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := classData(20, 8, 6)
	set := func(row int, v float64) *mat.Dense {
		c := mat.DenseCopyOf(y)
		c.Set(row, 0, v)
		return c
	}
	for name, c := range map[string]struct {
		y    mat.Matrix
		want string
	}{
		"not whole":    {set(7, 2.5), "class numbers 0 to 2 (whole numbers), but row 7 of y holds 2.5"},
		"negative":     {set(3, -1), "row 3 of y holds -1"},
		"out of range": {set(4, 3), "row 4 of y holds 3"},
		"NaN":          {set(5, math.NaN()), "row 5 of y holds NaN"},
		"one-hot":      {mat.NewDense(20, 3, nil), "y must have shape (20, 1) (one class number per row), but y has shape (20, 3)"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := classModel("labels").Fit(X, c.y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	m := classModel("probabilities")
	m.Compile(SparseCategoricalCrossentropy(false), Adam(0.001))
	_, err := m.Fit(X, y, Verbose(nil))
	for _, want := range []string{"nn.SparseCategoricalCrossentropy(false)", "nn.Dense(3, nn.Linear)", "nn.SparseCategoricalCrossentropy(true)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("fromLogits false: error %v, want it to contain %q", err, want)
		}
	}
	one := Sequential("one", Input(8), Dense(1, Linear))
	one.Compile(SparseCategoricalCrossentropy(true), Adam(0.001))
	if _, err := one.Fit(X, y, Verbose(nil)); err == nil || !strings.Contains(err.Error(), "one unit per class") {
		t.Errorf("one output unit: error %v", err)
	}
}

// The history is saved with the weights: a later process reads it without training.
func TestHistoryAcrossProcesses(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	t.Chdir(t.TempDir())
	_, err := cellModel().History()
	if !errors.Is(err, ErrNotTrained) || !strings.Contains(err.Error(), "run the cell that calls model.Fit first") {
		t.Errorf("History before Fit: %v", err)
	}
	func() {
		defer func() {
			if r := recover(); !strings.Contains(fmt.Sprint(r), "run the cell that calls model.MustFit first") {
				t.Errorf("MustHistory before Fit panicked with %v", r)
			}
		}()
		cellModel().MustHistory()
	}()
	X, y := toyData(64, 8, 9)
	m := cellModel()
	h := m.MustFit(X, y, Epochs(4), Seed(2), Verbose(nil))
	want := fmt.Sprint(h.Loss)
	if got := fmt.Sprint(m.MustHistory().Loss); got != want {
		t.Errorf("History() in the training process = %s, want %s", got, want)
	}
	out, err := cell(t, ".", "history")
	if err != nil || strings.TrimSpace(out) != want {
		t.Errorf("History() in a later process = %q (err %v), want %s", out, err, want)
	}
	h2 := m.MustFit(X, y, Epochs(2), Seed(3), Verbose(nil))
	if out, _ := cell(t, ".", "history"); strings.TrimSpace(out) != fmt.Sprint(h2.Loss) {
		t.Errorf("after retraining, a later process reads the history %q, want %v", out, h2.Loss)
	}
}

func TestSoftmax(t *testing.T) {
	z := mat.NewDense(3, 4, []float64{
		1, 2, 3, 4,
		1000, 1001, 1002, 1003, // would overflow without subtracting the max
		math.Inf(-1), 0, 0, math.Inf(-1),
	})
	p := Softmax(z)
	want := []float64{0.0320586, 0.0871443, 0.2368828, 0.6439143}
	for i := range 2 {
		for j, w := range want {
			if math.Abs(p.At(i, j)-w) > 1e-7 {
				t.Errorf("softmax row %d [%d] = %v, want %v", i, j, p.At(i, j), w)
			}
		}
	}
	if got := mat.Row(nil, 2, p); fmt.Sprint(got) != "[0 0.5 0.5 0]" {
		t.Errorf("softmax with -Inf = %v", got)
	}
	for i := range 3 {
		if s := mat.Sum(p.Slice(i, i+1, 0, 4)); math.Abs(s-1) > 1e-12 {
			t.Errorf("row %d sums to %v", i, s)
		}
	}
	if z.At(0, 0) != 1 {
		t.Error("Softmax changed its input")
	}
}

func TestArgmax(t *testing.T) {
	m := mat.NewDense(2, 3, []float64{1, 7, 3, 7, 2, 0})
	if got := Argmax(m); got != 1 {
		t.Errorf("Argmax = %d, want 1 (flat, row-major, first of ties)", got)
	}
	if got := Argmax(m.T()); got != 1 {
		t.Errorf("Argmax of the transpose = %d, want 1", got)
	}
	if got := Argmax(mat.NewDense(1, 3, []float64{1, math.NaN(), 5})); got != 1 {
		t.Errorf("Argmax with NaN = %d, want 1 (numpy: the first NaN)", got)
	}
	if got := Argmax(mat.NewDense(2, 2, []float64{-5, -4, -1, -3})); got != 2 {
		t.Errorf("Argmax of negatives = %d, want 2", got)
	}
	if got := ArgmaxRows(m); fmt.Sprint(got) != "[1 0]" {
		t.Errorf("ArgmaxRows = %v, want [1 0]", got)
	}
	for name, f := range map[string]func(){
		"Argmax":     func() { Argmax(nil) },
		"ArgmaxRows": func() { ArgmaxRows(&mat.Dense{}) },
		"Softmax":    func() { Softmax(nil) },
	} {
		func() {
			defer func() {
				if r := recover(); !strings.Contains(fmt.Sprint(r), "nn."+name+": ") {
					t.Errorf("%s of no matrix panicked with %v, want a message naming nn.%s", name, r, name)
				}
			}()
			f()
		}()
	}
}

// writes records each Write call.
type writes []string

func (w *writes) Write(p []byte) (int, error) { *w = append(*w, string(p)); return len(p), nil }

// The log reaches a notebook as whole epochs: one Write per epoch, both lines together.
func TestOneWritePerEpoch(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := toyData(100, 8, 1)
	var w writes
	if _, err := toyModel(t, "writes").Fit(X, y, Epochs(3), Verbose(&w)); err != nil {
		t.Fatal(err)
	}
	if len(w) != 3 {
		t.Fatalf("%d writes, want 3: %q", len(w), w)
	}
	for i, s := range w {
		lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		if len(lines) != 2 || lines[0] != fmt.Sprintf("Epoch %d/3", i+1) || !logLine.MatchString(lines[1]) || !strings.HasSuffix(s, "\n") {
			t.Errorf("write %d = %q, want the epoch line and the progress line", i, s)
		}
	}
}

// The Must forms' messages name the call the cell makes.
func TestMustMessagesNameTheCellsCall(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := toyData(8, 8, 1)
	m := Sequential("m", Input(8), Dense(1, Sigmoid))
	if _, err := m.Fit(X, y); err == nil || !strings.Contains(err.Error(), "before model.Fit") {
		t.Errorf("Fit before Compile: %v", err)
	}
	defer func() {
		if r := recover(); !strings.Contains(fmt.Sprint(r), "before model.MustFit") {
			t.Errorf("MustFit before Compile panicked with %v", r)
		}
	}()
	m.MustFit(X, y)
}
