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
//
// # Which check belongs to which lab
//
// Each Check function is named for the exercise it checks; its Hidden twin is
// the one the lab's hidden tests call:
//
//   - C2_W1: [CheckDense], [CheckDenseV], [CheckModel] (Exercise 1, the
//     binary classifier of zeros and ones);
//   - C2_W2: [CheckSoftmax], [CheckMulticlassModel];
//   - C2_W3: [CheckEvalMSE], [CheckEvalCatErr], [CheckComplexModel],
//     [CheckSimpleModel], [CheckRegularizedModel];
//   - C2_W4: [CheckComputeEntropy], [CheckSplitDataset],
//     [CheckComputeInformationGain], [CheckGetBestSplit].
//
// CheckModel keeps its name, although CheckBinaryModel would read better
// beside CheckMulticlassModel: the week-1 notebook's locked grade cell calls
// it, and so does every copy of that notebook a learner has already fetched.
// A new name would turn the check cell of each such copy into a compile
// error the next time the image is updated, mid-course, for a clearer name.
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

// Failure is a wrong answer: the first case of a check that failed. Every
// Check function of this package returns one as its error (nil when the
// answer is right), so a caller reads it with errors.As.
//
// A check that ports one of the course's tests says what the course says:
// Message is the course's own sentence ("Wrong values. Expected ..., got
// ..."). The checks of the week-1 lab, for which the course has no message,
// leave Message empty and say instead which Case failed, what was Expected
// and what the answer Got. Hint is the usual cause of the mistake, or "".
type Failure struct {
	Message  string
	Case     string
	Expected string
	Got      string
	Hint     string
}

// Error implements the error interface: the course's message and the hint,
// or the case with what was expected and found.
func (f *Failure) Error() string {
	if f.Message != "" {
		if f.Hint == "" {
			return f.Message
		}
		return f.Message + " (hint: " + f.Hint + ")"
	}
	msg := fmt.Sprintf("%s: expected %s, got %s", f.Case, f.Expected, f.Got)
	if f.Hint != "" {
		msg += " (" + f.Hint + ")"
	}
	return msg
}

// report is what a check prints for f: a red "Test failed:" line with the
// course's message and hint, or with the case, followed by what was
// expected, found and the hint, one to a line.
func (f *Failure) report() string {
	if f.Message != "" {
		return red + "Test failed: " + f.Error() + reset + "\n"
	}
	var msg strings.Builder
	fmt.Fprintf(&msg, "%sTest failed: %s%s\n", red, f.Case, reset)
	fmt.Fprintf(&msg, "  expected: %s\n", f.Expected)
	fmt.Fprintf(&msg, "  found:    %s\n", f.Got)
	if f.Hint != "" {
		fmt.Fprintf(&msg, "  hint:     %s\n", f.Hint)
	}
	return msg.String()
}

// run is the one way every Check function of this package reports: it tells
// the guard a check started, runs check, and prints the verdict on Output.
// When every case passes it prints pass in green (nothing if pass is "") and
// returns nil. Otherwise it reports the Failure check returned: in a notebook
// cell it ends the cell with that report as the error, through notebook.Fail
// (on stderr, status 1, no stack trace); outside a cell it prints the report
// on Output and returns the failure.
func run(name, pass string, check func() *Failure) error {
	guard.Start(name)
	f := check()
	if f == nil {
		if pass != "" {
			fmt.Fprintf(Output, "%s%s%s\n", green, pass, reset)
		}
		guard.End(name, true)
		return nil
	}
	msg := f.report()
	guard.End(name, false)
	if notebook.InCell() {
		// One message on one stream (stdout and stderr are separate pipes, which
		// GoNB may show out of order): the cell's error, as a failed assert is.
		notebook.Fail(msg + name + ": this exercise is not right yet.")
	}
	io.WriteString(Output, msg)
	return f
}
