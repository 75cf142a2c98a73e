package labs

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The week-3 lab notebook (advice for applying machine learning), relative to this package's folder.
const lab3Notebook = "../../notebooks/C2_W3_Assignment.ipynb"

// gradeCell returns the code cell whose nbgrader grade_id is id.
func gradeCell(t *testing.T, nb *nbtest.Notebook, id string) nbtest.Cell {
	t.Helper()
	for _, c := range nb.CodeCells() {
		if meta, ok := c.Metadata["nbgrader"].(map[string]any); ok && meta["grade_id"] == id {
			return c
		}
	}
	t.Fatalf("no code cell with grade_id %q", id)
	return nbtest.Cell{}
}

// lab3Summaries are the summaries of the week-3 lab's three models, as C2_W3.md gives them (rows
// without trailing spaces).
var lab3Summaries = map[string]string{
	"Complex":            complexSummary("Complex"),
	"ComplexRegularized": complexSummary("ComplexRegularized"),
	"Simple": `Model: "Simple"
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
L1 (Dense)                   (None, 6)                 18
_________________________________________________________________
L2 (Dense)                   (None, 6)                 42
=================================================================
Total params: 60
Trainable params: 60
Non-trainable params: 0
_________________________________________________________________
`,
}

func complexSummary(name string) string {
	return `Model: "` + name + `"
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
L1 (Dense)                   (None, 120)               360
_________________________________________________________________
L2 (Dense)                   (None, 40)                4840
_________________________________________________________________
L3 (Dense)                   (None, 6)                 246
=================================================================
Total params: 5,446
Trainable params: 5,446
Non-trainable params: 0
_________________________________________________________________
`
}

// Executes the week-3 lab notebook through the real kernel, as `make html` does, and checks what a
// learner sees: every deterministic print of C2_W3.md exactly, the exercise checks, the three
// networks' summaries and training logs, the story their errors tell, and the figures.
func TestLab3Notebook(t *testing.T) {
	t.Parallel()
	_, nb := runClean(t, lab3Notebook)
	sized := func(t *testing.T, frag string, w, h int) {
		t.Helper()
		checkSized(t, nb, frag, w, h)
	}

	t.Run("regression", func(t *testing.T) {
		for _, c := range []struct{ frag, want string }{
			{"len(XTrain18)", "X.shape (18,) y.shape (18,)\nX_train.shape (12,) y_train.shape (12,)\nX_test.shape (6,) y_test.shape (6,)\n"},
			{"errTest := lmodel.MSE", "training err 58.01, test err 171215.01\n"},
			{"len(XCV)", "X.shape (40,) y.shape (40,)\nX_train.shape (24,) y_train.shape (24,)\nX_cv.shape (8,) y_cv.shape (8,)\nX_test.shape (8,) y_test.shape (8,)\n"},
			{"tuneDegree(9)", "optimal degree: 2\n"},
			{"optimalRegIdx := tuneLambda()", "optimal lambda: 1.0\n"},
		} {
			if got := stdout(cellWith(t, nb, c.frag)); got != c.want {
				t.Errorf("cell with %q printed\n%q, want\n%q", c.frag, got, c.want)
			}
		}
		if got := stdout(gradeCell(t, nb, "test_eval_mse")); got != " All tests passed.\n" {
			t.Errorf("eval_mse test printed %q", got)
		}
		sized(t, `"Training, Test"`, 400, 400)
		sized(t, "figures.ShowTrainTest(", 400, 400)
		sized(t, `"Training, CV, Test"`, 400, 400)
		sized(t, "figures.ShowOptimalDegree(", 800, 400)
		sized(t, "figures.ShowTuneRegularization(", 800, 400)
		sized(t, "figures.ShowTuneM(", 800, 400)
	})

	t.Run("classification data", func(t *testing.T) {
		if got, want := stdout(cellWith(t, nb, "X_cv.shape: (%d, %d)")), "X_train.shape: (400, 2) X_cv.shape: (320, 2) X_test.shape: (80, 2)\n"; got != want {
			t.Errorf("blob split printed %q, want %q", got, want)
		}
		want := "categorization error 0.333, expected:0.333\ncategorization error 0.250, expected:0.250\n All tests passed.\n"
		if got := stdout(gradeCell(t, nb, "test_eval_cat_err")); got != want {
			t.Errorf("eval_cat_err cell printed\n%q, want\n%q", got, want)
		}
		sized(t, "figures.ShowTrainEqDist(", 800, 400)
	})

	// The three models: summary and check, then a training log of 1000 epochs of 13 steps.
	lab := nbtest.Lab{Epochs: 1000, Steps: 13}
	for _, m := range []struct{ name, test, variable string }{
		{"Complex", "test_model", "model"},
		{"Simple", "test_model_s", "modelS"},
		{"ComplexRegularized", "test_model_r", "modelR"},
	} {
		t.Run(m.name, func(t *testing.T) {
			if got, want := nbtest.TrimLines(stdout(gradeCell(t, nb, m.test))), lab3Summaries[m.name]+"All tests passed!\n"; got != want {
				t.Errorf("summary and check printed\n%s\nwant\n%s", got, want)
			}
			loss, err := lab.Losses(stdout(cellWith(t, nb, m.variable+".MustFit(")))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s loss: epoch 1 %v, epoch 1000 %v", m.name, loss[0], loss[999])
			if m.name == "ComplexRegularized" && loss[0] < 3 {
				t.Errorf("first-epoch loss %v: the L2 penalty of the initial kernels (about 4.4 in the course) is missing", loss[0])
			}
			sized(t, "figures.ShowNN(predictClasses("+m.variable+")", 800, 400)
		})
	}

	t.Run("story", func(t *testing.T) {
		out := stdout(cellWith(t, nb, "trainingCerrReg, trainingCerrSimple, trainingCerrComplex"))
		re := regexp.MustCompile(`^categorization error, training, regularized: (\d\.\d{3}), simple model, (\d\.\d{3}), complex model: (\d\.\d{3})\n` +
			`categorization error, cv,       regularized: (\d\.\d{3}), simple model, (\d\.\d{3}), complex model: (\d\.\d{3})\n$`)
		m := re.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("errors not printed as the course prints them:\n%s", out)
		}
		v := make([]float64, 6)
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		trainR, trainS, trainC, cvR, cvS, cvC := v[0], v[1], v[2], v[3], v[4], v[5]
		t.Logf("training: regularized %v, simple %v, complex %v; cv: regularized %v, simple %v, complex %v", trainR, trainS, trainC, cvR, cvS, cvC)
		if !(trainC < trainS && trainC < trainR) {
			t.Error("the complex model does not fit the training set best")
		}
		if !(cvC > cvS && cvC > cvR) {
			t.Error("the complex model is not the worst on the cv set: the simple and regularized models should beat it")
		}
	})

	t.Run("sweep", func(t *testing.T) {
		want := ""
		for _, l := range []string{"0.0", "0.001", "0.01", "0.05", "0.1", "0.2", "0.3"} {
			want += "Finished lambda = " + l + "\n"
		}
		if got := stdout(cellWith(t, nb, "sweepModel(lambda).MustFit(")); got != want {
			t.Errorf("sweep printed\n%s\nwant\n%s", got, want)
		}
		sized(t, "figures.ShowIterate(", 600, 400)
		sized(t, "figures.ShowCompare(", 800, 300)
	})
}

