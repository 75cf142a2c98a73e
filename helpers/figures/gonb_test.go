//go:build linux || darwin

package figures

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/mlspec-go/nnlab/internal/notebook/notebooktest"
)

// The test binary's cell (see TestShowSoftmaxHeadless).
func TestMain(m *testing.M) {
	notebooktest.Main(m, map[string]func() error{
		"ShowSoftmax": func() error { return ShowSoftmax(softmax) },
	})
}

// Plays GoNB's side of the pipes with no browser behind it, as in a headless
// run: ShowSoftmax must send the static PNG, ask for the display to be
// synced, and end; no widget, subscription or read request waits for a
// front end that never answers.
func TestShowSoftmaxHeadless(t *testing.T) {
	msgs, err := notebooktest.RunCell(t, "ShowSoftmax")
	if err != nil {
		t.Fatalf("ShowSoftmax without a browser: %v", err)
	}
	for _, m := range msgs {
		for mime := range m.Data {
			if mime != protocol.MIMEImagePNG && mime != protocol.MIMECommValue { // the figure, the sync request
				t.Errorf("ShowSoftmax sent %s: want only the PNG and the sync (no widget, no subscription)", mime)
			}
		}
	}
	pngs := notebooktest.PNGs(msgs)
	if len(pngs) != 1 {
		t.Fatalf("ShowSoftmax displayed %d PNGs, want 1", len(pngs))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(pngs[0]))
	if err != nil || cfg.Width != 800 || cfg.Height != 400 {
		t.Errorf("displayed PNG: %dx%d, %v; want the 800x400 softmax figure", cfg.Width, cfg.Height, err)
	}
}
