package exercise

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/guard"
)

func TestCallSurvivesTheLearnersCode(t *testing.T) {
	old := CallTimeout
	CallTimeout = 200 * time.Millisecond
	defer func() { CallTimeout = old }()

	if v, err := call(func() int { return 42 }); v != 42 || err != nil {
		t.Errorf("call(return 42) = %v, %v", v, err)
	}
	if _, err := call(func() int { panic("boom") }); err == nil || !strings.Contains(err.Error(), "a panic: boom") {
		t.Errorf("call(panic) = %v", err)
	}
	if _, err := call(func() int { var p *int; return *p }); err == nil || !strings.Contains(err.Error(), "a panic: ") {
		t.Errorf("call(nil dereference) = %v", err)
	}
	if _, err := call(func() int { runtime.Goexit(); return 1 }); err == nil || !strings.Contains(err.Error(), "Goexit") {
		t.Errorf("call(Goexit) = %v", err)
	}
	block := make(chan int) // never written: the call hangs, as an endless loop would
	defer close(block)
	if _, err := call(func() int { return <-block }); !errors.Is(err, errTimeout) {
		t.Errorf("call(hang) = %v, want errTimeout", err)
	}
}

func TestCheckDenseFailsAHang(t *testing.T) {
	quiet(t)
	old := CallTimeout
	CallTimeout = 200 * time.Millisecond
	defer func() { CallTimeout = old }()
	block := make(chan struct{})
	defer close(block)
	err := CheckDense(func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
		<-block
		return nil
	})
	var f *Failure
	if !errors.As(err, &f) || !strings.Contains(f.Hint, "loop") {
		t.Errorf("CheckDense(hang) = %v, want a failure hinting at a loop", err)
	}
}

// The cell-program scenarios of the guard tests, run in a child process of
// the test binary (see TestGuardInAProcess).
var guardScenarios = map[string]func(){
	"pass": func() { CheckDense(myDense) },
	"wrong answer": func() {
		CheckDense(func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			return myDense(a, W, mat.NewVecDense(b.Len(), nil), g)
		})
	},
	// os.Exit(0) inside the graded function, after forging the success line.
	"exit in the function": func() {
		CheckDense(func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			os.Stdout.WriteString(PassMessage + "\n")
			os.Exit(0)
			return nil
		})
	},
	// os.Exit(0) before the check, as a graded declaration initialised at
	// start-up would do.
	"exit before the check": func() {
		os.Stdout.WriteString(PassMessage + "\n")
		os.Exit(0)
	},
	// A second check (hidden cases) whose function ends the program after the
	// first check passed.
	"exit in the second check": func() {
		CheckDense(myDense)
		CheckDenseV(func(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
			os.Exit(0)
			return nil
		})
	},
	// A panic in a goroutine of the learner's: the program dies with a stack
	// trace and status 2.
	"panic in a goroutine": func() {
		CheckDense(func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			done := make(chan struct{})
			go func() { panic("skip the check") }()
			<-done
			return nil
		})
	},
}

const scenarioEnv = "EXERCISE_TEST_SCENARIO"

// TestGuardInAProcess runs each scenario as a GoNB cell program under nbgrader
// would run: a process with GONB_TMP_DIR and NBGRADER_EXECUTION set, its
// stdout and stderr read until every holder closes them (as GoNB reads them).
// The real thing, through GoNB and nbgrader, is in grading/.
func TestGuardInAProcess(t *testing.T) {
	if name := os.Getenv(scenarioEnv); name != "" {
		guardScenarios[name]()
		os.Exit(0)
	}
	tmp := t.TempDir()
	for name, want := range map[string]struct {
		status int
		stdout string // a fragment of stdout
		stderr string // a fragment of stderr ("" = stderr must be empty)
	}{
		"pass":                     {0, PassMessage, ""},
		"wrong answer":             {1, "", "hint:     check the bias term"},
		"exit in the function":     {0, PassMessage, "ended while the check of MyDense was running"},
		"exit before the check":    {0, PassMessage, "ended before its check ran"},
		"exit in the second check": {0, PassMessage, "ended while the check of MyDenseV was running"},
		"panic in a goroutine":     {2, "", "skip the check"},
	} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestGuardInAProcess$")
			cmd.Env = append(os.Environ(), scenarioEnv+"="+name, "GONB_TMP_DIR="+tmp, guard.GradingEnv+"=autograde")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			if ee, ok := err.(*exec.ExitError); ok {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != want.status || !strings.Contains(stdout.String(), want.stdout) ||
				(want.stderr == "") != (stderr.Len() == 0) || !strings.Contains(stderr.String(), want.stderr) {
				t.Errorf("status %d, stdout %q, stderr %q; want status %d, stdout with %q, stderr with %q",
					status, stdout.String(), stderr.String(), want.status, want.stdout, want.stderr)
			}
			if want.status == 1 && strings.Contains(stderr.String(), "goroutine ") {
				t.Errorf("a failed check shows a stack trace:\n%s", stderr.String())
			}
		})
	}
	// Outside grading (a learner running the cell), there is no guard.
	cmd := exec.Command(os.Args[0], "-test.run=^TestGuardInAProcess$")
	cmd.Env = append(os.Environ(), scenarioEnv+"=exit before the check", "GONB_TMP_DIR="+tmp, guard.GradingEnv+"=")
	if out, err := cmd.CombinedOutput(); err != nil || string(out) != PassMessage+"\n" {
		t.Errorf("without nbgrader: %v, output %q", err, out)
	}
}
