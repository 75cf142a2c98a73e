package nn

import (
	"fmt"
	"os"
	"sync"

	"github.com/gomlx/compute"
	// The pure Go backend is registered as "go"; it is the default unless GOMLX_BACKEND names another
	// registered backend. Nothing else (XLA, downloads) is linked in.
	_ "github.com/gomlx/compute/gobackend"
)

var (
	backendOnce sync.Once
	backendVal  compute.Backend
	backendErr  error
)

// defaultBackendConfig is used when GOMLX_BACKEND is not set: GoMLX's pure Go backend, executing the
// graph's operations one after the other. The models of the lab are tiny, and on 2 cores running their
// small operations in parallel goroutines costs more than it saves (about 35% more CPU in the benchmark);
// large matrix products are still split across cores by the backend.
const defaultBackendConfig = "go:ops_sequential"

// backend returns the process-wide compute backend, created on first use through GoMLX's registry:
// GOMLX_BACKEND, if set, chooses it (compute.New); otherwise defaultBackendConfig.
func backend() (compute.Backend, error) {
	backendOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				backendErr = fmt.Errorf("nn: creating the GoMLX backend (GOMLX_BACKEND=%q): %v", getenv(compute.ConfigEnvVar), r)
			}
		}()
		var b compute.Backend
		var err error
		if _, set := os.LookupEnv(compute.ConfigEnvVar); set {
			b, err = compute.New()
		} else {
			b, err = compute.NewWithConfig(defaultBackendConfig)
		}
		if err != nil {
			backendErr = fmt.Errorf("nn: creating the GoMLX backend (GOMLX_BACKEND=%q): %w", getenv(compute.ConfigEnvVar), err)
			return
		}
		backendVal = b
	})
	return backendVal, backendErr
}
