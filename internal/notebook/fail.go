package notebook

import (
	"fmt"
	"io"
	"os"
)

// Replaced by tests.
var (
	stderr io.Writer = os.Stderr
	exit             = os.Exit
)

// Fail ends a cell that hit a learner's mistake with the message alone: in a GoNB cell
// ([InCell]) it prints msg on stderr and exits with status 1, which GoNB shows as the
// cell's error; elsewhere it panics with msg.
//
// The Must helpers of this module are meant for notebook cells. A panic there would
// print a Go stack trace under the message, which tells a learner nothing. Outside a
// notebook (programs, tests) they panic, as Must functions conventionally do, so
// callers can recover.
func Fail(msg string) {
	if !InCell() {
		panic(msg)
	}
	fmt.Fprintln(stderr, msg)
	exit(1)
}

// Must returns v when err is nil, and otherwise ends the cell with err's message alone (see
// [Fail]). It is the body of every notebook-facing MustX function of this module:
//
//	func (m *Model) MustPredict(X mat.Matrix) *mat.Dense { return notebook.Must(m.Predict(X)) }
func Must[T any](v T, err error) T {
	if err != nil {
		Fail(err.Error())
	}
	return v
}
