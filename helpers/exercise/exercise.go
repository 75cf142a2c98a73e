// Package exercise checks a learner's answers to the graded exercises of the
// lab, the way the course's unit tests do: each Check function runs a fixed
// list of cases against the learner's model or function and prints
// "All tests passed!" in green, or the first case that failed with what was
// expected, what was found and a hint.
//
// Every Check function also returns the failure as an error (nil when all
// cases pass), so that programs and Go tests can use the result.
package exercise

import (
	"fmt"
	"io"
	"os"
)

// ANSI colours, as the course's tests use them: Jupyter and nbconvert render
// them in cell output.
const (
	green = "\x1b[92m"
	red   = "\x1b[91m"
	reset = "\x1b[0m"
)

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

// report prints the verdict for err to Output and returns err.
func report(err error) error {
	if err == nil {
		fmt.Fprintf(Output, "%sAll tests passed!%s\n", green, reset)
		return nil
	}
	if f, ok := err.(*Failure); ok {
		fmt.Fprintf(Output, "%sTest failed: %s%s\n", red, f.Case, reset)
		fmt.Fprintf(Output, "  expected: %s\n", f.Expected)
		fmt.Fprintf(Output, "  found:    %s\n", f.Got)
		if f.Hint != "" {
			fmt.Fprintf(Output, "  hint:     %s\n", f.Hint)
		}
		return err
	}
	fmt.Fprintf(Output, "%sTest failed: %v%s\n", red, err, reset)
	return err
}
