package labs

import (
	"slices"
	"strings"
	"testing"
)

// The decision-tree labs (week 4), relative to this package's folder.
const (
	lab4Notebook         = "../../notebooks/C2_W4_Assignment.ipynb"
	lab4OptionalNotebook = "../../notebooks/C2_W4_Lab01_Decision_Trees.ipynb"
)

// What the graded lab prints, cell by cell (by grade_id), exactly as C2_W4.md gives
// the course's output (the course's "<class 'numpy.ndarray'>" is Go's type here).
var lab4Prints = []struct{ id, want string }{
	{"cell-c07", "First few elements of X_train:\n [[1 1 1]\n [1 0 1]\n [1 0 0]\n [1 0 0]\n [1 1 1]]\nType of X_train: [][]int\n"},
	{"cell-c08", "First few elements of y_train: [1 1 0 0 1]\nType of y_train: []int\n"},
	{"cell-c10", "The shape of X_train is: (10, 3)\nThe shape of y_train is:  (10,)\nNumber of training examples (m): 10\n"},
	{"cell-c14", "Entropy at root node:  1.0\n"},
	{"cell-c21", "CASE 1:\nLeft indices:  [0, 1, 2, 3, 4, 7, 9]\nRight indices:  [5, 6, 8]\n"},
	{"cell-c24", "CASE 2:\nLeft indices:  [0, 2, 4]\nRight indices:  [6, 8]\n"},
	{"cell-c32", "Information Gain from splitting the root on brown cap:  0.034851554559677034\n" +
		"Information Gain from splitting the root on tapering stalk shape:  0.12451124978365313\n" +
		"Information Gain from splitting the root on solitary:  0.2780719051126377\n"},
	{"cell-c38", "Best feature to split on: 2\n"},
	{"cell-c42", " Depth 0, Root: Split on feature: 2\n- Depth 1, Left: Split on feature: 0\n  -- Left leaf node with indices [0, 1, 4, 7]\n" +
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

// What the optional lab prints, as C2_optional_labs.md §11 gives it (its cells, which
// carry no nbgrader metadata, found by their source).
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
	graded, optional := runClean(t, lab4Notebook), runClean(t, lab4OptionalNotebook)
	nb, opt := graded.nb, optional.nb

	t.Run("prints", func(t *testing.T) {
		for _, p := range lab4Prints {
			if got := cellByID(t, nb, p.id).Stdout(); got != p.want {
				t.Errorf("cell %s printed\n%q\nwant\n%q", p.id, got, p.want)
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
			if got := cellWith(t, opt, p.cell).Stdout(); got != p.want {
				t.Errorf("optional lab: the cell with %q printed\n%q\nwant\n%q", p.cell, got, p.want)
			}
		}
	})

	// The split figures at 6 x 4 inches, the trees at 14 x 10, the entropy curve at
	// 6 x 4 (100 pixels an inch).
	t.Run("figures", func(t *testing.T) {
		for id, size := range map[string][2]int{"cell-c22": {600, 400}, "cell-c25": {600, 400}, "cell-c44": {1400, 1000}} {
			checkSized(t, nb, id, size[0], size[1])
		}
		for _, c := range []struct {
			cell string
			w, h int
		}{
			{"figures.ShowEntropy(0)", 600, 400},
			{"\"Root\", 1, 0, bestSplit, splitNode)\nfigures.ShowTree(", 1400, 1000},
			{"\"Root\", 2, 0, bestSplit, splitNode)\nfigures.ShowTree(", 1400, 1000},
		} {
			if w, h := pictureSize(t, cellWith(t, opt, c.cell)); w != c.w || h != c.h {
				t.Errorf("optional lab: the cell with %q shows a %dx%d picture, want %dx%d", c.cell, w, h, c.w, c.h)
			}
		}
		if n := len(nb.Images()); n != 3 {
			t.Errorf("the graded lab shows %d pictures, want 3", n)
		}
		if n := len(opt.Images()); n != 3 {
			t.Errorf("the optional lab shows %d pictures, want 3", n)
		}
	})

	gradedPage := pageSection("Entropy at root node:  1.0", "0.2780719051126377", "Best feature to split on: 2",
		"All tests passed.", "-- Right leaf node with indices [2, 3, 6, 9]")
	optionalPage := pageSection("([0, 3, 4, 5, 7], [1, 2, 6, 8, 9])", "0.7219280948873623", "-- Right leaf node with indices [2, 6, 8, 9]")
	optionalPage.name = "optional lab's page"
	checkSections(t, graded, []section{gradedPage})
	checkSections(t, optional, []section{optionalPage})
}

// The graded lab's cells run in another order and again print the same: the
// tree before the checks, each check twice, the tree and its figure twice.
func TestLab4OutOfOrderAndAgain(t *testing.T) {
	t.Parallel()
	src := committed(t, lab4Notebook)
	cells := cellsByID(t, src, "cell-c02", "cell-c05", "cell-c20", // imports, the data, the root's indices
		"ex1_compute_entropy", "ex2_split_dataset", "cell-c29", "ex3_compute_information_gain", "ex4_get_best_split",
		"cell-c42", "cell-c44", // the tree, printed and drawn
		"test_get_best_split", "test_compute_entropy", "test_get_best_split",
		"cell-c42", "cell-c44", "test_compute_entropy")
	c := runCells(t, cells, false).Cells
	if a, b := c[8].Stdout(), c[13].Stdout(); a != lab4Prints[len(lab4Prints)-1].want || a != b {
		t.Errorf("the tree printed\n%s\nthen\n%s", a, b)
	}
	if a, b := c[9].Images(), c[14].Images(); len(a) != 1 || !slices.Equal(a, b) {
		t.Errorf("the tree figure differs on its second run (%d and %d pictures)", len(a), len(b))
	}
	for _, i := range []int{10, 11, 12, 15} {
		if got := c[i].Stdout(); !strings.Contains(got, "All tests passed.") {
			t.Errorf("check %q printed %q", c[i].Source, got)
		}
	}
}
