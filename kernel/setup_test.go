package kernel

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// TestSetupAgainWithVenvOnPath runs kernel/setup.sh on the repository's set-up .venv with
// .venv/bin first on PATH, as in the Docker image, an activated virtualenv or
// JupyterLab's terminal: every step must be up to date (the virtualenv's python3 is not
// a new interpreter), and PYTHON naming the virtualenv's own python must stop setup with
// a message, leaving .venv alone.
func TestSetupAgainWithVenvOnPath(t *testing.T) {
	root := nbtest.MustSetUp(t)
	venv := filepath.Join(root, ".venv")
	run := func(python string) (string, error) {
		cmd := exec.Command("bash", filepath.Join(root, "kernel", "setup.sh"))
		cmd.Dir = root
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "PYTHON=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "PATH="+filepath.Join(venv, "bin")+":"+os.Getenv("PATH"))
		if python != "" {
			cmd.Env = append(cmd.Env, "PYTHON="+python)
		}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := run("")
	if err != nil {
		t.Fatalf("setup.sh with .venv/bin first on PATH: %v\n%s", err, out)
	}
	for _, want := range []string{"Python virtualenv up to date", "gonb, gopls, goimports up to date", "kernelspec gonb up to date"} {
		if !strings.Contains(out, want) {
			t.Errorf("setup.sh with .venv/bin first on PATH redid a step (want %q):\n%s", want, out)
		}
	}

	out, err = run(filepath.Join(".venv", "bin", "python"))
	if err == nil || !strings.Contains(out, "the virtualenv's own python") {
		t.Errorf("PYTHON=.venv/bin/python setup.sh: %v, want a stop with a message:\n%s", err, out)
	}
	if err := nbtest.CheckSetup(root); err != nil {
		t.Errorf("after PYTHON=.venv/bin/python setup.sh: %v", err)
	}
}
