// Package exercise checks a learner's answers to the graded exercises of the
// lab, the way the course's unit tests do: each Check function runs a fixed
// list of cases against the learner's model or function and prints
// "All tests passed!" in green, or the first case that failed with what was
// expected, what was found and a hint.
//
// In a notebook cell, a failed check then ends the cell with an error (the
// message alone, no Go stack trace, see internal/notebook), as the course's
// asserts do, so that an autograder such as nbgrader scores the cell 0.
// Outside a notebook (programs, Go tests) every Check function returns the
// failure as an error instead (nil when all cases pass).
//
// The checks are built so that a submission cannot earn a point it did not
// earn: each call of the learner's function runs under a time limit
// ([CallTimeout]) and a panic, or a function that stops its goroutine, counts
// as a failure. When the notebook is graded (nbgrader sets NBGRADER_EXECUTION
// in the kernel's environment), a guard process (internal/guard) watches each cell that uses
// this package: a cell whose program ends before its check has finished
// (os.Exit in a graded function or declaration, with or without a forged
// success message) gets a line on stderr, which nbgrader scores 0.
package exercise

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mlspec-go/nnlab/internal/guard"
	"github.com/mlspec-go/nnlab/internal/notebook"
)

// ANSI colours, as the course's tests use them: Jupyter and nbconvert render
// them in cell output.
const (
	green = "\x1b[92m"
	red   = "\x1b[91m"
	reset = "\x1b[0m"
)

// PassMessage is what the checks of this lab print when every case passes.
const PassMessage = "All tests passed!"

// Output is where the Check functions print their verdict. Notebooks leave it
// at os.Stdout; tests may redirect it.
var Output io.Writer = os.Stdout

// Failure is a failed case: what was checked, what was expected, what the
// learner's answer gave, and a hint about the usual cause.
type Failure struct {
	Case     string
	Expected string
	Got      string
	Hint     string
}

// Error implements the error interface with the same text the notebook shows.
func (f *Failure) Error() string {
	msg := fmt.Sprintf("%s: expected %s, got %s", f.Case, f.Expected, f.Got)
	if f.Hint != "" {
		msg += " (" + f.Hint + ")"
	}
	return msg
}

// run is the one way every Check function of this package reports: it tells
// the guard a check started, runs check, and prints the verdict on Output.
// When every case passes it prints pass in green (nothing if pass is "") and
// returns nil. Otherwise it reports the failed case (what was expected, what
// was found and the hint): in a notebook cell it ends the cell with that
// report as the error, through notebook.Fail (on stderr, status 1, no stack trace);
// outside a cell it prints the report on Output and returns the failure.
func run(name, pass string, check func() error) error {
	guard.Start(name)
	err := check()
	if err == nil {
		if pass != "" {
			fmt.Fprintf(Output, "%s%s%s\n", green, pass, reset)
		}
		guard.End(name, true)
		return nil
	}
	var msg strings.Builder
	if f, ok := err.(*Failure); ok {
		fmt.Fprintf(&msg, "%sTest failed: %s%s\n", red, f.Case, reset)
		fmt.Fprintf(&msg, "  expected: %s\n", f.Expected)
		fmt.Fprintf(&msg, "  found:    %s\n", f.Got)
		if f.Hint != "" {
			fmt.Fprintf(&msg, "  hint:     %s\n", f.Hint)
		}
	} else {
		fmt.Fprintf(&msg, "%sTest failed: %v%s\n", red, err, reset)
	}
	guard.End(name, false)
	if notebook.InCell() {
		// One message on one stream (stdout and stderr are separate pipes, which
		// GoNB may show out of order): the cell's error, as a failed assert is.
		notebook.Fail(msg.String() + name + ": this exercise is not right yet.")
	}
	io.WriteString(Output, msg.String())
	return err
}
