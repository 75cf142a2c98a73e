package kernel

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// requireKernel returns the repository root, skipping the test in -short mode and
// failing it (with the command that fixes it) when the kernel is not set up.
func requireKernel(t *testing.T) string {
	t.Helper()
	return nbtest.RequireSetup(t, "executing notebooks through the GoNB kernel", "make setup")
}

// runNotebooks executes the notebooks (paths relative to the kernel folder or absolute)
// through the kernel into a temporary folder, and returns the runner's result.
func runNotebooks(t *testing.T, notebooks ...string) *RunResult {
	t.Helper()
	root := requireKernel(t)
	var abs []string
	for _, nb := range notebooks {
		p, err := filepath.Abs(nb)
		if err != nil {
			t.Fatal(err)
		}
		abs = append(abs, p)
	}
	res, err := Run(t.Context(), root, t.TempDir(), abs...)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kernel/run.py output:\n%s", res.Output)
	return res
}

// executed reads the executed copy of the notebook nbPath from a run.
func executed(t *testing.T, res *RunResult, nbPath string) *Notebook {
	t.Helper()
	nb, err := ReadNotebook(res.NotebookPath(nbPath))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// runCells runs a new notebook of the given cells' sources (see writeNotebook)
// through the kernel and returns it executed. With allowErrors every cell runs even
// after one fails, as JupyterLab's "Run All" does; without, the first failing cell
// fails the test. Either way the test fails when the notebook could not run to its
// end.
func runCells(t *testing.T, cells []Cell, allowErrors bool) *Notebook {
	t.Helper()
	root := requireKernel(t)
	path := filepath.Join(t.TempDir(), "cells.ipynb")
	if err := writeNotebook(path, cells); err != nil {
		t.Fatal(err)
	}
	run := Run
	if allowErrors {
		run = RunAllowingErrors
	}
	res, err := run(t.Context(), root, t.TempDir(), path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil {
		t.Fatalf("runner failed: %v\n%s", res.Err, res.Output)
	}
	return executed(t, res, path)
}

// pinnedVersion returns the version of module mod that this repository's go.mod selects.
func pinnedVersion(t *testing.T, mod string) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}}", mod)
	cmd.Dir = nbtest.MustRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", mod, err)
	}
	return strings.TrimSpace(string(out))
}

