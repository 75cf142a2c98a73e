package nn

import (
	"fmt"
	"os"
	"sync"

	"github.com/gomlx/compute"
	// The pure Go backend is registered as "go"; it is the default unless GOMLX_BACKEND names another
	// registered backend. Nothing else (XLA, downloads) is linked in.
	_ "github.com/gomlx/compute/gobackend"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

var (
	backendOnce sync.Once
	backendVal  compute.Backend
	backendErr  error
)

// defaultBackendConfig is the backend used when GOMLX_BACKEND is not set: GoMLX's pure Go backend,
// executing a graph's operations one after the other (the backend still splits a large matrix product
// across cores). For the labs' small models this costs less CPU than running operations in parallel;
// the measurement is in docs/design.md.
const defaultBackendConfig = "go:ops_sequential"

// backend returns the process-wide compute backend, created on first use through GoMLX's registry:
// GOMLX_BACKEND, if set, chooses it (compute.New); otherwise defaultBackendConfig.
func backend() (compute.Backend, error) {
	backendOnce.Do(func() {
		backendVal, backendErr = try(func() (compute.Backend, error) {
			if _, set := os.LookupEnv(compute.ConfigEnvVar); set {
				return compute.New()
			}
			return compute.NewWithConfig(defaultBackendConfig)
		})
		if backendErr != nil {
			backendErr = fmt.Errorf("nn: creating the GoMLX backend (%s=%q): %w", compute.ConfigEnvVar, os.Getenv(compute.ConfigEnvVar), backendErr)
		}
	})
	return backendVal, backendErr
}

// try runs f, which calls into GoMLX, and returns its results or, if GoMLX panicked (as it does for
// graph-building and backend errors), the panic as the error. Every call into GoMLX that may panic goes
// through it; run is its form for executables.
func try[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	return f()
}

// run executes a GoMLX executable on the inputs and returns its single output. A panic or an error of
// GoMLX, or a wrong number of outputs, is returned as an error. The caller owns the output tensor.
func run(exec *model.Exec, inputs ...any) (*tensors.Tensor, error) {
	outs, err := try(func() ([]*tensors.Tensor, error) { return exec.Call(inputs...) })
	if err == nil && len(outs) != 1 {
		err = fmt.Errorf("the GoMLX graph returned %d outputs, want 1", len(outs))
	}
	if err != nil {
		release(outs...)
		return nil, err
	}
	return outs[0], nil
}

// release frees the tensors' memory now rather than when the garbage collector finds them: a training
// loop makes two input tensors and one output per step. FinalizeAll's error (the backend failed to free
// a buffer) is not returned: the tensor's values were already used or are discarded, nothing a learner
// sees depends on it, and the garbage collector frees what is left.
func release(ts ...*tensors.Tensor) {
	for _, t := range ts {
		_ = t.FinalizeAll()
	}
}

// flatFloat32 copies a tensor's values out as float32.
func flatFloat32(t *tensors.Tensor) ([]float32, error) {
	return try(func() ([]float32, error) { return tensors.CopyFlatData[float32](t) })
}
