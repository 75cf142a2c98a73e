// Package learner calls a learner's function safely: in a goroutine of its own, with a time limit, and
// with a panic (or runtime.Goexit) turned into an error, so that a mistake in a notebook's exercise
// fails a check or a figure with a message instead of a Go stack trace or a cell that never ends.
// helpers/exercise's checks and helpers/figures' softmax figure call the learner's code through it.
package learner

import (
	"errors"
	"fmt"
	"time"
)

// ErrTimeout is Call's error for a function that did not return in time.
var ErrTimeout = errors.New("no result in time: the function did not return")

// Call runs f, which calls the learner's code, in a goroutine of its own and waits at most timeout for
// it. A panic ("a panic: <value>"), a goroutine stopped with runtime.Goexit, or no result in time
// (ErrTimeout) is returned as an error; the goroutine of a call that timed out is left running (in a
// notebook cell, the failure then ends the program).
func Call[T any](timeout time.Duration, f func() T) (T, error) {
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
			done <- result{err: errors.New("no result: the function stopped its goroutine (runtime.Goexit?) instead of returning")}
		}()
		v := f()
		returned = true
		done <- result{v: v}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(timeout):
		var zero T
		return zero, ErrTimeout
	}
}
