package exercise

import (
	"errors"
	"fmt"
	"time"
)

// CallTimeout bounds each call a check makes of the learner's function. The
// cases are tiny: a correct answer returns in microseconds, so a call that
// takes longer is an endless loop (or a wait for something that never comes)
// and fails its case instead of hanging the cell.
var CallTimeout = 10 * time.Second

// errTimeout is call's error for a function that did not return in time.
var errTimeout = errors.New("no result in time: the function did not return")

// call runs f, which calls the learner's code, in a goroutine of its own and
// waits at most CallTimeout for it. A panic, a goroutine stopped with
// runtime.Goexit, or no result in time is returned as an error; the goroutine
// of a call that timed out is left running (in a notebook cell, the failed
// check then ends the program).
func call[T any](f func() T) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		returned := false
		defer func() {
			if returned {
				return
			}
			// Not returned: a panic (recover gives its value) or runtime.Goexit (nil).
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("a panic: %v", r)}
				return
			}
			done <- result{err: fmt.Errorf("no result: the function stopped its goroutine (runtime.Goexit?) instead of returning")}
		}()
		v := f()
		returned = true
		done <- result{v: v}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(CallTimeout):
		var zero T
		return zero, errTimeout
	}
}
