package labs

import (
	"bytes"
	"encoding/json"
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

// cellWith returns the first code cell of nb whose source contains every one of
// the fragments, failing the test when there is none.
func cellWith(t *testing.T, nb *nbtest.Notebook, fragments ...string) nbtest.Cell {
	t.Helper()
	for _, c := range nb.CodeCells() {
		found := true
		for _, f := range fragments {
			if !strings.Contains(string(c.Source), f) {
				found = false
				break
			}
		}
		if found {
			return c
		}
	}
	t.Fatalf("no code cell contains %q", fragments)
	return nbtest.Cell{}
}

// committedCells reads the committed notebook at path and returns a cellWith for it:
// a function that returns its first code cell containing every fragment.
func committedCells(t *testing.T, path string) func(fragments ...string) nbtest.Cell {
	t.Helper()
	nb, err := nbtest.ReadNotebook(path)
	if err != nil {
		t.Fatal(err)
	}
	return func(fragments ...string) nbtest.Cell {
		t.Helper()
		return cellWith(t, nb, fragments...)
	}
}

// stdout returns what the cell printed on stdout, without colour codes.
func stdout(c nbtest.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == "stdout" {
			b.WriteString(string(o.Text))
		}
	}
	return nbtest.StripANSI(b.String())
}

// contains reports each of wants that text lacks.
func contains(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("outputs lack %q", want)
		}
	}
}

// number parses the float that re's first group captures in text.
func number(t *testing.T, re *regexp.Regexp, text string) float64 {
	t.Helper()
	m := re.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", re, text)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatalf("%q in %q: %v", m[1], m[0], err)
	}
	return v
}

// pictureSize returns the size of the one picture of c, failing the test unless c
// shows exactly one.
func pictureSize(t *testing.T, c nbtest.Cell) (w, h int) {
	t.Helper()
	imgs := c.Images()
	if len(imgs) != 1 {
		t.Fatalf("cell %q shows %d pictures, want 1", c.Source, len(imgs))
	}
	w, h, err := imgs[0].Size()
	if err != nil {
		t.Fatal(err)
	}
	return w, h
}

// checkSized checks that the code cell of nb containing frag shows one PNG of w x h pixels.
func checkSized(t *testing.T, nb *nbtest.Notebook, frag string, w, h int) {
	t.Helper()
	if gw, gh := pictureSize(t, cellWith(t, nb, frag)); gw != w || gh != h {
		t.Errorf("cell with %q shows a %dx%d picture, want %dx%d", frag, gw, gh, w, h)
	}
}

// runClean returns the shared `make html` run (sharedHTML) and the notebook at path as
// that run executed it, failing the test unless every code cell ran without an error and
// wrote nothing to stderr (a learner would see it in red).
func runClean(t *testing.T, path string) (*nbtest.RunResult, *nbtest.Notebook) {
	t.Helper()
	res, _ := sharedHTML(t)
	return res, cleanNotebook(t, res, path)
}

// runCleanAlone is runClean with a run of its own: the notebook alone through
// export/run.py.
func runCleanAlone(t *testing.T, path string) (*nbtest.RunResult, *nbtest.Notebook) {
	t.Helper()
	res := nbtest.MustRun(t, path)
	if res.Err != nil {
		t.Fatalf("%s failed: %v\n%s", path, res.Err, res.Output)
	}
	return res, cleanNotebook(t, res, path)
}

// cleanNotebook reads the notebook at path as res executed it and fails the test unless
// every code cell ran, without an error output and without writing to stderr.
func cleanNotebook(t *testing.T, res *nbtest.RunResult, path string) *nbtest.Notebook {
	t.Helper()
	nb := res.Executed(t, path)
	if errs := nb.ErrorCells(); len(errs) > 0 {
		t.Fatalf("%s: cells %v have error outputs; the runner said:\n%s", path, errs, res.Output[max(0, len(res.Output)-6000):])
	}
	for i, c := range nb.CodeCells() {
		if c.ExecutionCount == nil {
			t.Errorf("%s: code cell %d did not run", path, i+1)
		}
		for _, o := range c.Outputs {
			if o.Type == "stream" && o.Name == "stderr" {
				t.Errorf("%s: code cell %d wrote to stderr: %q", path, i+1, o.Text)
			}
		}
	}
	return nb
}

