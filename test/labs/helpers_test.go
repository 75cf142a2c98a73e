package labs

import (
	"path/filepath"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// runCells runs a new notebook of the given cells' sources (see writeNotebook)
// through the kernel and returns it executed. With allowErrors every cell runs even
// after one fails, as JupyterLab's "Run All" does; without, the first failing cell
// fails the test. Either way the test fails when the notebook could not run to its
// end.
func runCells(t *testing.T, cells []nbtest.Cell, allowErrors bool) *nbtest.Notebook {
	t.Helper()
	root := nbtest.RequireKernel(t)
	path := filepath.Join(t.TempDir(), "cells.ipynb")
	if err := writeNotebook(path, cells); err != nil {
		t.Fatal(err)
	}
	run := nbtest.Run
	if allowErrors {
		run = nbtest.RunAllowingErrors
	}
	res, err := run(t.Context(), root, t.TempDir(), path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil {
		t.Fatalf("runner failed: %v\n%s", res.Err, res.Output)
	}
	return res.Executed(t, path)
}
