//go:build linux || darwin

package figures

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

// childEnv makes the test binary act as a notebook cell calling ShowSoftmax.
const childEnv = "FIGURES_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		err := ShowSoftmax(softmax)
		fmt.Printf("ShowSoftmax returned: %v\n", err)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Plays GoNB's side of the pipes with no browser behind it, as in a headless
// run: ShowSoftmax must send the static PNG, ask for the display to be
// synced, and end; no widget, subscription or read request waits for a
// front end that never answers.
func TestShowSoftmaxHeadless(t *testing.T) {
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "pipe"), filepath.Join(dir, "pipe_back")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), protocol.GONB_PIPE_ENV+"="+toKernel, protocol.GONB_PIPE_BACK_ENV+"="+fromKernel, childEnv+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	type result struct {
		msgs []*protocol.DisplayData
		err  error
	}
	got := make(chan result, 1)
	go func() {
		var res result
		defer func() { got <- res }()
		r, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
		if err != nil {
			res.err = err
			return
		}
		defer r.Close()
		w, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
		if err != nil {
			res.err = err
			return
		}
		defer w.Close()
		dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
		for {
			msg := &protocol.DisplayData{}
			if err := dec.Decode(msg); err != nil {
				return // the cell ended and closed its pipe
			}
			res.msgs = append(res.msgs, msg)
			// Answer only the sync request, as GoNB itself does.
			var req *protocol.CommValue
			switch v := msg.Data[protocol.MIMECommValue].(type) {
			case protocol.CommValue:
				req = &v
			case *protocol.CommValue:
				req = v
			}
			if req != nil && req.Address == protocol.GonbuiSyncAddress {
				if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: req.Value}); err != nil {
					res.err = err
					return
				}
			}
		}
	}()

	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("cell program failed: %v\n%s", err, out.String())
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("ShowSoftmax did not return within 60 s without a browser: it waits for a front end; output:\n%s", out.String())
	}
	res := <-got
	if res.err != nil {
		t.Fatal(res.err)
	}
	if !strings.Contains(out.String(), "ShowSoftmax returned: <nil>") {
		t.Errorf("cell output %q, want ShowSoftmax to return nil", out.String())
	}
	var pngs int
	for _, m := range res.msgs {
		for mime, v := range m.Data {
			switch mime {
			case protocol.MIMEImagePNG:
				pngs++
				cfg, err := png.DecodeConfig(bytes.NewReader(v.([]byte)))
				if err != nil || cfg.Width != 800 || cfg.Height != 400 {
					t.Errorf("displayed PNG: %dx%d, %v; want the 800x400 softmax figure", cfg.Width, cfg.Height, err)
				}
			case protocol.MIMECommValue:
				// the sync request
			default:
				t.Errorf("ShowSoftmax sent %s: want only the PNG and the sync (no widget, no subscription)", mime)
			}
		}
	}
	if pngs != 1 {
		t.Errorf("ShowSoftmax displayed %d PNGs, want 1", pngs)
	}
}
