package exercise

import (
	"time"

	"github.com/mlspec-go/nnlab/internal/learner"
)

// CallTimeout bounds each call a check makes of the learner's function. The
// cases are tiny: a correct answer returns in microseconds, so a call that
// takes longer is an endless loop (or a wait for something that never comes)
// and fails its case instead of hanging the cell.
var CallTimeout = 10 * time.Second

// errTimeout is call's error for a function that did not return in time.
var errTimeout = learner.ErrTimeout

// call runs f, which calls the learner's code, through learner.Call with
// CallTimeout: a panic, a runtime.Goexit or no result in time is an error.
func call[T any](f func() T) (T, error) { return learner.Call(CallTimeout, f) }