// Executes the lab notebook through the real kernel, as `make html` does, and checks
// what a learner sees: every section's printed values, the model summary, the
// training log, the predictions, the exercise checks and the pictures, with no error.
func TestLabNotebook(t *testing.T) {
	t.Parallel()
	// A run of its own, compared with the shared make html run's: two seeded runs agree.
	res, nb := runCleanAlone(t, labNotebook)
	compareLabRun(t, res.NotebookPath(labNotebook))

	t.Run("data", func(t *testing.T) {
		// The data-source notice is ordinary output (stdout), not the red stderr style.
		if out := stdout(cellWith(t, nb, "autils.LoadData()")); !strings.HasPrefix(out, "autils: using the built-in MNIST digits, 1000 rows") {
			t.Errorf("the data cell printed %q on stdout, want the data-source notice", out)
		}
		out := stdout(cellWith(t, nb, "The first element of X is"))
		// As the course prints it: scientific notation (the digits' tiny
		// resampling values), four values a line, 100 lines.
		if !strings.HasPrefix(out, "The first element of X is:  [ 0.00000000e+00  0.00000000e+00  0.00000000e+00  0.00000000e+00\n") ||
			!strings.HasSuffix(out, "]\n") || strings.Count(out, "\n") != 100 {
			t.Errorf("X[0] is not printed as numpy prints the course's X[0]:\n%s", out)
		}
		if n := len(strings.Fields(strings.Trim(strings.TrimPrefix(out, "The first element of X is: "), " []\n"))); n != 400 {
			t.Errorf("X[0] printed with %d values, want 400", n)
		}
		contains(t, nb.Text(),
			"The first element of y is:  0\nThe last element of y is:  1\n",
			"The shape of X is: (1000, 400)\n",
			"The shape of y is: (1000, 1)\n",
		)
	})

	t.Run("model", func(t *testing.T) {
		if got, want := nbtest.TrimLines(stdout(cellWith(t, nb, "model.Summary()"))), nbtest.LabOf("C2_W1").Summary; got != want {
			t.Errorf("the model summary is\n%s\nwant\n%s", got, want)
		}
		if got := strings.Count(nb.Text(), "All tests passed!"); got != 3 {
			t.Errorf(`"All tests passed!" printed %d times, want 3 (model, MyDense, MyDenseV)`, got)
		}
		contains(t, nb.Text(),
			"L1 params =  10025 , L2 params =  390 ,  L3 params =  16\n",
			"W1 shape = (400, 25), b1 shape = (25,)\nW2 shape = (25, 15), b2 shape = (15,)\nW3 shape = (15, 1), b3 shape = (1,)\n",
		)
	})

	t.Run("float32", func(t *testing.T) {
		// What the model computes in float32 prints as numpy prints float32.
		text := nb.Text()
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`predicting a zero: \[\[([0-9.e-]+)\]\]`),
			regexp.MustCompile(`predicting a one:  \[\[([0-9.e-]+)\]\]`),
		} {
			checkFloat32Digits(t, re.FindStringSubmatch(text)[1])
		}
		w3 := stdout(cellWith(t, nb, `fmt.Println("W3 =", `))
		vals := regexp.MustCompile(`-?\d\.\d+`).FindAllString(strings.SplitN(w3, "b3 =", 2)[0], -1)
		if len(vals) != 15 || !strings.HasSuffix(w3, "b3 = [0.]\n") {
			t.Errorf("W3 and b3 printed as:\n%s\nwant 15 kernel values and a zero bias", w3)
		}
		for _, v := range vals {
			checkFloat32Digits(t, v)
		}
	})

	t.Run("training", func(t *testing.T) {
		loss, err := nbtest.LabOf("C2_W1").Losses(stdout(cellWith(t, nb, "MustFit(")))
		if err != nil {
			t.Fatal(err)
		}
		if first, last := loss[0], loss[19]; !(first > 0.5 && last < 0.05) {
			t.Errorf("loss went from %v to %v; want a start near ln 2 and an end below 0.05", first, last)
		}
	})

	t.Run("predictions", func(t *testing.T) {
		text := nb.Text()
		if p := number(t, regexp.MustCompile(`predicting a zero: \[\[([0-9.e-]+)\]\]`), text); p >= 0.1 {
			t.Errorf("prediction for X[0] (a zero) = %v, want below 0.1", p)
		}
		if p := number(t, regexp.MustCompile(`predicting a one:  \[\[([0-9.e-]+)\]\]`), text); p <= 0.9 {
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
	})

	t.Run("forward propagation by hand", func(t *testing.T) {
		text := nb.Text()
		contains(t, text,
			"[0.54735762 0.57932425 0.61063923]\n",
			"(1, 25)\n",
			"[[0.54735762 0.57932425 0.61063923]\n"+
				" [0.57199613 0.61301418 0.65248946]\n"+
				" [0.5962827  0.64565631 0.6921095 ]\n"+
				" [0.62010643 0.67699586 0.72908792]]\n",
			"(1000, 1)\n",
		)
		// X as a matrix of rows, cut to its corners as numpy prints a big array.
		if got := stdout(cellWith(t, nb, "npfmt.Sprint(X))")); !strings.HasPrefix(got, "[[0. 0. 0. ... 0. 0. 0.]\n") ||
			strings.Count(got, "\n") != 7 || !strings.Contains(got, "\n ...\n") {
			t.Errorf("X printed as:\n%s\nwant numpy's summary of a 1000 x 400 array", got)
		}
	})

	t.Run("broadcasting", func(t *testing.T) {
		// What the course's tutorial prints, character for character.
		contains(t, stdout(cellWith(t, nb, "broadcast(a, b, add)", "{{5}}")),
			"(a + b).shape: (3, 1), \na + b = \n[[6]\n [7]\n [8]]\n")
		contains(t, stdout(cellWith(t, nb, "broadcast(a, b, multiply)")),
			"(a * b).shape: (3, 1), \na * b = \n[[ 5]\n [10]\n [15]]\n")
		contains(t, stdout(cellWith(t, nb, "broadcast(a, b, add)", "{{1, 2, 3}}")),
			"[[1]\n [2]\n [3]\n [4]]\n[[1 2 3]]\n(a + b).shape: (4, 3), \na + b = \n[[2 3 4]\n [3 4 5]\n [4 5 6]\n [5 6 7]]\n")
		contains(t, stdout(cellWith(t, nb, "_, err := broadcast(")),
			"shapes (4, 1) and (3, 1) cannot be combined")
		contains(t, stdout(cellWith(t, nb, `figures.ShowBroadcast("Z + b`)),
			"[[ 73.  85.  96.]\n [161. 189. 216.]]\n(2, 3)\n")
	})

	t.Run("pictures", func(t *testing.T) {
		imgs := nb.Images()
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
		// The grids the lab asks for each show in their own cell.
		for _, frag := range []string{
			"digitplot.RandomRows(m, 64, 1)",
			"digitplot.RandomRows(m, 64, 2)",
			"figures.ShowModel(model)",
			"figures.ShowDenseLayer(2, 3)",
			"figures.ShowMatMul(1000, 400, 25)",
		} {
			if n := len(cellWith(t, nb, frag).Images()); n != 1 {
				t.Errorf("cell with %q shows %d pictures, want 1", frag, n)
			}
		}
		// The broadcasting pictures, drawn from the cells' own arrays, are the ones
		// helpers/figures checks against its golden files.
		for frag, golden := range map[string]string{
			`figures.ShowBroadcast("a + 5`: "scalar-add",
			`figures.ShowBroadcast("5 ×`:   "scalar-mul",
			`figures.ShowBroadcast("a + b`: "column-row",
			`figures.ShowBroadcast("Z + b`: "bias",
		} {
			shown := cellWith(t, nb, frag).Images()
			want, err := os.ReadFile(filepath.Join("..", "..", "helpers", "figures", "testdata", "broadcast-"+golden+".png"))
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			if len(shown) == 1 {
				got, _ = shown[0].PNG()
			}
			if !bytes.Equal(got, want) {
				t.Errorf("cell with %q: %d pictures, not testdata/broadcast-%s.png", frag, len(shown), golden)
			}
		}

		page, err := os.ReadFile(res.HTMLPath(labNotebook))
		if err != nil {
			t.Fatal(err)
		}
		html := string(page)
		if n := strings.Count(html, "data:image/png;base64,"); n < len(imgs) {
			t.Errorf("HTML page embeds %d PNG pictures, want %d", n, len(imgs))
		}
		for _, want := range []string{"Total params: 10,431", "Epoch 20/20", "All tests passed!", "(1000, 400)"} {
			if !strings.Contains(html, want) {
				t.Errorf("HTML page lacks %q", want)
			}
		}
	})

	t.Run("page", func(t *testing.T) {
		nbtest.CheckPage(t, nbtest.RequireKernel(t), nb, res.HTMLPath(labNotebook))
	})

	// The committed notebook stays without outputs; the runner writes elsewhere.
	src, err := nbtest.ReadNotebook(filepath.Clean(labNotebook))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range src.CodeCells() {
		if len(c.Outputs) > 0 || c.ExecutionCount != nil {
			t.Errorf("notebooks/C2_W1_Assignment.ipynb code cell %d is committed with outputs", i+1)
		}
	}
}

