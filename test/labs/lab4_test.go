package labs

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The decision-tree labs (week 4), relative to this package's folder.
const (
	lab4Notebook         = "../../notebooks/C2_W4_Assignment.ipynb"
	lab4OptionalNotebook = "../../notebooks/C2_W4_Lab01_Decision_Trees.ipynb"
)

// gradeID returns the cell's nbgrader grade_id ("" if none).
func gradeID(c nbtest.Cell) string {
	meta, _ := c.Metadata["nbgrader"].(map[string]any)
	id, _ := meta["grade_id"].(string)
	return id
}

// cellByID returns the code cell of nb whose grade_id is id, failing the test when
// there is none.
func cellByID(t *testing.T, nb *nbtest.Notebook, id string) nbtest.Cell {
	t.Helper()
	for _, c := range nb.CodeCells() {
		if gradeID(c) == id {
			return c
		}
	}
	t.Fatalf("no code cell with grade_id %q", id)
	return nbtest.Cell{}
}

// What the graded lab prints, cell by cell (the cells found by their source, the
// checks by their grade_id), exactly as C2_W4.md gives the course's output (the
// course's "<class 'numpy.ndarray'>" is Go's type here).
var lab4Prints = []struct{ cell, want string }{
	{"First few elements of X_train", "First few elements of X_train:\n [[1 1 1]\n [1 0 1]\n [1 0 0]\n [1 0 0]\n [1 1 1]]\nType of X_train: [][]int\n"},
	{"First few elements of y_train", "First few elements of y_train: [1 1 0 0 1]\nType of y_train: []int\n"},
	{"The shape of X_train", "The shape of X_train is: (10, 3)\nThe shape of y_train is:  (10,)\nNumber of training examples (m): 10\n"},
	{"Entropy at root node", "Entropy at root node:  1.0\n"},
	{"CASE 1:", "CASE 1:\nLeft indices:  [0, 1, 2, 3, 4, 7, 9]\nRight indices:  [5, 6, 8]\n"},
	{"CASE 2:", "CASE 2:\nLeft indices:  [0, 2, 4]\nRight indices:  [6, 8]\n"},
	{"splitting the root on brown cap", "Information Gain from splitting the root on brown cap:  0.034851554559677034\n" +
		"Information Gain from splitting the root on tapering stalk shape:  0.12451124978365313\n" +
		"Information Gain from splitting the root on solitary:  0.2780719051126377\n"},
	{"Best feature to split on", "Best feature to split on: 2\n"},
	{"fmt.Print(tree)", " Depth 0, Root: Split on feature: 2\n- Depth 1, Left: Split on feature: 0\n  -- Left leaf node with indices [0, 1, 4, 7]\n" +
		"  -- Right leaf node with indices [5]\n- Depth 1, Right: Split on feature: 1\n  -- Left leaf node with indices [8]\n  -- Right leaf node with indices [2, 3, 6, 9]\n"},
}

// The checks' verdicts, by grade cell: the course's pass lines (the entropy's with
// its trailing space), in green.
var lab4Verdicts = map[string]string{
	"test_compute_entropy":          "\x1b[92m All tests passed. \x1b[0m\n",
	"test_split_dataset":            "\x1b[92m All tests passed.\x1b[0m\n",
	"test_compute_information_gain": "\x1b[92m All tests passed.\x1b[0m\n",
	"test_get_best_split":           "\x1b[92m All tests passed.\x1b[0m\n",
}

// What the optional lab prints, as C2_optional_labs.md §11 gives it.
var lab4OptionalPrints = []struct{ cell, want string }{
	{"pyfmt.ArrayRepr(XTrain[0])", "array([1, 1, 1])\n"},
	{"entropy(0.5)", "1.0\n"},
	{"pyfmt.Tuple(leftIndices, rightIndices)", "([0, 3, 4, 5, 7], [1, 2, 6, 8, 9])\n"},
	{"weightedEntropy(XTrain, yTrain, leftIndices, rightIndices))", "0.7219280948873623\n"},
	{"fmt.Println(pyfmt.Float(informationGain(", "0.2780719051126377\n"},
	{"information gain if we split the root node", "Feature: Ear Shape, information gain if we split the root node using this feature: 0.28\n" +
		"Feature: Face Shape, information gain if we split the root node using this feature: 0.03\n" +
		"Feature: Whiskers, information gain if we split the root node using this feature: 0.12\n"},
	{"\"Root\", 1, 0, bestSplit, splitNode)\nfmt.Print(tree)", " Depth 0, Root: Split on feature: 0\n - Left leaf node with indices [0, 3, 4, 5, 7]\n - Right leaf node with indices [1, 2, 6, 8, 9]\n"},
	{"\"Root\", 2, 0, bestSplit, splitNode)\nfmt.Print(tree)", " Depth 0, Root: Split on feature: 0\n- Depth 1, Left: Split on feature: 1\n  -- Left leaf node with indices [0, 4, 5, 7]\n" +
		"  -- Right leaf node with indices [3]\n- Depth 1, Right: Split on feature: 2\n  -- Left leaf node with indices [1]\n  -- Right leaf node with indices [2, 6, 8, 9]\n"},
}

