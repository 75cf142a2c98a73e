package kernel

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

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

// The kernel as setup installs it runs a notebook (through the runner of `make html`):
// it links this module's packages (go.work) and the pinned gonum, picks GoMLX's backend,
// knows the notebook's path, shows a picture, and declarations carry over to later cells.
func TestPassingNotebook(t *testing.T) {
	t.Parallel()
	const src = "testdata/pass.ipynb"
	res := nbtest.MustRun(t, src)
	if res.Err != nil {
		t.Fatalf("runner failed on a notebook without errors: %v", res.Err)
	}
	if !strings.Contains(res.Output, "pass.ipynb: ") {
		t.Errorf("runner output does not report the notebook's time:\n%s", res.Output)
	}
	nb := res.Executed(t, src)
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
	if len(imgs) != 1 {
		t.Fatalf("cell 2 shows %d pictures, want one PNG", len(imgs))
	}
	if w, h, err := imgs[0].Size(); err != nil || w != 16 || h != 12 {
		t.Errorf("PNG is %dx%d (%v), want 16x12", w, h, err)
	}

	page, err := os.ReadFile(res.HTMLPath(src))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	if !strings.Contains(html, "det=-2.0") {
		t.Errorf("HTML page lacks the printed text")
	}
	if !strings.Contains(html, "data:image/png;base64,"+strings.TrimSpace(imgs[0].Base64)[:64]) {
		t.Errorf("HTML page does not embed the PNG")
	}
}
