package labs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// htmlRun is the one `make html` of this test process, with the network cut off: every
// notebook of notebooks/ executed through the kernel into sharedDir/html. TestOfflineHTML
// checks the run itself (no network needed, setup skipped, pages that stand alone); the lab
// tests read the notebooks it executed (runClean), so each lab notebook runs once for all the
// checks of this package. Only TestLabNotebook runs its notebook a second time, on purpose:
// it compares two seeded runs.
var htmlRun struct {
	once   sync.Once
	res    *nbtest.RunResult
	mode   string
	failed string // why the run could not be made, or ""
}

// sharedHTML returns the shared `make html` run, making it if this is the first call. The
// result's Err is make's exit error (one notebook failing fails make), Output its output.
func sharedHTML(t *testing.T) (res *nbtest.RunResult, cutMode string) {
	t.Helper()
	root := nbtest.RequireKernel(t)
	htmlRun.once.Do(func() {
		htmlRun.failed = "the shared make html run stopped before its end (see the first test that needed it)"
		cut := nbtest.NewNetCut(t)
		t.Logf("network cut for the shared make html run: %s", cut.Mode)
		cut.Require(t, root)
		out := filepath.Join(sharedDir, "html")
		cmd := cut.Command(context.Background(), root, []string{nbtest.StateDirEnv + "=" + filepath.Join(sharedDir, "html-state")},
			"make", "--no-print-directory", "html", "HTML_OUT="+out)
		output, err := cmd.CombinedOutput()
		htmlRun.res = &nbtest.RunResult{OutDir: out, Output: string(output), Err: err}
		htmlRun.mode, htmlRun.failed = cut.Mode, ""
	})
	if htmlRun.failed != "" {
		t.Fatal(htmlRun.failed)
	}
	return htmlRun.res, htmlRun.mode
}

// TestOfflineHTML checks the promise that once `make setup` has run (`make test` runs
// it first), `make html` needs no network: the shared run (sharedHTML) cuts the network
// off, checks that the cut is real, then runs `make html` into a temporary folder; this
// test checks that setup skipped every step and that every notebook ran to an HTML page
// with its pictures, which stands alone (checkPage).
func TestOfflineHTML(t *testing.T) {
	t.Parallel()
	root := nbtest.RequireKernel(t)
	res, mode := sharedHTML(t)
	output := res.Output
	t.Logf("make html (%s cut):\n%s", mode, output)
	if res.Err != nil {
		t.Fatalf("make html with the network cut off: %v", res.Err)
	}

	for _, step := range []string{
		"setup: Python virtualenv up to date",
		"setup: gonb, gopls, goimports up to date",
		"setup: kernelspec gonb up to date",
	} {
		if !strings.Contains(string(output), step) {
			t.Errorf("setup did not report %q: a step ran again", step)
		}
	}

	notebooks, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if err != nil || len(notebooks) == 0 {
		t.Fatalf("no notebooks in %s/notebooks (%v)", root, err)
	}
	pictures := 0
	for _, path := range notebooks {
		nb, err := nbtest.ReadNotebook(res.NotebookPath(path))
		if err != nil {
			t.Fatal(err)
		}
		if errs := nb.ErrorCells(); len(errs) > 0 {
			t.Errorf("%s: cells %v have error outputs", filepath.Base(path), errs)
		}
		if filepath.Base(path) == filepath.Base(labNotebook) {
			compareLabRun(t, res.NotebookPath(path)) // the same seeded notebook as TestLabNotebook's
		}
		page, err := os.ReadFile(res.HTMLPath(path))
		if err != nil {
			t.Fatal(err)
		}
		// Offline is how our users export: the page must stand alone.
		nbtest.CheckPage(t, root, nb, res.HTMLPath(path))
		for _, c := range nb.CodeCells() {
			for _, img := range c.Images() {
				pictures++
				data := strings.TrimSpace(img.Base64)
				if !strings.Contains(string(page), "data:image/png;base64,"+data[:min(64, len(data))]) {
					t.Errorf("%s: the HTML page does not embed a PNG the notebook shows", filepath.Base(path))
				}
			}
		}
	}
	if pictures == 0 {
		t.Errorf("the notebooks showed no PNG picture; the lab plots digits")
	}
}
