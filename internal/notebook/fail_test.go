package notebook

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestFailPanicsOutsideACell(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	defer func() {
		if r := recover(); r != "model not trained" {
			t.Errorf("recovered %v, want the message", r)
		}
	}()
	Fail("model not trained")
	t.Error("Fail returned")
}

func TestFailInACellPrintsAndExits(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", t.TempDir())
	var out bytes.Buffer
	code := -1
	stderr, exit = &out, func(c int) { code = c; panic("exited") }
	defer func() { stderr, exit = os.Stderr, os.Exit }()
	func() {
		defer func() { recover() }()
		Fail("model not trained: run the cell with Fit first")
	}()
	if code != 1 || out.String() != "model not trained: run the cell with Fit first\n" {
		t.Errorf("exit code %d, stderr %q", code, out.String())
	}
}

// The real thing: a process that fails like a cell prints no stack trace.
func TestFailInACellProcess(t *testing.T) {
	if os.Getenv("NOTEBOOK_TEST_CHILD") == "1" {
		Fail("the learner's message")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFailInACellProcess$")
	cmd.Env = append(os.Environ(), "NOTEBOOK_TEST_CHILD=1", "GONB_TMP_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("child exited with %v, want status 1\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), "the learner's message\n") || strings.Contains(string(out), "goroutine") {
		t.Errorf("child printed %q, want the message and no stack trace", out)
	}
}

func TestMust(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	if got := Must(42, nil); got != 42 {
		t.Errorf("Must(42, nil) = %d", got)
	}
	defer func() {
		if r := recover(); r != "nn: model not trained" {
			t.Errorf("recovered %v, want the error's message", r)
		}
	}()
	Must(0, errors.New("nn: model not trained"))
	t.Error("Must returned on an error")
}
