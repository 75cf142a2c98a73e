package nbtest

// Running notebooks through the kernel with the runner of `make html` (export/run.py) and
// reading the executed notebooks back, so tests can check what a learner would see:
// printed text, pictures and errors.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// RunResult is what one call of export/run.py produced.
type RunResult struct {
	// OutDir is the folder given to the runner: executed notebooks are in
	// OutDir/notebooks, HTML pages in OutDir/html, kernel logs in OutDir/logs.
	OutDir string
	// Output is the runner's combined stdout and stderr: timings and, for failed
	// cells, the notebook, the cell and the error text.
	Output string
	// Err is the runner's exit error (an *exec.ExitError when a notebook failed), or nil.
	Err error
}

// NotebookPath returns where the runner wrote the executed copy of the notebook
// whose source path is nbPath.
func (r *RunResult) NotebookPath(nbPath string) string {
	return filepath.Join(r.OutDir, "notebooks", notebookName(nbPath)+".ipynb")
}

// HTMLPath returns where the runner wrote the HTML page of the notebook whose source
// path is nbPath.
func (r *RunResult) HTMLPath(nbPath string) string {
	return filepath.Join(r.OutDir, "html", notebookName(nbPath)+".html")
}

func notebookName(nbPath string) string {
	return strings.TrimSuffix(filepath.Base(nbPath), ".ipynb")
}

// Run executes the notebooks through the kernel with export/run.py, writing results
// under outDir. It returns an error only when the runner could not be started (for
// example ErrNotSetUp); a notebook with a failing cell is reported in RunResult.Err
// and RunResult.Output.
func Run(ctx context.Context, root, outDir string, notebooks ...string) (*RunResult, error) {
	return run(ctx, root, outDir, nil, notebooks)
}

// RunAllowingErrors is Run for notebooks expected to fail somewhere, such as a
// student edition with its exercises blank: every cell runs even after a cell fails,
// as JupyterLab's "Run All" does, and RunResult.Err is nil unless a notebook could not
// run to its end (the kernel died or a cell timed out). Tests then read the error
// outputs from the executed notebooks.
func RunAllowingErrors(ctx context.Context, root, outDir string, notebooks ...string) (*RunResult, error) {
	return run(ctx, root, outDir, []string{"--allow-errors"}, notebooks)
}

func run(ctx context.Context, root, outDir string, flags, notebooks []string) (*RunResult, error) {
	if err := CheckSetup(root); err != nil {
		return nil, err
	}
	args := []string{filepath.Join(root, "export", "run.py"), "--out", outDir}
	args = append(args, flags...)
	args = append(args, notebooks...)
	cmd := exec.CommandContext(ctx, filepath.Join(root, ".venv", "bin", "python"), args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return nil, fmt.Errorf("running export/run.py: %w", err)
	}
	return &RunResult{OutDir: outDir, Output: out.String(), Err: err}, nil
}

// Notebook is the part of an nbformat 4 notebook that tests inspect.
type Notebook struct {
	Cells    []Cell         `json:"cells"`
	Metadata map[string]any `json:"metadata"`
}

// Cell is one notebook cell.
type Cell struct {
	// Type is "code", "markdown" or "raw".
	Type           string         `json:"cell_type"`
	Source         MultilineText  `json:"source"`
	ExecutionCount *int           `json:"execution_count"`
	Outputs        []Output       `json:"outputs"`
	Metadata       map[string]any `json:"metadata"`
}

// Output is one output of a code cell.
type Output struct {
	// Type is "stream", "display_data", "execute_result" or "error".
	Type string `json:"output_type"`
	// Name is "stdout" or "stderr" for streams.
	Name string        `json:"name"`
	Text MultilineText `json:"text"`
	// Data maps MIME types to their content (display_data and execute_result).
	Data map[string]json.RawMessage `json:"data"`
	// Ename, Evalue and Traceback describe an error output.
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// MultilineText is nbformat's multi-line string: in JSON either a string or a list of
// strings to concatenate.
type MultilineText string

// UnmarshalJSON accepts both forms of a multi-line string.
func (m *MultilineText) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*m = MultilineText(s)
		return nil
	}
	var parts []string
	if err := json.Unmarshal(data, &parts); err != nil {
		return fmt.Errorf("multi-line text is neither a string nor a list of strings: %w", err)
	}
	*m = MultilineText(strings.Join(parts, ""))
	return nil
}

// ReadNotebook parses the notebook file at path.
func ReadNotebook(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading notebook: %w", err)
	}
	var nb Notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("parsing notebook %s: %w", path, err)
	}
	return &nb, nil
}

// DataText returns the content of MIME type mime as text ("" if absent). Text types
// are stored as (lists of) strings; images as base64 strings.
func (o Output) DataText(mime string) string {
	raw, ok := o.Data[mime]
	if !ok {
		return ""
	}
	var m MultilineText
	if err := m.UnmarshalJSON(raw); err != nil {
		return string(raw) // e.g. application/json holds an object.
	}
	return string(m)
}

// Image is a PNG picture a cell displayed. The notebooks show every picture as
// image/png (GoNB's DisplayPNG, through internal/display); nothing of ours shows
// SVG or pictures inside HTML.
type Image struct {
	// Base64 is the picture as the notebook stores it: base64, maybe with newlines.
	Base64 string
}

