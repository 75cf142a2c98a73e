//go:build linux || darwin

package digitplot

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// childMode makes the test binary act as a notebook cell calling Show
// (see TestShowSendsPNGToGoNB and TestShowReportsBrokenPipe).
const childEnv = "DIGITPLOT_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		err := Show([][]float64{letterL, letterL}, []string{"1", "1"}, 1, 2, "Label")
		fmt.Printf("Show returned: %v\n", err)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runCell runs the test binary as a cell program with the given environment.
func runCell(t *testing.T, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, childEnv+"=1")...)
	return cmd
}

// Plays GoNB's side of the pipes: Show must send one DisplayData message
// holding the figure as image/png.
func TestShowSendsPNGToGoNB(t *testing.T) {
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "pipe"), filepath.Join(dir, "pipe_back")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
	}
	cmd := runCell(t, protocol.GONB_PIPE_ENV+"="+toKernel, protocol.GONB_PIPE_BACK_ENV+"="+fromKernel)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	got := make(chan *protocol.DisplayData, 1)
	go func() {
		r, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
		if err != nil {
			t.Error(err)
			got <- nil
			return
		}
		defer r.Close()
		w, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
			got <- nil
			return
		}
		defer w.Close()
		dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
		msg := &protocol.DisplayData{}
		if err := dec.Decode(msg); err != nil {
			t.Errorf("decoding the message from the cell: %v", err)
			got <- nil
			return
		}
		// Show then waits until GoNB has taken the figure (gonbui.Sync): answer its
		// sync request as GoNB does, with an acknowledgement carrying the same id.
		sync := &protocol.DisplayData{}
		if err := dec.Decode(sync); err != nil {
			t.Errorf("decoding the sync request from the cell: %v", err)
			got <- nil
			return
		}
		var req protocol.CommValue
		switch v := sync.Data[protocol.MIMECommValue].(type) {
		case protocol.CommValue: // gob hands back the registered value type
			req = v
		case *protocol.CommValue:
			req = *v
		}
		if req.Address != protocol.GonbuiSyncAddress {
			t.Errorf("second message is %v, want Show's sync request", sync.Data)
			got <- nil
			return
		}
		if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: req.Value}); err != nil {
			t.Errorf("acknowledging the sync: %v", err)
		}
		got <- msg
	}()

	var msg *protocol.DisplayData
	select {
	case msg = <-got:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("no message from the cell program; its output:\n%s", out.String())
	}
	if err := <-done; err != nil {
		t.Fatalf("cell program failed: %v\n%s", err, out.String())
	}
	if msg == nil {
		t.FailNow()
	}
	if !strings.Contains(out.String(), "Show returned: <nil>") {
		t.Errorf("cell program output %q, want Show to return nil", out.String())
	}
	data, ok := msg.Data[protocol.MIMEImagePNG].([]byte)
	if !ok {
		t.Fatalf("message has no image/png bytes: %v", msg.Data)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the displayed PNG does not decode: %v", err)
	}
	l := newLayout(1, 2, 20, true, "Label", Size{})
	if cfg.Width != l.width || cfg.Height != l.height {
		t.Errorf("displayed PNG is %dx%d, want %dx%d", cfg.Width, cfg.Height, l.width, l.height)
	}
}

// A kernel pipe that cannot be opened is reported, not a crash.
func TestShowReportsBrokenPipe(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-pipe")
	cmd := runCell(t, protocol.GONB_PIPE_ENV+"="+missing, protocol.GONB_PIPE_BACK_ENV+"="+missing+"_back")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cell program failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Show returned: digitplot: sending the figure to GoNB") {
		t.Errorf("cell program output %q, want Show to report the pipe error", out)
	}
}
