//go:build linux || darwin

package digitplot

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/notebook/notebooktest"
)

// The test binary's cell (see TestShowSendsPNGToGoNB and TestShowReportsBrokenPipe).
func TestMain(m *testing.M) {
	notebooktest.Main(m, map[string]func() error{
		"Show": func() error { return Show([][]float64{letterL, letterL}, []string{"1", "1"}, 1, 2, "Label") },
	})
}

// Plays GoNB's side of the pipes: Show must send one DisplayData message
// holding the figure as image/png, then wait until GoNB has taken it.
func TestShowSendsPNGToGoNB(t *testing.T) {
	msgs, err := notebooktest.RunCell(t, "Show")
	if err != nil {
		t.Fatal(err)
	}
	pngs := notebooktest.PNGs(msgs)
	if len(msgs) != 2 || len(pngs) != 1 {
		t.Fatalf("the cell sent %d messages, %d of them PNGs; want the figure and a sync request", len(msgs), len(pngs))
	}
	if _, ok := notebooktest.SyncRequest(msgs[1]); !ok {
		t.Errorf("second message is %v, want Show's sync request", msgs[1].Data)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(pngs[0]))
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
	out, err := notebooktest.CellCommand("Show", notebooktest.PipeEnv(missing, missing+"_back")...).CombinedOutput()
	if err != nil {
		t.Fatalf("cell program failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Show returned: digitplot: sending the figure to GoNB") {
		t.Errorf("cell program output %q, want Show to report the pipe error", out)
	}
}
