package labs

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// cellByID is nbtest.MustCellByID. Every cell of the graded labs and of the optional
// labs of weeks 1 to 3 has a grade_id.
var cellByID = nbtest.MustCellByID

// cellsByID returns the code cells of nb with the grade_ids ids, in that order.
func cellsByID(t testing.TB, nb *nbtest.Notebook, ids ...string) []nbtest.Cell {
	t.Helper()
	cells := make([]nbtest.Cell, len(ids))
	for i, id := range ids {
		cells[i] = cellByID(t, nb, id)
	}
	return cells
}

// cellWith returns the first code cell of nb whose source contains every one of the
// fragments, failing the test when there is none: for the week-4 optional lab, whose
// cells carry no nbgrader metadata.
func cellWith(t testing.TB, nb *nbtest.Notebook, fragments ...string) nbtest.Cell {
	t.Helper()
	for _, c := range nb.CodeCells() {
		found := true
		for _, f := range fragments {
			if !strings.Contains(string(c.Source), f) {
				found = false
				break
			}
		}
		if found {
			return c
		}
	}
	t.Fatalf("no code cell contains %q", fragments)
	return nbtest.Cell{}
}

// committed reads the committed notebook at path, failing the test when it cannot.
func committed(t testing.TB, path string) *nbtest.Notebook {
	t.Helper()
	nb, err := nbtest.ReadNotebook(path)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// contains reports each of wants that text lacks.
func contains(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("outputs lack %q", want)
		}
	}
}

// number parses the float that re's first group captures in text.
func number(t *testing.T, re *regexp.Regexp, text string) float64 {
	t.Helper()
	m := re.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", re, text)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatalf("%q in %q: %v", m[1], m[0], err)
	}
	return v
}

// pictureSize returns the size of the one picture of c, failing the test unless c
// shows exactly one.
func pictureSize(t *testing.T, c nbtest.Cell) (w, h int) {
	t.Helper()
	imgs := c.Images()
	if len(imgs) != 1 {
		t.Fatalf("cell %s shows %d pictures, want 1", c.GradeID(), len(imgs))
	}
	w, h, err := imgs[0].Size()
	if err != nil {
		t.Fatal(err)
	}
	return w, h
}

// checkSized checks that the code cell of nb with grade_id id shows one picture of w x h pixels.
func checkSized(t *testing.T, nb *nbtest.Notebook, id string, w, h int) {
	t.Helper()
	if gw, gh := pictureSize(t, cellByID(t, nb, id)); gw != w || gh != h {
		t.Errorf("cell %s shows a %dx%d picture, want %dx%d", id, gw, gh, w, h)
	}
}

// lossLines returns the "loss: ..." parts of a training log, one per line.
func lossLines(log string) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`loss: \S+`).FindAllString(log, -1) {
		b.WriteString(m + "\n")
	}
	return b.String()
}

// labRun is one lab notebook as a run executed it.
type labRun struct {
	res  *nbtest.RunResult
	path string // the notebook's path, relative to this package's folder
	nb   *nbtest.Notebook
}

// section checks one section of a lab notebook, as a subtest of its name.
type section struct {
	name  string
	check func(t *testing.T, r labRun)
}

// checkSections runs each section's check on r as a subtest.
func checkSections(t *testing.T, r labRun, sections []section) {
	t.Helper()
	for _, s := range sections {
		t.Run(s.name, func(t *testing.T) { s.check(t, r) })
	}
}

// pageSection checks the run's HTML page of the notebook: it stands alone (nbtest.CheckPage)
// and shows each of wants in its text.
func pageSection(wants ...string) section {
	return section{"page", func(t *testing.T, r labRun) {
		page := r.res.HTMLPath(r.path)
		nbtest.CheckPage(t, nbtest.RequireKernel(t), r.nb, page)
		raw, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		text := html.UnescapeString(string(raw))
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the page lacks %q", filepath.Base(page), want)
			}
		}
	}}
}

// runClean returns the shared `make html` run (sharedHTML) and the notebook at path as
// that run executed it, failing the test unless every code cell ran without an error and
// wrote nothing to stderr (a learner would see it in red).
func runClean(t *testing.T, path string) labRun {
	t.Helper()
	res, _ := sharedHTML(t)
	return labRun{res, path, cleanNotebook(t, res, path)}
}

// runCleanAlone is runClean with a run of its own: the notebook alone through
// export/run.py.
func runCleanAlone(t *testing.T, path string) labRun {
	t.Helper()
	res := nbtest.MustRun(t, path)
	if res.Err != nil {
		t.Fatalf("%s failed: %v\n%s", path, res.Err, res.Output)
	}
	return labRun{res, path, cleanNotebook(t, res, path)}
}

// cleanNotebook reads the notebook at path as res executed it and fails the test unless
// every code cell ran, without an error output and without writing to stderr.
func cleanNotebook(t *testing.T, res *nbtest.RunResult, path string) *nbtest.Notebook {
	t.Helper()
	nb := res.Executed(t, path)
	if errs := nb.ErrorCells(); len(errs) > 0 {
		t.Fatalf("%s: cells %v have error outputs; the runner said:\n%s", path, errs, res.Output[max(0, len(res.Output)-6000):])
	}
	for i, c := range nb.CodeCells() {
		if c.ExecutionCount == nil {
			t.Errorf("%s: code cell %d did not run", path, i+1)
		}
		for _, o := range c.Outputs {
			if o.Type == "stream" && o.Name == "stderr" {
				t.Errorf("%s: code cell %d wrote to stderr: %q", path, i+1, o.Text)
			}
		}
	}
	return nb
}

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

// writeNotebook writes a notebook of the sources of the given code cells, without
// outputs, for GoNB's kernel.
func writeNotebook(path string, cells []nbtest.Cell) error {
	var clean []nbtest.Cell
	for _, c := range cells {
		clean = append(clean, nbtest.Cell{Type: "code", Source: c.Source, Outputs: []nbtest.Output{}, Metadata: map[string]any{}})
	}
	data, err := json.MarshalIndent(map[string]any{
		"nbformat":       4,
		"nbformat_minor": 4,
		"metadata": map[string]any{
			"kernelspec": map[string]any{"name": nbtest.KernelName, "display_name": "Go (gonb)", "language": "go"},
		},
		"cells": clean,
	}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
