// Package notebooktest plays GoNB's side of a notebook cell in tests, as net/http/httptest
// plays a web client's: it runs the test binary again as a cell program ([Main],
// [CellCommand]), serves the named pipes GoNB shows displays through and answers the
// cell's sync requests ([RunCell]), and captures what a package prints on its standard
// error ([Capture]).
//
// A package's cells are functions that its TestMain hands to [Main]; a test runs one by
// name, in a process of its own, as GoNB runs a cell:
//
//	func TestMain(m *testing.M) {
//		notebooktest.Main(m, map[string]func() error{
//			"Show": func() error { return Show(picture) },
//		})
//	}
//
//	func TestShow(t *testing.T) {
//		msgs, err := notebooktest.RunCell(t, "Show")
//		...
//	}
package notebooktest

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// CellEnv is the variable that makes the test binary a cell program: [Main] runs the
// cell it names instead of the tests.
const CellEnv = "NOTEBOOKTEST_CELL"

// Timeout is how long [RunCell] waits for a cell program to end before it kills it.
const Timeout = 60 * time.Second

// Main is the body of the TestMain of a package whose tests run cells. When the
// environment names a cell ([CellEnv]), the process is that cell: Main runs the cell's
// function from cells, prints what it returned as the line "<name> returned: <error>"
// on standard output ([Returned]), and exits with status 0, or 2 if cells has no such
// cell. Otherwise Main runs the tests and exits with their status.
func Main(m *testing.M, cells map[string]func() error) {
	name := os.Getenv(CellEnv)
	if name == "" {
		os.Exit(m.Run())
	}
	cell, ok := cells[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "notebooktest: the test binary has no cell %q\n", name)
		os.Exit(2)
	}
	fmt.Println(Returned(name, cell()))
	os.Exit(0)
}

// Returned is the line [Main] prints when the cell name has returned err.
func Returned(name string, err error) string {
	return fmt.Sprintf("%s returned: %v", name, err)
}

// Capture sets *w, a package's standard error, to a new buffer until t ends, and returns
// the buffer: what the package prints there during the test.
func Capture(t testing.TB, w *io.Writer) *bytes.Buffer {
	t.Helper()
	old := *w
	var buf bytes.Buffer
	*w = &buf
	t.Cleanup(func() { *w = old })
	return &buf
}

// CellCommand returns a command that runs this test binary again as the cell name of
// its [Main], selecting no test, with env ("NAME=value") added to the environment.
func CellCommand(name string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), CellEnv+"="+name), env...)
	return cmd
}

// PipeEnv returns the environment that points a cell program at GoNB's named pipes:
// toKernel, which the cell writes its displays to, and fromKernel, which it reads the
// kernel's answers from.
func PipeEnv(toKernel, fromKernel string) []string {
	return []string{protocol.GONB_PIPE_ENV + "=" + toKernel, protocol.GONB_PIPE_BACK_ENV + "=" + fromKernel}
}

// RunCell runs the cell name of the test binary's [Main] ([CellCommand]) with no browser
// behind the kernel, as in a headless run: it makes GoNB's two named pipes in a
// temporary directory of t, points the cell at them ([PipeEnv]), reads every message
// the cell sends until it closes its pipe, answers its sync requests ([SyncRequest]) as
// GoNB does, and nothing else, and waits for the cell to end. It returns the messages
// in the order sent.
//
// It skips t if this system cannot make named pipes. The error, which quotes the
// cell's output, says if the cell could not start, failed, did not end within
// [Timeout] (it is then killed), broke the pipes, or returned an error itself.
func RunCell(t testing.TB, name string) ([]*protocol.DisplayData, error) {
	t.Helper()
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "pipe"), filepath.Join(dir, "pipe_back")
	for _, p := range []string{toKernel, fromKernel} {
		if err := mkfifo(p); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
	}
	cmd := CellCommand(name, PipeEnv(toKernel, fromKernel)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	msgs, err := run(cmd, toKernel, fromKernel)
	if err == nil && !strings.Contains(out.String(), Returned(name, nil)) {
		err = fmt.Errorf("the cell %s did not return nil", name)
	}
	if err != nil {
		return msgs, fmt.Errorf("%w; the cell's output:\n%s", err, out.String())
	}
	return msgs, nil
}

// run starts cmd, plays the kernel's side of the pipes and waits for cmd to end.
func run(cmd *exec.Cmd, toKernel, fromKernel string) ([]*protocol.DisplayData, error) {
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the cell program: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	type result struct {
		msgs []*protocol.DisplayData
		err  error
	}
	played := make(chan result, 1)
	go func() {
		msgs, err := serve(toKernel, fromKernel)
		played <- result{msgs, err}
	}()

	select {
	case err := <-done:
		if err != nil {
			return nil, fmt.Errorf("cell program failed: %w", err)
		}
	case <-time.After(Timeout):
		_ = cmd.Process.Kill() // fails only if the program has just ended; Wait (done) reports that
		<-done
		return nil, fmt.Errorf("the cell program did not end within %v: it waits for a front end, or for an answer GoNB does not give", Timeout)
	}
	// The cell has ended, so its ends of the pipes are closed and serve returns at once,
	// unless the cell never opened them.
	select {
	case res := <-played:
		return res.msgs, res.err
	case <-time.After(5 * time.Second):
		return nil, errors.New("the cell program ended without opening GoNB's pipes: did it display anything?")
	}
}

// serve plays the kernel's side of the pipes until the cell closes toKernel.
func serve(toKernel, fromKernel string) ([]*protocol.DisplayData, error) {
	r, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("opening the pipe from the cell: %w", err)
	}
	defer r.Close()
	w, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("opening the pipe to the cell: %w", err)
	}
	defer w.Close()
	dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
	var msgs []*protocol.DisplayData
	for {
		msg := &protocol.DisplayData{}
		if err := dec.Decode(msg); errors.Is(err, io.EOF) {
			return msgs, nil // the cell ended and closed its pipe
		} else if err != nil {
			return msgs, fmt.Errorf("decoding message %d from the cell: %w", len(msgs)+1, err)
		}
		msgs = append(msgs, msg)
		if req, ok := SyncRequest(msg); ok {
			if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: req.Value}); err != nil {
				return msgs, fmt.Errorf("acknowledging the cell's sync request: %w", err)
			}
		}
	}
}

// SyncRequest reports whether msg is the cell's request to wait until GoNB has taken its
// displays (gonbui.Sync), which GoNB answers with an acknowledgement carrying the same
// value, and returns the request.
func SyncRequest(msg *protocol.DisplayData) (protocol.CommValue, bool) {
	var req protocol.CommValue
	switch v := msg.Data[protocol.MIMECommValue].(type) {
	case protocol.CommValue: // gob hands back the registered value type
		req = v
	case *protocol.CommValue:
		req = *v
	default:
		return req, false
	}
	return req, req.Address == protocol.GonbuiSyncAddress
}

// PNGs returns the PNG images among msgs (their image/png data), in the order sent.
func PNGs(msgs []*protocol.DisplayData) [][]byte {
	var pngs [][]byte
	for _, m := range msgs {
		if b, ok := m.Data[protocol.MIMEImagePNG].([]byte); ok {
			pngs = append(pngs, b)
		}
	}
	return pngs
}
