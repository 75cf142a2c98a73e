package notebook

import (
	"os"
	"path/filepath"
	"testing"
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
