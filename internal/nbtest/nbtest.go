// Package nbtest is what this repository's notebook tests share: finding the
// repository and what `make setup` installed, skipping with -short and failing with
// the command that fixes a missing piece; running notebooks through the kernel with
// the runner of `make html` (export/run.py) and reading the executed notebooks and
// their HTML pages back; servers (JupyterLab, JupyterHub) started on a free loopback
// port and stopped with the test, and their REST API (also that of the Docker image's
// server, which docker/image_test.go publishes); commands run with the network cut off;
// and the labs' expected outputs, read from one fixture (testdata/labs.json, LabsFile)
// that the browser test (e2e/lab.mjs) reads too.
package nbtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// KernelName is the name of the Jupyter kernelspec kernel/setup.sh installs and the
// notebooks use: GoNB's own name, so the notebooks also open in a stock GoNB install.
const KernelName = "gonb"

// ModulePath is the Go module path of this repository.
const ModulePath = "github.com/mlspec-go/nnlab"

// StateDirEnv is notebook.StateDirEnv: the tests point helpers/nn's model state at a
// temporary folder, so they never touch the user's cache and always start untrained.
const StateDirEnv = notebook.StateDirEnv

// Root returns the repository root: the closest folder at or above the current
// directory whose go.mod declares ModulePath.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the repository root: %w", err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(data), "module "+ModulePath+"\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of module %s at or above the current directory", ModulePath)
		}
		dir = parent
	}
}

// ErrNotSetUp is wrapped by CheckSetup's errors: the virtualenv or kernel is missing.
var ErrNotSetUp = errors.New("the notebook kernel is not set up: run `make setup` at the repository root")

// CheckSetup reports whether kernel/setup.sh has installed what running a notebook
// needs under root: the virtualenv's Python, the gonb binary and the kernelspec.
func CheckSetup(root string) error {
	for _, p := range []string{
		filepath.Join(root, ".venv", "bin", "python"),
		filepath.Join(root, ".venv", "bin", "gonb"),
		filepath.Join(root, ".venv", "share", "jupyter", "kernels", KernelName, "kernel.json"),
	} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%w (missing %s)", ErrNotSetUp, p)
		}
	}
	return nil
}

// MustRoot returns the repository root, failing the test when there is none.
func MustRoot(t testing.TB) string {
	t.Helper()
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// MustSetUp returns the repository root, failing the test, with the command that
// fixes it, when the kernel is not set up. It does not skip with -short: for quick
// checks that need .venv but run no notebook.
func MustSetUp(t testing.TB) string {
	t.Helper()
	root := MustRoot(t)
	if err := CheckSetup(root); err != nil {
		t.Fatalf("%v\n(`make test` runs it first)", err)
	}
	return root
}

// RequireSetup returns the repository root for a test that runs notebooks or
// starts a Jupyter server: it skips the test with -short (saying what is skipped:
// what, e.g. "running a JupyterHub class") and fails it, with the command that
// fixes it, when the kernel is not set up, or when one of files (relative to the
// root) is missing; fix names the command that installs those files.
func RequireSetup(t testing.TB, what, fix string, files ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("%s is skipped with -short", what)
	}
	root := MustRoot(t)
	if err := CheckSetup(root); err != nil {
		t.Fatalf("%v\n(`make test` runs it first; %s needs it)", err, what)
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Fatalf("%s is missing: run `%s` at the repository root (`make test` does)", f, fix)
		}
	}
	return root
}

// RequireNode fails the test unless node is on PATH; fix names the make target that
// installs the npm packages the test needs.
func RequireNode(t testing.TB, fix string) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node not found on PATH: install Node.js >= 20 with npm, then run `%s`", fix)
	}
}

// RequireKernel returns the repository root for a test that executes notebooks
// through the GoNB kernel: RequireSetup with nothing more to install.
func RequireKernel(t testing.TB) string {
	t.Helper()
	return RequireSetup(t, "executing notebooks through the GoNB kernel", "make setup")
}
