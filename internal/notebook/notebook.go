// Package notebook is the one place that knows this program may be a GoNB notebook
// cell, and what GoNB and Jupyter tell a cell: whether it runs in one ([InCell]), the
// kernel session's temporary directory ([TempDir]), which notebook it belongs to
// ([Identity]) and how to end the cell on a learner's mistake with the message alone
// ([Fail], [Must]). Showing a picture in the cell is package internal/display's job,
// which links GoNB's gonbui; this package links only GoNB's protocol constants, so
// that a package such as autils does not carry the display machinery.
//
// GoNB compiles each cell into a program and runs it as a new process, with these in
// its environment: GONB_TMP_DIR (a directory that lives as long as the kernel), the
// paths of the pipes gonbui displays through, and what the kernel got from Jupyter,
// among it JPY_SESSION_NAME (the notebook's path, jupyter_server >= 2).
package notebook

import (
	"fmt"
	"os"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// TempDirEnv is the variable GoNB sets in the environment of every cell it runs: its
// temporary directory for the kernel session.
const TempDirEnv = protocol.GONB_TMP_DIR_ENV

// StateDirEnv is the variable that, when set, is the folder helpers/nn keeps the
// trained models in, so that a later cell finds the weights an earlier one trained
// (otherwise os.UserCacheDir()/nnlab/models). The tests set it to a temporary folder.
const StateDirEnv = "NNLAB_STATE_DIR"

// PathEnv is the variable Jupyter (jupyter_server >= 2) sets in the kernel's
// environment to the notebook's path, which GoNB passes on to the cell programs.
const PathEnv = "JPY_SESSION_NAME"

// InCell reports whether this process is a GoNB cell: GoNB sets GONB_TMP_DIR in the
// environment of every cell it runs.
func InCell() bool { return TempDir() != "" }

// TempDir returns GoNB's temporary directory ($GONB_TMP_DIR), which lives as long as
// the kernel: a place to remember something from one cell to the next within a kernel
// session. It returns "" outside a cell.
func TempDir() string { return os.Getenv(TempDirEnv) }

// Identity names the notebook this process belongs to: its working directory (GoNB
// runs a cell in the notebook's folder) and the notebook's path as Jupyter gives it
// ("" when not run by Jupyter, for instance in a program or a test).
func Identity() (dir, path string, err error) {
	dir, err = os.Getwd()
	if err != nil {
		return "", "", fmt.Errorf("reading the working directory: %w", err)
	}
	return dir, os.Getenv(PathEnv), nil
}
