package kernel

import (
	"fmt"
	"os"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// TestMain points the notebooks' model state (nn keeps trained models on disk between
// cells) at a temporary folder, so the tests never touch the user's cache and always
// start untrained.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nnlab-kernel-test-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(nbtest.StateDirEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
