package labs

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The lab notebook, relative to this package's folder.
const labNotebook = "../../notebooks/C2_W1_Assignment.ipynb"

// Executes the lab notebook through the real kernel, as `make html` does, and checks
// what a learner sees: every section's printed values, the model summary, the
// training log, the predictions, the exercise checks and the pictures, with no error.
func TestLabNotebook(t *testing.T) {
	t.Parallel()
	// A run of its own, compared with the shared make html run's: two seeded runs agree.
	r := runCleanAlone(t, labNotebook)
	compareLabRun(t, r.res.NotebookPath(labNotebook))
	checkSections(t, r, []section{
		{"data", lab1Data},
		{"model", lab1Model},
		{"float32", lab1Float32},
		{"training", lab1Training},
		{"predictions", lab1Predictions},
		{"forward propagation by hand", lab1ByHand},
		{"broadcasting", lab1Broadcasting},
		{"pictures", lab1Pictures},
		pageSection("Total params: 10,431", "Epoch 20/20", "All tests passed!", "(1000, 400)"),
	})
}

func lab1Data(t *testing.T, r labRun) {
	// The data-source notice is ordinary output (stdout), not the red stderr style.
	if out := cellByID(t, r.nb, "locked_02").Stdout(); !strings.HasPrefix(out, "autils: using the built-in MNIST digits, 1000 rows") {
		t.Errorf("the data cell printed %q on stdout, want the data-source notice", out)
	}
	out := cellByID(t, r.nb, "locked_03").Stdout()
	// As the course prints it: scientific notation (the digits' tiny
	// resampling values), four values a line, 100 lines.
	if !strings.HasPrefix(out, "The first element of X is:  [ 0.00000000e+00  0.00000000e+00  0.00000000e+00  0.00000000e+00\n") ||
		!strings.HasSuffix(out, "]\n") || strings.Count(out, "\n") != 100 {
		t.Errorf("X[0] is not printed as numpy prints the course's X[0]:\n%s", out)
	}
	if n := len(strings.Fields(strings.Trim(strings.TrimPrefix(out, "The first element of X is: "), " []\n"))); n != 400 {
		t.Errorf("X[0] printed with %d values, want 400", n)
	}
	contains(t, r.nb.Text(),
		"The first element of y is:  0\nThe last element of y is:  1\n",
		"The shape of X is: (1000, 400)\n",
		"The shape of y is: (1000, 1)\n",
	)
}

func lab1Model(t *testing.T, r labRun) {
	if got, want := nbtest.TrimLines(cellByID(t, r.nb, "locked_08").Stdout()), nbtest.LabOf("C2_W1").Summary; got != want {
		t.Errorf("the model summary is\n%s\nwant\n%s", got, want)
	}
	if got := strings.Count(r.nb.Text(), "All tests passed!"); got != 3 {
		t.Errorf(`"All tests passed!" printed %d times, want 3 (model, MyDense, MyDenseV)`, got)
	}
	for _, id := range []string{"test_model", "test_my_dense", "test_my_dense_v"} {
		if got := cellByID(t, r.nb, id).Stdout(); !strings.Contains(got, "All tests passed!") {
			t.Errorf("%s printed %q, want All tests passed!", id, got)
		}
	}
	contains(t, r.nb.Text(),
		"L1 params =  10025 , L2 params =  390 ,  L3 params =  16\n",
		"W1 shape = (400, 25), b1 shape = (25,)\nW2 shape = (25, 15), b2 shape = (15,)\nW3 shape = (15, 1), b3 shape = (1,)\n",
	)
}

var (
	predictZero = regexp.MustCompile(`predicting a zero: \[\[([0-9.e-]+)\]\]`)
	predictOne  = regexp.MustCompile(`predicting a one:  \[\[([0-9.e-]+)\]\]`)
)