// Reads both week-4 notebooks as the shared `make html` run executed them (sharedHTML)
// and checks every line they print, the checks' verdicts, each
// figure at its size, and their HTML pages.
func TestLab4Notebooks(t *testing.T) {
	t.Parallel()
	res, _ := sharedHTML(t)
	for _, path := range []string{lab4Notebook, lab4OptionalNotebook} {
		cleanNotebook(t, res, path)
	}
	nb, opt := res.Executed(t, lab4Notebook), res.Executed(t, lab4OptionalNotebook)

	t.Run("prints", func(t *testing.T) {
		for _, p := range lab4Prints {
			if got := stdout(cellWith(t, nb, p.cell)); got != p.want {
				t.Errorf("the cell with %q printed\n%q\nwant\n%q", p.cell, got, p.want)
			}
		}
		for id, want := range lab4Verdicts {
			var b strings.Builder
			for _, o := range cellByID(t, nb, id).Outputs {
				if o.Type == "stream" {
					b.WriteString(string(o.Text))
				}
			}
			if b.String() != want {
				t.Errorf("%s printed %q, want %q", id, b.String(), want)
			}
		}
		for _, p := range lab4OptionalPrints {
			if got := stdout(cellWith(t, opt, p.cell)); got != p.want {
				t.Errorf("optional lab: the cell with %q printed\n%q\nwant\n%q", p.cell, got, p.want)
			}
		}
	})

	t.Run("figures", func(t *testing.T) {
		// The split figures at 6 x 4 inches, the trees at 14 x 10, the entropy
		// curve at 6 x 4 (100 pixels an inch).
		for _, c := range []struct {
			nb   *nbtest.Notebook
			cell string
			w, h int
		}{
			{nb, "figures.ShowSplit(figures.Mushrooms(XTrain, yTrain), rootIndices,", 600, 400},
			{nb, "figures.ShowSplit(figures.Mushrooms(XTrain, yTrain), rootIndicesSubset,", 600, 400},
			{nb, "figures.ShowTree(", 1400, 1000},
			{opt, "figures.ShowEntropy(0)", 600, 400},
			{opt, "\"Root\", 1, 0, bestSplit, splitNode)\nfigures.ShowTree(", 1400, 1000},
			{opt, "\"Root\", 2, 0, bestSplit, splitNode)\nfigures.ShowTree(", 1400, 1000},
		} {
			if w, h := pictureSize(t, cellWith(t, c.nb, c.cell)); w != c.w || h != c.h {
				t.Errorf("the cell with %q shows a %dx%d picture, want %dx%d", c.cell, w, h, c.w, c.h)
			}
		}
		if n := len(nb.Images()); n != 3 {
			t.Errorf("the graded lab shows %d pictures, want 3", n)
		}
		if n := len(opt.Images()); n != 3 {
			t.Errorf("the optional lab shows %d pictures, want 3", n)
		}
	})

	t.Run("pages", func(t *testing.T) {
		root := nbtest.RequireKernel(t)
		for path, wants := range map[string][]string{
			lab4Notebook:         {"Entropy at root node:  1.0", "0.2780719051126377", "Best feature to split on: 2", "All tests passed.", "-- Right leaf node with indices [2, 3, 6, 9]"},
			lab4OptionalNotebook: {"([0, 3, 4, 5, 7], [1, 2, 6, 8, 9])", "0.7219280948873623", "-- Right leaf node with indices [2, 6, 8, 9]"},
		} {
			nbtest.CheckPage(t, root, res.Executed(t, path), res.HTMLPath(path))
			page, err := os.ReadFile(res.HTMLPath(path))
			if err != nil {
				t.Fatal(err)
			}
			html := strings.NewReplacer("&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(string(page))
			for _, want := range wants {
				if !strings.Contains(html, want) {
					t.Errorf("%s: the page lacks %q", filepath.Base(path), want)
				}
			}
		}
	})
}

// The committed week-4 notebooks have no outputs; the graded one carries the
// nbgrader markup of assignment C2_W4 (four solution cells tagged UNQ_C1 to
// UNQ_C4 with the course's code-region comments, each followed by prose and code
// and then its one-point grade cell, every other cell locked), the optional one
// no grading at all. It reads the files only, so it runs with -short too.
func TestLab4NotebookMarkup(t *testing.T) {
	nb, err := nbtest.ReadNotebook(filepath.Clean(lab4Notebook))
	if err != nil {
		t.Fatal(err)
	}
	var solutions, grades []string
	for i, c := range nb.Cells {
		src := string(c.Source)
		if c.Type == "code" && (len(c.Outputs) > 0 || c.ExecutionCount != nil) {
			t.Errorf("cell %d is committed with outputs", i)
		}
		meta, _ := c.Metadata["nbgrader"].(map[string]any)
		if meta == nil {
			t.Errorf("cell %d has no nbgrader metadata", i)
			continue
		}
		id := gradeID(c)
		switch {
		case meta["solution"] == true:
			solutions = append(solutions, id)
			if !strings.HasPrefix(src, "// UNQ_C"+string(rune('0'+len(solutions)))+"\n// GRADED FUNCTION: ") {
				t.Errorf("solution cell %s does not start with the course's tag UNQ_C%d:\n%s", id, len(solutions), src)
			}
			if meta["locked"] != false {
				t.Errorf("solution cell %s is locked", id)
			}
		case meta["grade"] == true:
			grades = append(grades, id)
			if meta["locked"] != true || meta["points"] != float64(1) || !strings.Contains(src, "exercise.Check") {
				t.Errorf("grade cell %s: %v\n%s", id, meta, src)
			}
		default:
			if meta["locked"] != true {
				t.Errorf("cell %d (%s) is not locked", i, id)
			}
		}
	}
	if want := []string{"ex1_compute_entropy", "ex2_split_dataset", "ex3_compute_information_gain", "ex4_get_best_split"}; !slices.Equal(solutions, want) {
		t.Errorf("solution cells %v, want %v", solutions, want)
	}
	if want := []string{"test_compute_entropy", "test_split_dataset", "test_compute_information_gain", "test_get_best_split"}; !slices.Equal(grades, want) {
		t.Errorf("grade cells %v, want %v", grades, want)
	}
	opt, err := nbtest.ReadNotebook(filepath.Clean(lab4OptionalNotebook))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range opt.Cells {
		if _, ok := c.Metadata["nbgrader"]; ok {
			t.Errorf("optional lab cell %d has nbgrader metadata", i)
		}
		if c.Type == "code" && (len(c.Outputs) > 0 || c.ExecutionCount != nil) {
			t.Errorf("optional lab cell %d is committed with outputs", i)
		}
	}
}

// The graded lab's cells run in another order and again print the same: the
// tree before the checks, each check twice, the tree and its figure twice.
func TestLab4OutOfOrderAndAgain(t *testing.T) {
	t.Parallel()
	cell := committedCells(t, lab4Notebook)
	imports, data, roots := cell("import ("), cell("var XTrain = "), cell("var rootIndices = ")
	entropy, split, labels, gain, best := cell("// UNQ_C1"), cell("// UNQ_C2"), cell("func labelsAt("), cell("// UNQ_C3"), cell("// UNQ_C4")
	tree, figure := cell("fmt.Print(tree)"), cell("figures.ShowTree(")
	checkEntropy, checkBest := cell("exercise.CheckComputeEntropy("), cell("exercise.CheckGetBestSplit(")
	nb := runCells(t, []nbtest.Cell{imports, data, roots, entropy, split, labels, gain, best,
		tree, figure, checkBest, checkEntropy, checkBest, tree, figure, checkEntropy}, false)
	c := nb.Cells
	if a, b := stdout(c[8]), stdout(c[13]); a != lab4Prints[len(lab4Prints)-1].want || a != b {
		t.Errorf("the tree printed\n%s\nthen\n%s", a, b)
	}
	if a, b := c[9].Images(), c[14].Images(); len(a) != 1 || !slices.Equal(a, b) {
		t.Errorf("the tree figure differs on its second run (%d and %d pictures)", len(a), len(b))
	}
	for _, i := range []int{10, 11, 12, 15} {
		if got := stdout(c[i]); !strings.Contains(got, "All tests passed.") {
			t.Errorf("check %q printed %q", c[i].Source, got)
		}
	}
}
