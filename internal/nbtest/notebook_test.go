package nbtest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A notebook's cells and outputs read back as nbformat stores them: multi-line text
// in both forms, the pictures (PNG only: an <svg> in HTML is not one of ours), stdout,
// the error cells, the runner's wall time and the nbgrader grade_id.
func TestReadNotebookOutputs(t *testing.T) {
	const doc = `{"cells": [
	 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
	 {"cell_type": "code", "execution_count": 3, "metadata": {"nnlab": {"wall_seconds": 0.25}, "nbgrader": {"grade_id": "cell-x"}}, "source": "x",
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
	if got := c.Stdout(); got != "a\nb\n" {
		t.Errorf("Stdout() = %q", got)
	}
	imgs := c.Images()
	if len(imgs) != 1 {
		t.Fatalf("Images() = %+v, want the PNG alone", imgs)
	}
	if raw, err := imgs[0].PNG(); err != nil || string(raw) != "\x89PNG\r\n\x1a\n" {
		t.Errorf("PNG() = %q, %v; want PNG's signature", raw, err)
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
	if got, ok := nb.CellByID("cell-x"); !ok || got.GradeID() != "cell-x" || string(got.Source) != "x" {
		t.Errorf("CellByID(cell-x) = %+v, %v", got, ok)
	}
	if _, ok := nb.CellByID("cell-y"); ok {
		t.Error("CellByID found a cell-y")
	}
}