// What the model computes in float32 prints as numpy prints float32.
func lab1Float32(t *testing.T, r labRun) {
	text := r.nb.Text()
	for _, re := range []*regexp.Regexp{predictZero, predictOne} {
		m := re.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("no match for %s", re)
		}
		checkFloat32Digits(t, m[1])
	}
	w3 := cellByID(t, r.nb, "locked_13").Stdout()
	vals := regexp.MustCompile(`-?\d\.\d+`).FindAllString(strings.SplitN(w3, "b3 =", 2)[0], -1)
	if len(vals) != 15 || !strings.HasSuffix(w3, "b3 = [0.]\n") {
		t.Errorf("W3 and b3 printed as:\n%s\nwant 15 kernel values and a zero bias", w3)
	}
	for _, v := range vals {
		checkFloat32Digits(t, v)
	}
}

func lab1Training(t *testing.T, r labRun) {
	loss, err := nbtest.LabOf("C2_W1").Losses(cellByID(t, r.nb, "locked_14").Stdout())
	if err != nil {
		t.Fatal(err)
	}
	if first, last := loss[0], loss[19]; !(first > 0.5 && last < 0.05) {
		t.Errorf("loss went from %v to %v; want a start near ln 2 and an end below 0.05", first, last)
	}
}

func lab1Predictions(t *testing.T, r labRun) {
	text := r.nb.Text()
	if p := number(t, predictZero, text); p >= 0.1 {
		t.Errorf("prediction for X[0] (a zero) = %v, want below 0.1", p)
	}
	if p := number(t, predictOne, text); p <= 0.9 {
		t.Errorf("prediction for X[500] (a one) = %v, want above 0.9", p)
	}
	contains(t, text,
		"prediction after threshold: 1\n",
		"yhat =  0  label=  0\n",
		"yhat =  1  label=  1\n",
		"predict a zero:  [0] predict a one:  [1]\n",
	)
	if d := number(t, regexp.MustCompile(`largest difference between the model and MySequentialV over 1000 examples: (\S+)\n`), text); d > 1e-6 {
		t.Errorf("by-hand forward pass differs from the model by %v, want at most 1e-6", d)
	}
}

func lab1ByHand(t *testing.T, r labRun) {
	contains(t, r.nb.Text(),
		"[0.54735762 0.57932425 0.61063923]\n",
		"(1, 25)\n",
		"[[0.54735762 0.57932425 0.61063923]\n"+
			" [0.57199613 0.61301418 0.65248946]\n"+
			" [0.5962827  0.64565631 0.6921095 ]\n"+
			" [0.62010643 0.67699586 0.72908792]]\n",
		"(1000, 1)\n",
	)
	// X as a matrix of rows, cut to its corners as numpy prints a big array.
	if got := cellByID(t, r.nb, "locked_x_rows").Stdout(); !strings.HasPrefix(got, "[[0. 0. 0. ... 0. 0. 0.]\n") ||
		strings.Count(got, "\n") != 7 || !strings.Contains(got, "\n ...\n") {
		t.Errorf("X printed as:\n%s\nwant numpy's summary of a 1000 x 400 array", got)
	}
}

// What the course's tutorial prints, character for character.
func lab1Broadcasting(t *testing.T, r labRun) {
	for _, c := range []struct{ id, want string }{
		{"locked_broadcast_add", "(a + b).shape: (3, 1), \na + b = \n[[6]\n [7]\n [8]]\n"},
		{"locked_broadcast_mul", "(a * b).shape: (3, 1), \na * b = \n[[ 5]\n [10]\n [15]]\n"},
		{"locked_broadcast_column_row", "[[1]\n [2]\n [3]\n [4]]\n[[1 2 3]]\n(a + b).shape: (4, 3), \na + b = \n[[2 3 4]\n [3 4 5]\n [4 5 6]\n [5 6 7]]\n"},
		{"locked_broadcast_mismatch", "shapes (4, 1) and (3, 1) cannot be combined"},
		{"locked_broadcast_bias", "[[ 73.  85.  96.]\n [161. 189. 216.]]\n(2, 3)\n"},
	} {
		if got := cellByID(t, r.nb, c.id).Stdout(); !strings.Contains(got, c.want) {
			t.Errorf("%s printed\n%s\nwant it to contain\n%s", c.id, got, c.want)
		}
	}
}

