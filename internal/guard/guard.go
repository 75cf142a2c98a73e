// Package guard is the grading guard of the lab's checks (helpers/exercise):
// while a notebook is graded, a second process watches each cell program that
// runs a check, and complains on stderr when that program ends before its
// check finished.
//
// It is internal to this module: a notebook's cells (a module of their own)
// cannot import it, so they cannot tell the guard that a check passed. The
// checks call Start and End; linking helpers/exercise into a cell program is
// what starts the guard.
package guard

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// The guard: while a notebook is graded, a second process watches each cell
// program that uses helpers/exercise, and complains on stderr when that program
// ends before its check finished.
//
// nbgrader scores a grade cell 0 when it shows an error or writes on stderr,
// and full points otherwise. A program that ends with status 0 and no output
// would therefore earn the points: os.Exit(0) inside a graded function (called
// by the check), or in a graded declaration (run at start-up by every later
// cell, before the check is even called), possibly after printing the success
// message itself. Nothing inside a process runs after os.Exit, so the watching
// happens outside it: at start-up (this package's init runs before the
// notebook's own declarations are initialised) the cell's program starts
// itself again as the guard, with the read end of a pipe. The program writes
// "start NAME" when a check begins and "pass NAME" or "fail NAME" when it
// ends. When the program ends, however it ends, the pipe closes; the guard
// then writes a line on the cell's stderr unless at least one check ran and
// every check that started also ended. GoNB waits for every holder of the
// cell's stderr before it finishes the cell, so that line is part of the
// cell's output.

const (
	// guardEnv marks the guard process (the cell's program started again).
	guardEnv = "NNLAB_EXERCISE_GUARD"
	// GradingEnv is set by nbgrader in the kernel's environment while it
	// executes a notebook ("autograde" or "validate"); GoNB passes it on to
	// the cell programs. The guard runs only then.
	GradingEnv = "NBGRADER_EXECUTION"
	// guardFD is the guard's file descriptor for the pipe (ExtraFiles[0]).
	guardFD = 3
)

// guardPipe is the write end of the pipe to the guard, or nil when no guard
// runs (outside grading, outside a cell, or the guard could not start).
var guardPipe *os.File

func init() {
	if os.Getenv(guardEnv) == "1" {
		os.Exit(runGuard(os.NewFile(guardFD, "guard pipe"), os.Stderr))
	}
	if notebook.InCell() && os.Getenv(GradingEnv) != "" && callsACheck(notebook.TempDir()) {
		startGuard()
	}
}

// callsACheck reports whether the cell's program calls a check: whether its
// source, the main.go that GoNB writes to its temporary folder dir, has a
// call ".Check" in or after func main. It assumes so when it cannot tell.
//
// The grade cells import helpers/exercise blank in their hidden tests, so that it
// is linked into the grade cell's program even if the notebook declares a name
// exercise of its own (the import of the real package would then be dropped as
// unused, and the declaration's fake checks would print the verdict). GoNB
// carries that import over to every later cell; this keeps the guard to the
// cells that call a check, where no check running is a failure.
func callsACheck(dir string) bool {
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		return true
	}
	i := bytes.Index(src, []byte("\nfunc main() {"))
	return i < 0 || bytes.Contains(src[i:], []byte(".Check"))
}

// startGuard starts this program again as the guard and keeps the pipe's
// write end. If that fails, the cell says so on stderr, which costs the
// cell its points: a check that cannot be watched cannot be trusted.
func startGuard() {
	fail := func(err error) {
		fmt.Fprintf(os.Stderr, "exercise: cannot start the grading guard: %v\n", err)
	}
	exe, err := os.Executable()
	if err != nil {
		fail(err)
		return
	}
	r, w, err := os.Pipe() // both ends close on exec: no other child inherits them
	if err != nil {
		fail(err)
		return
	}
	cmd := exec.Command(exe)
	cmd.Env = guardEnviron(os.Environ())
	cmd.ExtraFiles = []*os.File{r}
	cmd.Stderr = os.Stderr // the cell's stderr itself, not a copy
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		fail(err)
		return
	}
	r.Close()
	guardPipe = w
	// No Wait: the guard outlives this program by design, and exits as soon as
	// the pipe closes (when this program ends).
}

// guardEnviron returns env for the guard: marked as the guard, and without
// GoNB's pipes for rich output, which belong to the cell's program.
func guardEnviron(env []string) []string {
	out := []string{guardEnv + "=1"}
	for _, kv := range env {
		if strings.HasPrefix(kv, guardEnv+"=") || strings.HasPrefix(kv, "GONB_PIPE") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// Start tells the guard that the check name starts.
func Start(name string) { guardSend("start " + name) }

// End tells the guard that the check name ended, passed or not.
func End(name string, passed bool) {
	if passed {
		guardSend("pass " + name)
	} else {
		guardSend("fail " + name)
	}
}

func guardSend(line string) {
	if guardPipe != nil {
		// A write error means the guard is gone; it reports nothing then, and
		// the cell keeps its verdict.
		_, _ = io.WriteString(guardPipe, line+"\n")
	}
}

// runGuard reads the check events from pipe until it closes and writes the
// complaint, if any, to stderr. It returns the guard's exit status.
func runGuard(pipe io.Reader, stderr io.Writer) int {
	if msg := verdict(pipe); msg != "" {
		fmt.Fprintln(stderr, msg)
	}
	return 0
}

// verdict returns what the guard says about the events read from r: "" when at
// least one check ran and every check that started ended, else the complaint.
func verdict(r io.Reader) string {
	var started, open []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		event, name, _ := strings.Cut(sc.Text(), " ")
		switch event {
		case "start":
			started = append(started, name)
			open = append(open, name)
		case "pass", "fail":
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == name {
					open = append(open[:i], open[i+1:]...)
					break
				}
			}
		}
	}
	switch {
	case len(started) == 0:
		return "exercise: this cell's program ended before its check ran: something in the notebook " +
			"ended the program early (os.Exit in a graded cell?). The check counts as failed."
	case len(open) > 0:
		return fmt.Sprintf("exercise: this cell's program ended while the check of %s was running: "+
			"your code ended the program (os.Exit?) instead of returning. The check counts as failed.", open[0])
	}
	return ""
}