// A learner runs cells out of order and again: the lab's prediction cell before any
// training (a clear message, no stack trace), then the training cell, the prediction,
// the training cell once more and the prediction again (same seed, same numbers).
func TestLabCellsOutOfOrder(t *testing.T) {
	t.Parallel()
	cell := committedCells(t, labNotebook)
	fit, predict := cell("MustFit("), cell("predicting a zero")
	nb := runCells(t, []nbtest.Cell{cell("import ("), cell("autils.LoadData()"), cell("// UNQ_C1"), cell("const seed"),
		predict, fit, predict, fit, predict}, true)
	if got := nb.ErrorCells(); len(got) != 1 || got[0] != 4 {
		t.Fatalf("cells with errors = %v, want only the prediction before training (4)", got)
	}
	early := nb.Cells[4].Text()
	if !strings.Contains(early, "has not been trained yet: run the cell that calls model.MustFit first") || strings.Contains(early, "goroutine ") {
		t.Errorf("prediction before training printed %q, want the message alone", early)
	}
	first, second := stdout(nb.Cells[6]), stdout(nb.Cells[8])
	if !strings.Contains(first, "predicting a zero: [[") || first != second {
		t.Errorf("predictions after training and after training again differ:\n%s\n%s", first, second)
	}
	if a, b := stdout(nb.Cells[5]), stdout(nb.Cells[7]); !strings.Contains(b, "Epoch 20/20") || lossLines(a) != lossLines(b) {
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

// lossLines returns the "loss: ..." parts of a training log, one per line.
func lossLines(log string) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`loss: \S+`).FindAllString(log, -1) {
		b.WriteString(m + "\n")
	}
	return b.String()
}