func lab1Pictures(t *testing.T, r labRun) {
	imgs := r.nb.Images()
	// Five digit grids and the course's figures: the model, a dense layer,
	// the two matrix products (one picture) and the four broadcasting cases.
	if len(imgs) != 12 {
		t.Fatalf("the notebook shows %d pictures, want 12 (5 digit grids, 7 figures)", len(imgs))
	}
	for i, img := range imgs {
		w, h, err := img.Size()
		if err != nil {
			t.Fatalf("picture %d: %v", i+1, err)
		}
		if w < 150 || h < 150 {
			t.Errorf("picture %d is %dx%d, too small to read", i+1, w, h)
		}
	}
	// The grids and figures the lab asks for each show in their own cell.
	for _, id := range []string{"locked_06", "locked_17", "locked_fig_model", "locked_fig_dense", "locked_fig_vecmat"} {
		if n := len(cellByID(t, r.nb, id).Images()); n != 1 {
			t.Errorf("cell %s shows %d pictures, want 1", id, n)
		}
	}
	// The broadcasting pictures, drawn from the cells' own arrays, are the ones
	// helpers/figures checks against its golden files.
	for id, golden := range map[string]string{
		"locked_broadcast_add":        "scalar-add",
		"locked_broadcast_mul":        "scalar-mul",
		"locked_broadcast_column_row": "column-row",
		"locked_broadcast_bias":       "bias",
	} {
		shown := cellByID(t, r.nb, id).Images()
		want, err := os.ReadFile(filepath.Join("..", "..", "helpers", "figures", "testdata", "broadcast-"+golden+".png"))
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		if len(shown) == 1 {
			got, _ = shown[0].PNG()
		}
		if !bytes.Equal(got, want) {
			t.Errorf("cell %s: %d pictures, not testdata/broadcast-%s.png", id, len(shown), golden)
		}
	}
}

// A learner runs cells out of order and again: the lab's prediction cell before any
// training (a clear message, no stack trace), then the training cell, the prediction,
// the training cell once more and the prediction again (same seed, same numbers).
func TestLabCellsOutOfOrder(t *testing.T) {
	t.Parallel()
	src := committed(t, labNotebook)
	fit, predict := cellByID(t, src, "locked_14"), cellByID(t, src, "locked_15")
	cells := append(cellsByID(t, src, "locked_01", "locked_02", "ex1_model", "locked_11"), predict, fit, predict, fit, predict)
	nb := runCells(t, cells, true)
	if got := nb.ErrorCells(); len(got) != 1 || got[0] != 4 {
		t.Fatalf("cells with errors = %v, want only the prediction before training (4)", got)
	}
	early := nb.Cells[4].Text()
	if !strings.Contains(early, "has not been trained yet: run the cell that calls model.MustFit first") || strings.Contains(early, "goroutine ") {
		t.Errorf("prediction before training printed %q, want the message alone", early)
	}
	first, second := nb.Cells[6].Stdout(), nb.Cells[8].Stdout()
	if !strings.Contains(first, "predicting a zero: [[") || first != second {
		t.Errorf("predictions after training and after training again differ:\n%s\n%s", first, second)
	}
	if a, b := nb.Cells[5].Stdout(), nb.Cells[7].Stdout(); !strings.Contains(b, "Epoch 20/20") || lossLines(a) != lossLines(b) {
		t.Errorf("training again logged other losses:\n%s\n%s", a, b)
	}
}

