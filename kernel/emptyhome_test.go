package kernel

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// A kernel needs nothing from the user's home or PATH: the lab notebook runs with a new,
// empty $HOME, PATH=/usr/bin:/bin (no Go on it), no Go variable set and the network cut
// off, as for a JupyterHub user whose volume is mounted over the image's home. Go, the
// module cache and GOPROXY=off come from the kernelspec's env that setup wrote; the
// build cache is this machine's, named by NNLAB_SHARED_GOCACHE as the image's
// kernelspec names its pre-built one. The model state lands in the empty home.
func TestKernelEmptyHomeOffline(t *testing.T) {
	t.Parallel()
	root := nbtest.RequireKernel(t)
	cut := nbtest.NewNetCut(t)
	t.Logf("network cut: %s", cut.Mode)
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	home := t.TempDir()
	env := []string{
		"HOME=" + home, "PATH=/usr/bin:/bin", "LANG=C.UTF-8",
		"NNLAB_SHARED_GOCACHE=" + strings.TrimSpace(string(out)),
	}
	if cut.Mode != "network namespace" {
		for _, kv := range cut.Env {
			if k, _, _ := strings.Cut(kv, "="); strings.HasSuffix(strings.ToUpper(k), "_PROXY") {
				env = append(env, kv)
			}
		}
	}
	outDir := t.TempDir()
	nbPath := filepath.Join(root, nbtest.LabOf("C2_W1").Notebook)
	cmd := cut.Command(t.Context(), root, nil, filepath.Join(root, ".venv", "bin", "python"),
		filepath.Join(root, "export", "run.py"), "--out", outDir, nbPath)
	cmd.Env = env
	output, err := cmd.CombinedOutput()
	t.Logf("export/run.py with HOME=%s, PATH=/usr/bin:/bin (%s cut):\n%s", home, cut.Mode, output)
	if err != nil {
		t.Fatalf("the lab notebook with an empty home, offline: %v", err)
	}
	nb := (&nbtest.RunResult{OutDir: outDir}).Executed(t, nbPath)
	if errs := nb.ErrorCells(); len(errs) > 0 {
		t.Fatalf("cells %v have error outputs", errs)
	}
	for _, want := range []string{"Total params: 10,431", "Epoch 20/20", "All tests passed!"} {
		if !strings.Contains(nbtest.StripANSI(nb.Text()), want) {
			t.Errorf("outputs lack %q", want)
		}
	}
	state := filepath.Join(home, ".cache", "nnlab", "models")
	if entries, err := os.ReadDir(state); err != nil || len(entries) == 0 {
		t.Errorf("the trained model is not in the empty home's cache %s: %v", state, err)
	}
}