func TestPassingNotebook(t *testing.T) {
	t.Parallel()
	const src = "testdata/pass.ipynb"
	res := runNotebooks(t, src)
	if res.Err != nil {
		t.Fatalf("runner failed on a notebook without errors: %v", res.Err)
	}
	if !strings.Contains(res.Output, "pass.ipynb: ") {
		t.Errorf("runner output does not report the notebook's time:\n%s", res.Output)
	}
	nb := executed(t, res, src)
	if errs := nb.ErrorCells(); len(errs) > 0 {
		t.Fatalf("cells %v have error outputs", errs)
	}
	cells := nb.CodeCells()
	if len(cells) != 3 {
		t.Fatalf("got %d code cells, want 3", len(cells))
	}
	for i, c := range cells {
		if c.ExecutionCount == nil {
			t.Errorf("code cell %d did not run", i+1)
		}
		if _, ok := c.WallSeconds(); !ok {
			t.Errorf("code cell %d has no wall time recorded", i+1)
		}
	}

	// The kernel passes the user's GOMLX_BACKEND on and sets none itself: unset, nn
	// picks its own default (GoMLX's pure-Go backend, operations in sequence).
	backend := os.Getenv("GOMLX_BACKEND")
	abs, _ := filepath.Abs(src)
	text := nb.Text()
	for _, want := range []string{
		"det=-2.0\n",
		"npfmt shape: (2, 3)\n", // a package of this module, linked through go.work
		"module gonum.org/v1/gonum " + pinnedVersion(t, "gonum.org/v1/gonum") + "\n",
		"GOMLX_BACKEND=" + backend + "\n",
		"JPY_SESSION_NAME=" + abs + "\n",
		"image shown\n",
		"again det=-2.0\n", // declarations carry over to later cells
	} {
		if !strings.Contains(text, want) {
			t.Errorf("outputs lack %q; got:\n%s", want, text)
		}
	}

	imgs := cells[1].Images()
	if len(imgs) != 1 || imgs[0].MIME != "image/png" {
		t.Fatalf("cell 2 images = %d (%v), want one image/png", len(imgs), imgs)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(imgs[0].Data))
	if err != nil {
		t.Fatalf("PNG output is not base64: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("PNG output does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 16 || b.Dy() != 12 {
		t.Errorf("PNG is %dx%d, want 16x12", b.Dx(), b.Dy())
	}

	page, err := os.ReadFile(res.HTMLPath(src))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	if !strings.Contains(html, "det=-2.0") {
		t.Errorf("HTML page lacks the printed text")
	}
	if !strings.Contains(html, "data:image/png;base64,"+strings.TrimSpace(imgs[0].Data)[:64]) {
		t.Errorf("HTML page does not embed the PNG")
	}
}

func TestFailingNotebooks(t *testing.T) {
	t.Parallel()
	const compileErr, panicking = "testdata/fail.ipynb", "testdata/panic.ipynb"
	res := runNotebooks(t, compileErr, panicking)
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

	nb := executed(t, res, compileErr)
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

	nb = executed(t, res, panicking)
	if got := nb.ErrorCells(); !slices.Equal(got, []int{0}) {
		t.Errorf("panicking notebook: cells with errors = %v, want [0]", got)
	}
	if got := nb.Cells[0].Text(); !strings.Contains(got, "before the panic\n") {
		t.Errorf("panicking cell's output lacks its print: %q", got)
	}
}

func TestReadNotebookOutputs(t *testing.T) {
	const doc = `{"cells": [
	 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
	 {"cell_type": "code", "execution_count": 3, "metadata": {"nnlab": {"wall_seconds": 0.25}}, "source": "x",
	  "outputs": [
	   {"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]},
	   {"output_type": "display_data", "data": {"text/plain": "plain", "image/png": "iVBORw0KGgo=\n"}, "metadata": {}},
	   {"output_type": "display_data", "data": {"text/html": ["<div>", "<svg width=\"1\"></svg></div>"]}, "metadata": {}},
	   {"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": ["42"], "application/json": {"k": 1}}, "metadata": {}},
	   {"output_type": "error", "ename": "ERROR", "evalue": "boom", "traceback": ["boom"]}
	  ]}
	], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	path := filepath.Join(t.TempDir(), "x.ipynb")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	nb, err := ReadNotebook(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(nb.Cells[0].Source); got != "# Title\ntext" {
		t.Errorf("markdown source = %q", got)
	}
	c := nb.CodeCells()[0]
	if got := c.Text(); got != "a\nb\nplain42" {
		t.Errorf("Text() = %q", got)
	}
	imgs := c.Images()
	if len(imgs) != 2 || imgs[0].MIME != "image/png" || imgs[1].MIME != "text/html" {
		t.Errorf("Images() = %+v, want a PNG and an HTML <svg>", imgs)
	}
	if got := c.Outputs[3].DataText("application/json"); got != `{"k": 1}` {
		t.Errorf("DataText(application/json) = %q", got)
	}
	if got := nb.ErrorCells(); !slices.Equal(got, []int{1}) {
		t.Errorf("ErrorCells() = %v, want [1]", got)
	}
	if s, ok := c.WallSeconds(); !ok || s != 0.25 {
		t.Errorf("WallSeconds() = %v, %v", s, ok)
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
	root := requireKernel(t)
	abs := must(filepath.Abs(src))
	res, err := RunAllowingErrors(t.Context(), root, t.TempDir(), abs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil {
		t.Fatalf("runner error = %v, want success with errors allowed\n%s", res.Err, res.Output)
	}
	if want := "error output in cell 3 (code cell 2, In [2]): fmt.Println(notDeclaredAnywhere)"; !strings.Contains(res.Output, want) {
		t.Errorf("runner output lacks %q:\n%s", want, res.Output)
	}
	nb := executed(t, res, src)
	if got := nb.ErrorCells(); !slices.Equal(got, []int{2}) {
		t.Errorf("cells with errors = %v, want [2]", got)
	}
	if got := nb.Cells[3].Text(); got != "this cell must not run\n" {
		t.Errorf("the cell after the failure printed %q, want it to run", got)
	}
}