// checkFloat32Digits fails the test unless s is how numpy prints a float32 in an
// array: the shortest digits that identify the float32 nearest to it, cut to at
// most 8 after the point (numpy's default precision).
func checkFloat32Digits(t *testing.T, s string) {
	t.Helper()
	v, err := strconv.ParseFloat(s, 32)
	if err != nil {
		t.Errorf("%q is not a number: %v", s, err)
		return
	}
	want := strconv.FormatFloat(v, 'f', -1, 32)
	if _, frac, _ := strings.Cut(want, "."); len(frac) > 8 {
		want = strings.TrimRight(strconv.FormatFloat(v, 'f', 8, 32), "0")
	}
	if s != want {
		t.Errorf("printed %s, want %s (numpy's float32 digits)", s, want)
	}
}

// A mistake in the model's declaration shows in the cell that declares it (run
// again, too), and in the cells that use the model; cells that do not use it keep
// working: the student edition's blank Exercise 1 breaks neither Exercise 2 nor 3.
// A misspelt activation does not compile, so it shows in its own cell and leaves
// the model as it was.
func TestLabModelMistakeShowsWhereItIsMade(t *testing.T) {
	t.Parallel()
	src := committed(t, labNotebook)
	declare := cellByID(t, src, "ex1_model")
	blank := regexp.MustCompile(`(?s)// BEGIN SOLUTION\n.*// END SOLUTION\n`).ReplaceAllString(string(declare.Source), "// YOUR CODE HERE\n")
	typo := strings.Replace(string(declare.Source), `nn.Dense(15, nn.Sigmoid)`, `nn.Dense(15, nn.Sigmod)`, 1)
	if blank == string(declare.Source) || typo == string(declare.Source) {
		t.Fatalf("the model cell has changed; update this test:\n%s", declare.Source)
	}
	summary := cellByID(t, src, "locked_08")
	cells := append(cellsByID(t, src, "locked_01", "locked_02"),
		nbtest.Cell{Source: nbtest.MultilineText(blank)}, // 2: the student edition's blank model
		summary, // 3
	)
	cells = append(cells, cellsByID(t, src, "ex2_my_dense", "test_my_dense", "ex3_my_dense_v", "test_my_dense_v")...) // 4-7
	cells = append(cells,
		nbtest.Cell{Source: nbtest.MultilineText(typo)},  // 8: a typo in an activation
		nbtest.Cell{Source: nbtest.MultilineText(typo)},  // 9: the same cell run again
		cellByID(t, src, "locked_11"),                    // 10: declares something else
		summary,                                          // 11: the model is still the blank one
		nbtest.Cell{Source: nbtest.MultilineText(blank)}, // 12: the blank model declared again
	)
	nb := runCells(t, cells, true)
	if got, want := fmt.Sprint(nb.ErrorCells()), "[2 3 8 9 11 12]"; got != want {
		t.Errorf("cells with errors = %s, want %s (the declarations and the summaries)", got, want)
	}
	for _, i := range []int{2, 3, 11, 12} {
		const want = `model "my_model" must start with nn.Input(n)`
		if text := nb.Cells[i].Text(); !strings.Contains(text, want) || strings.Contains(text, "goroutine ") {
			t.Errorf("cell %d printed %q, want %q alone", i, text, want)
		}
	}
	for _, i := range []int{8, 9} { // GoNB shows a compile error in HTML, then fails the cell
		var errs []string
		for _, o := range nb.Cells[i].Outputs {
			errs = append(errs, string(o.Text), o.DataText("text/html"), o.DataText("text/plain"), o.Evalue)
		}
		if text := nbtest.StripANSI(strings.Join(errs, "\n")); !strings.Contains(text, "undefined: nn.Sigmod") {
			t.Errorf("cell %d: error %q, want the compile error undefined: nn.Sigmod", i, text)
		}
	}
	for _, i := range []int{5, 7} {
		if text := nb.Cells[i].Stdout(); !strings.Contains(text, "All tests passed!") {
			t.Errorf("exercise check in cell %d printed %q with a blank Exercise 1, want All tests passed!", i, text)
		}
	}
}
