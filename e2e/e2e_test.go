//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The labs under test, with what lab.mjs must find in them (testdata/labs.json):
// the binary lab first, then the multiclass lab in the same server.
var (
	labNotebook = nbtest.LabOf("C2_W1").Notebook
	lab2        = nbtest.LabOf("C2_W2")
	// optionalLabs are the optional labs' names in labs.json, run after the two graded labs.
	optionalLabs = []string{"C2_W1_Lab01", "C2_W1_Lab02", "C2_W1_Lab03", "C2_W2_Relu", "C2_W2_SoftMax", "C2_W2_Multiclass", "C2_W3_Lab01", "C2_W3_Lab02"}
)

// chromiumPath is the browser lab.mjs drives: $CHROMIUM or Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// requireSetup returns the repository root, skipping the test in -short mode and failing
// it, with the command that fixes it, when the kernel, Node, playwright-core or Chromium
// is missing.
func requireSetup(t *testing.T) string {
	t.Helper()
	root := nbtest.RequireSetup(t, "running the lab notebooks in JupyterLab in a browser", "make e2e-deps",
		"e2e/node_modules/playwright-core/package.json")
	nbtest.RequireNode(t, "make e2e-deps")
	if _, err := os.Stat(chromiumPath()); err != nil {
		t.Fatalf("%s not found: run `make e2e-deps` at the repository root (it installs Debian's chromium), or set CHROMIUM", chromiumPath())
	}
	return root
}

