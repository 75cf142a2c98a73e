package notebook

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

func TestInCellAndTempDir(t *testing.T) {
	t.Setenv(TempDirEnv, "")
	if InCell() || TempDir() != "" {
		t.Errorf("without %s: InCell %v, TempDir %q; want false and \"\"", TempDirEnv, InCell(), TempDir())
	}
	dir := t.TempDir()
	t.Setenv(TempDirEnv, dir)
	if !InCell() || TempDir() != dir {
		t.Errorf("with %s=%s: InCell %v, TempDir %q", TempDirEnv, dir, InCell(), TempDir())
	}
}

func TestIdentity(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	want, err := os.Getwd() // dir with its symbolic links resolved, as the kernel sees it
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(PathEnv, "")
	if got, path, err := Identity(); err != nil || got != want || path != "" {
		t.Errorf("outside Jupyter: Identity() = %q, %q, %v; want %q, \"\", nil", got, path, err, want)
	}
	nb := filepath.Join(dir, "C2_W1_Assignment.ipynb")
	t.Setenv(PathEnv, nb)
	if got, path, err := Identity(); err != nil || got != want || path != nb {
		t.Errorf("under Jupyter: Identity() = %q, %q, %v; want %q, %q, nil", got, path, err, want, nb)
	}
}

// Outside GoNB there is nowhere to show a picture, and DisplayPNG says so. (Showing one
// for real is tested in notebooktest, helpers/digitplot and helpers/figures, with GoNB's pipes
// played by notebooktest.)
func TestDisplayPNGOutsideNotebook(t *testing.T) {
	if os.Getenv(protocol.GONB_PIPE_ENV) != "" {
		t.Skip("running under GoNB")
	}
	if CanDisplay() {
		t.Error("CanDisplay() is true without GoNB's pipes")
	}
	if err := DisplayPNG([]byte("\x89PNG")); err != ErrNoDisplay {
		t.Errorf("DisplayPNG outside GoNB: %v, want ErrNoDisplay", err)
	}
}
