// Package cellerr ends a notebook cell that hit a learner's mistake (a model used
// before training, a data file that is wrong) with the message alone.
//
// The Must helpers of this module are meant for notebook cells. A panic there would
// print a Go stack trace under the message, which tells a learner nothing; in a GoNB
// cell, Fail prints the message on stderr and ends the cell's program with status 1,
// which GoNB shows as the cell's error. Outside a notebook (programs, tests) Fail
// panics, as Must functions conventionally do, so callers can recover.
package cellerr

import (
	"fmt"
	"io"
	"os"
)

// InCell reports whether this process is a GoNB cell: GoNB sets GONB_TMP_DIR in the
// environment of every cell it runs.
func InCell() bool { return os.Getenv("GONB_TMP_DIR") != "" }

// Replaced by tests.
var (
	stderr io.Writer = os.Stderr
	exit             = os.Exit
)

// Fail reports msg and stops: in a GoNB cell it prints msg on stderr and exits with
// status 1; elsewhere it panics with msg.
func Fail(msg string) {
	if !InCell() {
		panic(msg)
	}
	fmt.Fprintln(stderr, msg)
	exit(1)
}