// runLab runs lab.mjs on the notebook name in l.dir, writing its screenshot and text
// dump to outDir, and returns its output and exit error. lab names the lab of
// testdata/labs.json whose outputs lab.mjs expects.
func runLab(t *testing.T, root string, l *nbtest.LabServer, name, outDir, lab string) (string, error) {
	t.Helper()
	timeout := 15 * time.Minute
	if s := os.Getenv("NNLAB_E2E_TIMEOUT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			t.Fatalf("NNLAB_E2E_TIMEOUT=%q is not a positive Go duration (like 20m)", s)
		}
		timeout = d
	}
	ctx := t.Context()
	if dl, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-30*time.Second))
		defer cancel()
	}
	args := []string{filepath.Join(root, "e2e", "lab.mjs"), "--out", outDir,
		"--timeout", strconv.Itoa(int(timeout.Seconds())), "--lab", lab}
	cmd := exec.CommandContext(ctx, "node", append(args, l.URL(name))...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	// Chromium runs in node's process group; end them together if the test times out.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	err := cmd.Run()
	t.Logf("lab.mjs on %s took %s", name, time.Since(start).Round(time.Second))
	return out.String(), err
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// brokenNotebook is a small notebook for the kernel of the lab: a line on stderr, which
// nbgrader would score 0 (cell 2), a compile error (cell 3) and a panic (cell 4). Its metadata are the lab's
// with an empty language_info.mimetype (GoNB reports text/x-go), so opening it marks it
// modified.
func brokenNotebook(t *testing.T, root string) []byte {
	t.Helper()
	var lab struct {
		Metadata map[string]any `json:"metadata"`
	}
	data, err := os.ReadFile(filepath.Join(root, labNotebook))
	if err != nil {
		t.Fatal(err)
	}
	if err = json.Unmarshal(data, &lab); err != nil {
		t.Fatalf("%s: %v", labNotebook, err)
	}
	info, ok := lab.Metadata["language_info"].(map[string]any)
	if !ok {
		t.Fatalf("%s has no metadata.language_info", labNotebook)
	}
	info["mimetype"] = ""
	type cell struct {
		CellType       string   `json:"cell_type"`
		ExecutionCount *int     `json:"execution_count"`
		Metadata       struct{} `json:"metadata"`
		Outputs        []any    `json:"outputs"`
		Source         string   `json:"source"`
	}
	code := func(src string) cell { return cell{CellType: "code", Outputs: []any{}, Source: src} }
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "metadata": lab.Metadata,
		"cells": []cell{
			code("import (\n\t\"fmt\"\n\t\"os\"\n)"),
			code("%%\nfmt.Fprintln(os.Stderr, \"a line on stderr\")\nfmt.Println(\"fine\")"),
			code("%%\nfmt.Println(undefinedName)"),
			code("%%\nvar m map[string]int\nm[\"x\"] = 1"),
		},
	}
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Opens the lab notebook in JupyterLab in headless Chromium, checks that the kernel
// indicator reads idle before any cell runs and that opening did not mark the notebook
// modified, runs every cell from the Run menu, and checks what the page shows; first
// checks that the same script fails, and says why, on a notebook with a compile error,
// a panic and stale metadata. Then the same for the multiclass lab and the two
// decision-tree labs, in the same server.
func TestLabInJupyterLab(t *testing.T) {
	root := requireSetup(t)
	src := filepath.Join(root, labNotebook)
	before, rerr := os.ReadFile(src)
	if rerr != nil {
		t.Fatal(rerr)
	}
	l := nbtest.StartLab(t, root)

	t.Run("broken notebook fails", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(l.Dir, "broken.ipynb"), brokenNotebook(t, root), 0o644); err != nil {
			t.Fatal(err)
		}
		outDir := t.TempDir()
		out, err := runLab(t, root, l, "broken.ipynb", outDir, "C2_W1")
		defer l.ShutdownKernels(t)
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
			t.Fatalf("lab.mjs on a notebook with a compile error and a panic: got %v, want exit status 1; output:\n%s", err, out)
		}
		for _, re := range []string{
			`code cell 2 \[2\]: shows an error \(red output\): a line on stderr`,
			`code cell 3 \[3\]: shows a GoNB error report: .*undefined: undefinedName`,
			`code cell 3 \[3\]: shows an error \(red output\): failed to run`,
			`code cell 4 \[4\]: shows an error \(red output\): panic: assignment to entry in nil map`,
			`no code cell is named "` + regexp.QuoteMeta(nbtest.LabOf("C2_W1").SummaryCell) + `"`,
			`opening broken\.ipynb marks it modified`,
		} {
			if !regexp.MustCompile(re).MatchString(out) {
				t.Errorf("lab.mjs's verdict does not match %q; output:\n%s", re, out)
			}
		}
		t.Logf("lab.mjs's verdict on the broken notebook:\n%s", out)
		if strings.Contains(out, "kernel indicator reads") {
			t.Errorf("lab.mjs: the kernel indicator did not read idle (before the first cell or after the restart); output:\n%s", out)
		}
		for _, f := range []string{"lab.png", "lab.txt", "cells.json"} {
			if _, err := os.Stat(filepath.Join(outDir, f)); err != nil {
				t.Errorf("lab.mjs wrote no %s on failure: %v", f, err)
			}
		}
	})
	if t.Failed() {
		return
	}

	t.Run("lab notebook", func(t *testing.T) {
		// A copy: JupyterLab saves outputs into the notebook it runs.
		name := filepath.Base(labNotebook)
		copyFile(t, src, filepath.Join(l.Dir, name))
		outDir := filepath.Join(root, "build", "e2e")
		out, err := runLab(t, root, l, name, outDir, "C2_W1")
		if err != nil {
			t.Fatalf("the lab notebook in JupyterLab: %v\n%s\nscreenshot: %s\ntext of every cell: %s\nJupyterLab log (end):\n%s",
				err, out, filepath.Join(outDir, "lab.png"), filepath.Join(outDir, "lab.txt"), nbtest.Tail(l.Log, 6000))
		}
		t.Logf("lab.mjs output:\n%s", out)
		if err = trainingLog(outDir, nbtest.LabOf("C2_W1")); err != nil {
			t.Error(err)
		}
		shot := filepath.Join(outDir, "lab.png")
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("no screenshot: %v", err)
		}
		defer f.Close()
		cfg, err := png.DecodeConfig(f)
		if err != nil {
			t.Fatalf("%s: %v", shot, err)
		}
		// The viewport grows to the notebook's height: a whole notebook, not one screen.
		if cfg.Width != 1280 || cfg.Height < 5000 {
			t.Errorf("%s is %dx%d, want 1280 wide and the notebook's full height (> 5000)", shot, cfg.Width, cfg.Height)
		}
	})

	// The multiclass lab, in the same server (no second start-up); its
	// screenshot goes beside the binary lab's.
	t.Run("multiclass lab notebook", func(t *testing.T) {
		name := filepath.Base(lab2.Notebook)
		copyFile(t, filepath.Join(root, lab2.Notebook), filepath.Join(l.Dir, name))
		outDir := filepath.Join(root, "build", "e2e", "C2_W2")
		out, err := runLab(t, root, l, name, outDir, "C2_W2")
		if err != nil {
			t.Fatalf("the multiclass lab notebook in JupyterLab: %v\n%s\nscreenshot: %s\ntext of every cell: %s\nJupyterLab log (end):\n%s",
				err, out, filepath.Join(outDir, "lab.png"), filepath.Join(outDir, "lab.txt"), nbtest.Tail(l.Log, 6000))
		}
		t.Logf("lab.mjs output:\n%s", out)
		if err = trainingLog(outDir, lab2); err != nil {
			t.Error(err)
		}
	})

	// The week-3 lab and the decision-tree labs (week 4), whose checks here are lines they print
	// and their pictures, then the optional labs of weeks 1 and 2, each checked for errors and its
	// pictures, all in the same server; screenshots and text go to build/e2e/<lab>/.
	for _, name := range append([]string{"C2_W3", "C2_W4", "C2_W4_Lab01"}, optionalLabs...) {
		t.Run(name, func(t *testing.T) {
			lab := nbtest.LabOf(name)
			file := filepath.Base(lab.Notebook)
			copyFile(t, filepath.Join(root, lab.Notebook), filepath.Join(l.Dir, file))
			defer l.ShutdownKernels(t)
			outDir := filepath.Join(root, "build", "e2e", name)
			out, err := runLab(t, root, l, file, outDir, name)
			if err != nil {
				t.Fatalf("%s in JupyterLab: %v\n%s\nscreenshot: %s\ntext of every cell: %s\nJupyterLab log (end):\n%s",
					file, err, out, filepath.Join(outDir, "lab.png"), filepath.Join(outDir, "lab.txt"), nbtest.Tail(l.Log, 6000))
			}
			t.Logf("lab.mjs output:\n%s", out)
		})
	}

	after, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("%s changed while JupyterLab ran a copy of it; committed notebooks must stay output-free", labNotebook)
	}
}

