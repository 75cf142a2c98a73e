package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/kernel"
)

// The student edition of the lab, executed through the real kernel as a learner who
// has not yet written any answer would run it ("Run All"): every graded cell still
// compiles, and every exercise check reports the failure with a hint instead of
// passing. (kernel's TestLabNotebook runs the solution notebook, whose checks pass.)
func TestStudentEditionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("executing notebooks through the GoNB kernel is skipped with -short")
	}
	root, err := kernel.Root()
	if err != nil {
		t.Fatal(err)
	}
	if err = kernel.CheckSetup(root); err != nil {
		t.Fatalf("%v\n(`make test` runs it first; this test executes notebooks through the real kernel)", err)
	}
	// Trained models are kept on disk between cells; keep this run's away from the
	// user's cache.
	t.Setenv("NNLAB_STATE_DIR", t.TempDir())

	// Written by `make student`, as the README tells teachers to.
	dir := t.TempDir()
	make := exec.Command("make", "-C", root, "student", "STUDENT_OUT="+dir)
	out, err := make.CombinedOutput()
	if err != nil {
		t.Fatalf("make student: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "(3 graded parts)") {
		t.Errorf("make student reported:\n%s\nwant 3 graded parts in the lab", out)
	}
	dst := filepath.Join(dir, "C2_W1_Assignment.ipynb")
	res, err := kernel.RunAllowingErrors(t.Context(), root, filepath.Join(dir, "out"), dst)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil {
		t.Fatalf("the student notebook did not run to its end: %v\n%s", res.Err, res.Output)
	}
	nb, err := kernel.ReadNotebook(res.NotebookPath(dst))
	if err != nil {
		t.Fatal(err)
	}

	var graders, checks int
	for i, c := range nb.Cells {
		src := string(c.Source)
		if c.Type != "code" {
			continue
		}
		if c.ExecutionCount == nil {
			t.Errorf("cell %d did not run", i+1)
		}
		if strings.Contains(src, placeholder) {
			graders++
			if errs := c.Errors(); len(errs) > 0 {
				t.Errorf("graded cell %d with the placeholder does not run: %s %s\n%s", i+1, errs[0].Ename, errs[0].Evalue, strings.Join(errs[0].Traceback, "\n"))
			}
		}
		if len(c.Errors()) > 0 && strings.Contains(c.Text(), "goroutine ") {
			// A blank model reaches later cells as a learner's mistake: the cell says
			// what is wrong, without a Go stack trace.
			t.Errorf("cell %d shows a Go stack trace:\n%s", i+1, c.Text())
		}
		for _, o := range c.Errors() {
			if compileError.MatchString(strings.Join(o.Traceback, "\n") + o.Evalue) {
				t.Errorf("cell %d does not compile in the student edition:\n%s", i+1, strings.Join(o.Traceback, "\n"))
			}
		}
		if strings.Contains(src, "exercise.Check") {
			checks++
			out := kernel.StripANSI(c.Text())
			if strings.Contains(out, "All tests passed!") || !strings.Contains(out, "Test failed: ") {
				t.Errorf("check in cell %d does not report the blank exercise: %q", i+1, out)
			}
			if !strings.Contains(out, "hint:") && !strings.Contains(out, "layer") {
				t.Errorf("check in cell %d gives no hint: %q", i+1, out)
			}
		}
	}
	if graders != 3 || checks != 3 {
		t.Errorf("found %d graded cells and %d checks, want 3 of each", graders, checks)
	}
	page, err := os.ReadFile(res.HTMLPath(dst))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Test failed: ") {
		t.Errorf("student HTML page does not show the failed checks")
	}
}

// compileError matches what Go's compiler reports, as GoNB shows it.
var compileError = regexp.MustCompile(`(?m)\.go:\d+:\d+: |undefined: |declared and not used|cannot use `)
