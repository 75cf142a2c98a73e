package labs

import (
	"fmt"
	"os"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// sharedDir holds what several tests of this package share: the output of the one
// `make html` run (sharedHTML) and its model state.
var sharedDir string

// TestMain points the notebooks' model state (nn keeps trained models on disk between
// cells) at a temporary folder, so the tests never touch the user's cache and always
// start untrained.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nnlab-labs-test-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(nbtest.StateDirEnv, dir)
	sharedDir, err = os.MkdirTemp("", "nnlab-labs-test-shared-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.RemoveAll(sharedDir)
	os.Exit(code)
}