// trainingLog checks the training log the page showed (lab.mjs's cells.json in outDir)
// with nbtest's reader of the labs' log: lab's epochs and steps, nothing else.
func trainingLog(outDir string, lab nbtest.Lab) error {
	file := filepath.Join(outDir, "cells.json")
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("lab.mjs wrote no cells.json: %w", err)
	}
	var cells []struct{ Name, Prompt, Stdout string }
	if err := json.Unmarshal(data, &cells); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	for _, c := range cells {
		if c.Name == lab.FitCell {
			if _, err := lab.Losses(c.Stdout); err != nil {
				return fmt.Errorf("the training cell %s %s as the page shows it: %w", c.Name, c.Prompt, err)
			}
			return nil
		}
	}
	return fmt.Errorf("%s has no cell %s (the training cell)", file, lab.FitCell)
}

// trainingLog accepts the log of lab's epochs and steps and nothing else, in the cell
// the fixture names.
func TestTrainingLog(t *testing.T) {
	lab := nbtest.LabOf("C2_W2")
	var log strings.Builder
	for e := 1; e <= lab.Epochs; e++ {
		fmt.Fprintf(&log, "Epoch %d/%d\n%d/%d [==============================] - 0s 2ms/step - loss: 0.1234\n", e, lab.Epochs, lab.Steps, lab.Steps)
	}
	for _, c := range []struct {
		name, stdout string
		ok           bool
	}{
		{lab.FitCell, log.String(), true},
		{lab.FitCell, strings.Replace(log.String(), "Epoch 2/", "Epoch 3/", 1), false},
		{lab.FitCell, "a notice\n" + log.String(), false},
		{lab.SummaryCell, log.String(), false},
	} {
		dir := t.TempDir()
		data, err := json.Marshal([]map[string]string{{"name": c.name, "prompt": "[1]:", "stdout": c.stdout}})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "cells.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := trainingLog(dir, lab); (err == nil) != c.ok {
			t.Errorf("cell %s printing %.40q...: got %v, want ok %v", c.name, c.stdout, err, c.ok)
		}
	}
}

// The browser driver is pinned to one exact version, in package.json and the lock, and
// is the only npm package: npm ci installs exactly what was tested.
func TestPlaywrightPinned(t *testing.T) {
	if n := nbtest.CheckNpmPin(t, ".", "playwright-core"); n != 2 {
		t.Errorf("package-lock.json has %d entries, want the root and playwright-core", n)
	}
}
