package display

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

var errNotHere = errors.New("pics: not running in a GoNB notebook, figure not displayed")

// Show prints every error it returns, and turns a panic into one.
func TestShowErrors(t *testing.T) {
	if CanDisplay() {
		t.Skip("running under GoNB")
	}
	bad := errors.New("pics: rows and cols must be positive")
	for _, tc := range []struct {
		name   string
		render func() ([]byte, error)
		want   string
	}{
		{"render fails", func() ([]byte, error) { return nil, bad }, bad.Error()},
		{"render panics", func() ([]byte, error) { panic("TODO") }, "pics: drawing failed: TODO"},
		{"no notebook", func() ([]byte, error) { return []byte("\x89PNG"), nil }, errNotHere.Error()},
	} {
		var w bytes.Buffer
		err := Show(&w, "pics", errNotHere, tc.render)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: Show returned %v, want %q", tc.name, err, tc.want)
		}
		if got := strings.TrimSuffix(w.String(), "\n"); got != tc.want {
			t.Errorf("%s: Show printed %q, want %q", tc.name, w.String(), tc.want)
		}
	}
	if err := Show(&bytes.Buffer{}, "pics", errNotHere, func() ([]byte, error) { return nil, nil }); err != errNotHere {
		t.Errorf("outside GoNB: Show returned %v, want the caller's own error", err)
	}
}

// Outside GoNB there is nowhere to show a picture, and DisplayPNG says so. (Showing one
// for real is tested in notebooktest, helpers/digitplot and helpers/figures, with GoNB's pipes
// played by notebooktest.)
func TestDisplayPNGOutsideNotebook(t *testing.T) {
	if os.Getenv(protocol.GONB_PIPE_ENV) != "" {
		t.Skip("running under GoNB")
	}
	if CanDisplay() {
		t.Error("CanDisplay() is true without GoNB's pipes")
	}
	if err := DisplayPNG([]byte("\x89PNG")); err != ErrNoDisplay {
		t.Errorf("DisplayPNG outside GoNB: %v, want ErrNoDisplay", err)
	}
}
