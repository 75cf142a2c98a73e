package export

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// A cell that does not compile and a cell that panics each stop their notebook: the
// runner exits with status 1 naming the notebook, the cell and the error, still writes
// the executed notebook up to the failure and its HTML page, and runs nothing after it.
func TestFailingNotebooks(t *testing.T) {
	t.Parallel()
	const compileErr, panicking = "testdata/fail.ipynb", "testdata/panic.ipynb"
	res := nbtest.MustRun(t, compileErr, panicking)
	var exitErr *exec.ExitError
	if !errors.As(res.Err, &exitErr) || exitErr.ExitCode() != 1 {
		t.Fatalf("runner error = %v, want exit status 1", res.Err)
	}
	for _, want := range []string{
		// The notebook, the cell (3rd cell, 2nd code cell) and the compiler's message.
		"FAILED " + must(filepath.Abs(compileErr)) + ": cell 3 (code cell 2, In [2]): fmt.Println(notDeclaredAnywhere)",
		"undefined: notDeclaredAnywhere",
		"FAILED " + must(filepath.Abs(panicking)) + ": cell 1 (code cell 1, In [1])",
		"panic: deliberate panic for the test",
	} {
		if !strings.Contains(res.Output, want) {
			t.Errorf("runner output lacks %q", want)
		}
	}

	nb := res.Executed(t, compileErr)
	if got := nb.ErrorCells(); !slices.Equal(got, []int{2}) {
		t.Errorf("cells with errors = %v, want [2]", got)
	}
	if got := nb.Cells[1].Text(); got != "first cell ran\n" {
		t.Errorf("first code cell printed %q", got)
	}
	if last := nb.Cells[3]; last.ExecutionCount != nil || len(last.Outputs) > 0 {
		t.Errorf("the cell after the failure ran: %+v", last)
	}
	if _, err := os.Stat(res.HTMLPath(compileErr)); err != nil {
		t.Errorf("no HTML page for the failed notebook: %v", err)
	}

	nb = res.Executed(t, panicking)
	if got := nb.ErrorCells(); !slices.Equal(got, []int{0}) {
		t.Errorf("panicking notebook: cells with errors = %v, want [0]", got)
	}
	if got := nb.Cells[0].Text(); !strings.Contains(got, "before the panic\n") {
		t.Errorf("panicking cell's output lacks its print: %q", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// With errors allowed, every cell runs after a failure and the runner succeeds,
// listing the failed cell; the error stays in the executed notebook.
func TestAllowingErrors(t *testing.T) {
	t.Parallel()
	const src = "testdata/fail.ipynb"
	root := nbtest.RequireKernel(t)
	abs := must(filepath.Abs(src))
	res, err := nbtest.RunAllowingErrors(t.Context(), root, t.TempDir(), abs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil {
		t.Fatalf("runner error = %v, want success with errors allowed\n%s", res.Err, res.Output)
	}
	if want := "error output in cell 3 (code cell 2, In [2]): fmt.Println(notDeclaredAnywhere)"; !strings.Contains(res.Output, want) {
		t.Errorf("runner output lacks %q:\n%s", want, res.Output)
	}
	nb := res.Executed(t, src)
	if got := nb.ErrorCells(); !slices.Equal(got, []int{2}) {
		t.Errorf("cells with errors = %v, want [2]", got)
	}
	if got := nb.Cells[3].Text(); got != "this cell must not run\n" {
		t.Errorf("the cell after the failure printed %q, want it to run", got)
	}
}
