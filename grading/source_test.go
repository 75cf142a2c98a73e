package grading

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The nbgrader conventions of every source notebook (notebooks/C2_W*_Assignment.ipynb),
// checked without running anything:
//   - solution cells (unlocked, "solution": true) keep the course's START/END CODE HERE
//     lines, with the solution markers inside them;
//   - grade cells are locked, worth 1 point, have a grade_id "test_<name>" and call a
//     check of the exercise package;
//   - every other code cell is locked;
//   - grade cells start with hiddenImport, which links the real checks into the cell's
//     program even if the notebook declares a name exercise of its own;
//   - grade ids are unique; no markdown mentions nbgrader's markers.
const hiddenImport = "// BEGIN HIDDEN TESTS\nimport _ \"github.com/mlspec-go/nnlab/helpers/exercise\""

func TestSourceNotebooksFollowTheConventions(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "notebooks", "C2_W*_Assignment.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no source notebooks: %v", err)
	}
	solution := regexp.MustCompile(`(?s)// START CODE HERE\n\s*// BEGIN SOLUTION\n.*\n\s*// END SOLUTION\n\s*// END CODE HERE`)
	markers := regexp.MustCompile(`BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS|BEGIN MARK SCHEME|END MARK SCHEME`)
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			nb := readNotebook(t, path)
			if lang, _ := nb.raw["metadata"].(map[string]any)["kernelspec"].(map[string]any)["language"].(string); lang != "go" {
				t.Errorf("kernelspec language %q, want go (nbgrader picks the Go stub by it)", lang)
			}
			ids := map[string]bool{}
			points := 0
			for i, c := range nb.cells {
				src := source(c)
				if c["cell_type"] != "code" {
					if markers.MatchString(src) {
						t.Errorf("markdown cell %d names an nbgrader marker: nbgrader would take it for a region", i+1)
					}
					continue
				}
				m := nbgraderMeta(c)
				if m == nil {
					t.Errorf("code cell %d has no nbgrader metadata:\n%s", i+1, src)
					continue
				}
				id := gradeID(c)
				if id == "" || ids[id] {
					t.Errorf("code cell %d: grade_id %q is empty or not unique", i+1, id)
				}
				ids[id] = true
				if m["schema_version"] != float64(3) || m["task"] != false {
					t.Errorf("code cell %d: metadata %v, want schema_version 3 and task false", i+1, m)
				}
				switch {
				case m["solution"] == true:
					if m["grade"] != false || m["locked"] != false {
						t.Errorf("solution cell %s: metadata %v, want grade and locked false", id, m)
					}
					if !solution.MatchString(src) {
						t.Errorf("solution cell %s does not hold its solution inside the START/END CODE HERE lines:\n%s", id, src)
					}
				case m["grade"] == true:
					points++
					if m["locked"] != true || m["points"] != float64(1) || !strings.HasPrefix(id, "test_") {
						t.Errorf("grade cell %s: metadata %v, want locked, 1 point and an id test_<name>", id, m)
					}
					if !strings.Contains(src, "exercise.Check") {
						t.Errorf("grade cell %s calls no check of the exercise package:\n%s", id, src)
					}
					if !strings.HasPrefix(src, hiddenImport) {
						t.Errorf("grade cell %s does not start with the hidden import of the real checks:\n%s\nwant it to start with:\n%s", id, src, hiddenImport)
					}
				default:
					if m["locked"] != true {
						t.Errorf("code cell %d (%s) is not locked", i+1, id)
					}
				}
			}
			if points == 0 {
				t.Error("no grade cells")
			}
		})
	}
}

// Every package of this module a notebook imports is one learner-packages.txt lists: the
// grading sandbox lets in only those and what they import, so a notebook importing
// another would fail to compile in every submission and score 0.
func TestNotebooksImportLearnerPackages(t *testing.T) {
	root := nbtest.MustRoot(t)
	text, err := os.ReadFile(filepath.Join(root, "learner-packages.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, line := range strings.Split(string(text), "\n") {
		line, _, _ = strings.Cut(line, "#")
		patterns = append(patterns, strings.Fields(line)...)
	}
	out, err := exec.Command("go", append([]string{"list", "-C", root}, patterns...)...).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", strings.Join(patterns, " "), err)
	}
	listed := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		listed[p] = true
	}
	paths, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	imports := regexp.MustCompile(`"(` + regexp.QuoteMeta(nbtest.ModulePath) + `(?:/[^"]*)?)"`)
	seen := 0
	for _, path := range paths {
		for _, c := range readNotebook(t, path).cells {
			for _, m := range imports.FindAllStringSubmatch(source(c), -1) {
				seen++
				if !listed[m[1]] {
					t.Errorf("%s imports %s, which learner-packages.txt does not list", filepath.Base(path), m[1])
				}
			}
		}
	}
	if seen == 0 {
		t.Errorf("found no import of this module's packages in %d notebooks", len(paths))
	}
}