// PNG returns the picture's bytes.
func (img Image) PNG() ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(strings.TrimSpace(img.Base64), "\n", ""))
	if err != nil {
		return nil, fmt.Errorf("a picture's image/png is not base64: %w", err)
	}
	return raw, nil
}

// Size returns the picture's width and height in pixels.
func (img Image) Size() (w, h int, err error) {
	raw, err := img.PNG()
	if err != nil {
		return 0, 0, err
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return 0, 0, fmt.Errorf("a picture's image/png does not decode: %w", err)
	}
	return cfg.Width, cfg.Height, nil
}

// Images returns the pictures among the output's data.
func (o Output) Images() []Image {
	if d := o.DataText("image/png"); d != "" {
		return []Image{{Base64: d}}
	}
	return nil
}

// Text returns what the cell printed or displayed as text, in order: stream text
// (stdout and stderr) and the text/plain of display_data and execute_result outputs.
func (c Cell) Text() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		switch o.Type {
		case "stream":
			b.WriteString(string(o.Text))
		case "display_data", "execute_result":
			b.WriteString(o.DataText("text/plain"))
		}
	}
	return b.String()
}

// ansiColour matches the ANSI colour codes of terminal output (the exercise checks
// print their verdict in colour).
var ansiColour = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// StripANSI returns text without ANSI colour codes.
func StripANSI(text string) string { return ansiColour.ReplaceAllString(text, "") }

// Images returns every picture the cell displayed.
func (c Cell) Images() []Image {
	var imgs []Image
	for _, o := range c.Outputs {
		imgs = append(imgs, o.Images()...)
	}
	return imgs
}

// Errors returns the cell's error outputs (a compile error, a panic, a non-zero exit).
func (c Cell) Errors() []Output {
	var errs []Output
	for _, o := range c.Outputs {
		if o.Type == "error" {
			errs = append(errs, o)
		}
	}
	return errs
}

// CodeCells returns the notebook's code cells, in order.
func (nb *Notebook) CodeCells() []Cell {
	var cells []Cell
	for _, c := range nb.Cells {
		if c.Type == "code" {
			cells = append(cells, c)
		}
	}
	return cells
}

// Text returns the concatenated Text of all code cells.
func (nb *Notebook) Text() string {
	var b strings.Builder
	for _, c := range nb.CodeCells() {
		b.WriteString(c.Text())
	}
	return b.String()
}

// Images returns every picture displayed by the notebook's cells.
func (nb *Notebook) Images() []Image {
	var imgs []Image
	for _, c := range nb.CodeCells() {
		imgs = append(imgs, c.Images()...)
	}
	return imgs
}

// ErrorCells returns the indices (0-based, among all cells) of the cells that have an
// error output.
func (nb *Notebook) ErrorCells() []int {
	var idx []int
	for i, c := range nb.Cells {
		if len(c.Errors()) > 0 {
			idx = append(idx, i)
		}
	}
	return idx
}

// WallSeconds returns how long the cell took to run as export/run.py measured it, and
// whether it was measured (cells that did not run have no time).
func (c Cell) WallSeconds() (float64, bool) {
	meta, ok := c.Metadata["nnlab"].(map[string]any)
	if !ok {
		return 0, false
	}
	s, ok := meta["wall_seconds"].(float64)
	return s, ok
}

// MustRun executes the notebooks (paths absolute or relative to the test's folder)
// through the kernel into a temporary folder with Run, logs the runner's output and
// returns its result; it fails the test when the runner could not start, and skips
// it with -short (RequireKernel).
func MustRun(t testing.TB, notebooks ...string) *RunResult {
	t.Helper()
	root := RequireKernel(t)
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
	t.Logf("export/run.py output:\n%s", res.Output)
	return res
}

// Executed reads the executed copy of the notebook nbPath that the run wrote,
// failing the test when it cannot.
func (r *RunResult) Executed(t testing.TB, nbPath string) *Notebook {
	t.Helper()
	nb, err := ReadNotebook(r.NotebookPath(nbPath))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// Stdout returns what the cell printed on stdout, without colour codes.
func (c Cell) Stdout() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == "stdout" {
			b.WriteString(string(o.Text))
		}
	}
	return StripANSI(b.String())
}

// GradeID returns the cell's nbgrader grade_id, or "" when it has none.
func (c Cell) GradeID() string {
	meta, _ := c.Metadata["nbgrader"].(map[string]any)
	id, _ := meta["grade_id"].(string)
	return id
}

// CellByID returns the code cell whose nbgrader grade_id is id, and whether there is one.
func (nb *Notebook) CellByID(id string) (Cell, bool) {
	for _, c := range nb.CodeCells() {
		if c.GradeID() == id {
			return c, true
		}
	}
	return Cell{}, false
}

// MustCellByID returns the code cell of nb whose nbgrader grade_id is id, failing the
// test when there is none.
func MustCellByID(t testing.TB, nb *Notebook, id string) Cell {
	t.Helper()
	c, ok := nb.CellByID(id)
	if !ok {
		t.Fatalf("no code cell with grade_id %q", id)
	}
	return c
}
