package hub

import (
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// JupyterHub's proxy is pinned to one exact version, in package.json and the lock, and
// is the only direct npm dependency: npm ci installs exactly what was tested.
func TestProxyPinned(t *testing.T) {
	nbtest.CheckNpmPin(t, ".", "configurable-http-proxy")
}