// writeNotebook writes a notebook of the sources of the given code cells, without
// outputs, for GoNB's kernel.
func writeNotebook(path string, cells []nbtest.Cell) error {
	var clean []nbtest.Cell
	for _, c := range cells {
		clean = append(clean, nbtest.Cell{Type: "code", Source: c.Source, Outputs: []nbtest.Output{}, Metadata: map[string]any{}})
	}
	data, err := json.MarshalIndent(map[string]any{
		"nbformat":       4,
		"nbformat_minor": 4,
		"metadata": map[string]any{
			"kernelspec": map[string]any{"name": nbtest.KernelName, "display_name": "Go (gonb)", "language": "go"},
		},
		"cells": clean,
	}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// A mistake in the model's declaration shows in the cell that declares it (run
// again, too), and in the cells that use the model; cells that do not use it keep
// working: the student edition's blank Exercise 1 breaks neither Exercise 2 nor 3.
// A misspelt activation does not compile, so it shows in its own cell and leaves
// the model as it was.
func TestLabModelMistakeShowsWhereItIsMade(t *testing.T) {
	t.Parallel()
	cell := committedCells(t, labNotebook)
	declare := cell("// UNQ_C1")
	blank := regexp.MustCompile(`(?s)// BEGIN SOLUTION\n.*// END SOLUTION\n`).ReplaceAllString(string(declare.Source), "// YOUR CODE HERE\n")
	typo := strings.Replace(string(declare.Source), `nn.Dense(15, nn.Sigmoid)`, `nn.Dense(15, nn.Sigmod)`, 1)
	if blank == string(declare.Source) || typo == string(declare.Source) {
		t.Fatalf("the model cell has changed; update this test:\n%s", declare.Source)
	}
	summary := cell("model.Summary()")
	cells := []nbtest.Cell{
		cell("import ("), cell("autils.LoadData()"),
		{Source: nbtest.MultilineText(blank)}, // 2: the student edition's blank model
		summary,                               // 3
		cell("// UNQ_C2"), cell("exercise.CheckDense(MyDense)"),
		cell("// UNQ_C3"), cell("exercise.CheckDenseV(MyDenseV)"),
		{Source: nbtest.MultilineText(typo)},  // 8: a typo in an activation
		{Source: nbtest.MultilineText(typo)},  // 9: the same cell run again
		cell("const seed"),                    // 10: declares something else
		summary,                               // 11: the model is still the blank one
		{Source: nbtest.MultilineText(blank)}, // 12: the blank model declared again
	}
	nb := runCells(t, cells, true)
	if got, want := fmt.Sprint(nb.ErrorCells()), "[2 3 8 9 11 12]"; got != want {
		t.Errorf("cells with errors = %s, want %s (the declarations and the summaries)", got, want)
	}
	for i, want := range map[int]string{
		2:  `model "my_model" must start with nn.Input(n)`,
		3:  `model "my_model" must start with nn.Input(n)`,
		11: `model "my_model" must start with nn.Input(n)`,
		12: `model "my_model" must start with nn.Input(n)`,
	} {
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
		if text := stdout(nb.Cells[i]); !strings.Contains(text, "All tests passed!") {
			t.Errorf("exercise check in cell %d printed %q with a blank Exercise 1, want All tests passed!", i, text)
		}
	}
}
