package labs

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// markup is the nbgrader markup of one graded lab: its exercises, each a solution cell
// with grade_id ex<n>_<name>, tagged // UNQ_C<n> as the course tags it, followed (after
// prose and code of its own) by its one-point grade cell test_<name>; and fragments that
// cells, by grade_id, must hold.
type markup struct {
	exercises []string
	sources   map[string]string
}

// labMarkups are the graded labs, by notebook; every other notebook of notebooks/ is an
// optional lab, with no solution or grade cell.
var labMarkups = map[string]markup{
	"C2_W1_Assignment.ipynb": {exercises: []string{"model", "my_dense", "my_dense_v"},
		sources: map[string]string{"locked_11": "const seed = 1234"}},
	"C2_W2_Assignment.ipynb": {exercises: []string{"my_softmax", "model"},
		sources: map[string]string{"cell-c04": "const seed = 1234", "ex1_my_softmax": "func MySoftmax(z []float64) []float64",
			"ex2_model": `var model = nn.Sequential("my_model"`}},
	"C2_W3_Assignment.ipynb": {exercises: []string{"eval_mse", "eval_cat_err", "model", "model_s", "model_r"}},
	"C2_W4_Assignment.ipynb": {exercises: []string{"compute_entropy", "split_dataset", "compute_information_gain", "get_best_split"},
		sources: map[string]string{"ex1_compute_entropy": "// GRADED FUNCTION: ComputeEntropy\n"}},
}

// The committed notebooks, read as files (so this runs with -short too): no outputs,
// GoNB's kernelspec, no nbgrader wording in the prose, and each graded lab's solution
// and grade cells, in order, as labMarkups gives them, every other cell locked; the
// optional labs have neither. What every graded lab shares with nbgrader's conventions
// (solution regions inside the course's code-region comments, hidden imports) is
// checked in grading/ (TestSourceNotebooksFollowTheConventions).
func TestNotebookMarkup(t *testing.T) {
	paths, err := filepath.Glob("../../notebooks/*.ipynb")
	if err != nil || len(paths) < len(labMarkups) {
		t.Fatalf("notebooks: %v %v", paths, err)
	}
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			checkMarkup(t, committed(t, path), labMarkups[name])
		})
	}
}

// checkMarkup checks the committed notebook nb against m (the zero markup for an
// optional lab).
func checkMarkup(t *testing.T, nb *nbtest.Notebook, m markup) {
	if ks, _ := nb.Metadata["kernelspec"].(map[string]any); ks["name"] != nbtest.KernelName || ks["language"] != "go" {
		t.Errorf("kernelspec = %v, want GoNB's", nb.Metadata["kernelspec"])
	}
	var graded []string // the solution and grade cells, in order
	for i, c := range nb.Cells {
		src := string(c.Source)
		if c.Type == "code" && (len(c.Outputs) > 0 || c.ExecutionCount != nil) {
			t.Errorf("cell %d is committed with outputs", i)
		}
		meta, _ := c.Metadata["nbgrader"].(map[string]any)
		switch {
		case meta["solution"] == true:
			graded = append(graded, c.GradeID())
			n := len(graded)/2 + 1
			if tag := fmt.Sprintf("// UNQ_C%d\n", n); !strings.HasPrefix(src, tag) || meta["locked"] != false || meta["grade"] != false {
				t.Errorf("solution cell %s does not start with %q, or is locked or graded: %v", c.GradeID(), tag, meta)
			}
		case meta["grade"] == true:
			graded = append(graded, c.GradeID())
			if meta["locked"] != true || meta["points"] != float64(1) || !strings.Contains(src, "exercise.Check") || !strings.Contains(src, "Hidden(") {
				t.Errorf("grade cell %s: %v, or no visible and hidden check:\n%s", c.GradeID(), meta, src)
			}
		case meta != nil && meta["locked"] != true:
			t.Errorf("cell %d (%s) is not locked", i, c.GradeID())
		case meta == nil && c.Type == "code" && m.exercises != nil:
			t.Errorf("code cell %d has no nbgrader metadata", i)
		}
	}
	for i, prose := range nbtest.MarkdownProse(nb) {
		for _, w := range []string{"BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "CODE HERE", "<font"} {
			if strings.Contains(prose, w) {
				t.Errorf("the prose of markdown cell %d (outside code) contains %q", i+1, w)
			}
		}
	}
	var want []string
	for i, ex := range m.exercises {
		want = append(want, fmt.Sprintf("ex%d_%s", i+1, ex), "test_"+ex)
	}
	if !slices.Equal(graded, want) {
		t.Errorf("solution and grade cells %v, want %v", graded, want)
	}
	for id, fragment := range m.sources {
		if src := string(cellByID(t, nb, id).Source); !strings.Contains(src, fragment) {
			t.Errorf("cell %s lacks %q:\n%s", id, fragment, src)
		}
	}
}