// The committed week-3 notebook has no outputs, the GoNB kernel, and the nbgrader markup of
// assignment C2_W3: five solution cells tagged // UNQ_C1 .. // UNQ_C5 in order, each followed by its
// grade cell of one point calling the check, every other cell locked.
func TestLab3NotebookMarkup(t *testing.T) {
	nb, err := nbtest.ReadNotebook(filepath.Clean(lab3Notebook))
	if err != nil {
		t.Fatal(err)
	}
	if ks, _ := nb.Metadata["kernelspec"].(map[string]any); ks["name"] != nbtest.KernelName || ks["language"] != "go" {
		t.Errorf("kernelspec = %v, want GoNB's", nb.Metadata["kernelspec"])
	}
	var order []string
	ids := map[string]bool{}
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
		id, _ := meta["grade_id"].(string)
		if id == "" || ids[id] {
			t.Errorf("cell %d: grade_id %q is empty or used twice", i, id)
		}
		ids[id] = true
		switch {
		case meta["solution"] == true:
			tag := fmt.Sprintf("// UNQ_C%d\n", len(order)/2+1)
			if !strings.HasPrefix(src, tag) || meta["locked"] != false || meta["grade"] != false {
				t.Errorf("solution cell %s does not start with %q or is locked or graded: %v", id, tag, meta)
			}
			if strings.Count(src, "// BEGIN SOLUTION") != strings.Count(src, "// END SOLUTION") || !strings.Contains(src, "// START CODE HERE") {
				t.Errorf("solution cell %s: unbalanced solution markers", id)
			}
			order = append(order, id)
		case meta["grade"] == true:
			if meta["locked"] != true || meta["points"] != float64(1) || !strings.Contains(src, "exercise.Check") || !strings.Contains(src, "Hidden(") {
				t.Errorf("grade cell %s: %v, or no visible and hidden check:\n%s", id, meta, src)
			}
			order = append(order, id)
		default:
			if meta["locked"] != true {
				t.Errorf("cell %d (%s) is not locked", i, id)
			}
		}
	}
	want := []string{"ex1_eval_mse", "test_eval_mse", "ex2_eval_cat_err", "test_eval_cat_err", "ex3_model", "test_model",
		"ex4_model_s", "test_model_s", "ex5_model_r", "test_model_r"}
	if !slices.Equal(order, want) {
		t.Errorf("graded and grade cells %v, want %v", order, want)
	}
}
