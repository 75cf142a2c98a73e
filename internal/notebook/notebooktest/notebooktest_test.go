package notebooktest_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/display"
	"github.com/mlspec-go/nnlab/internal/notebook/notebooktest"
)

// picture stands for a PNG: GoNB passes the bytes on as they are.
var picture = []byte("\x89PNG picture")

func TestMain(m *testing.M) {
	notebooktest.Main(m, map[string]func() error{
		"show": func() error {
			return display.Show(os.Stderr, "pics", errors.New("pics: not in a notebook"), func() ([]byte, error) { return picture, nil })
		},
		"oops": func() error {
			if err := display.DisplayPNG(picture); err != nil {
				return err
			}
			return errors.New("pics: oops")
		},
		"exit": func() error { os.Exit(3); return nil },
	})
}

// A cell that shows a picture sends it, then its sync request, which RunCell answers.
func TestRunCell(t *testing.T) {
	msgs, err := notebooktest.RunCell(t, "show")
	if err != nil {
		t.Fatal(err)
	}
	if pngs := notebooktest.PNGs(msgs); len(pngs) != 1 || !bytes.Equal(pngs[0], picture) {
		t.Errorf("the cell displayed %q, want the picture once", pngs)
	}
	if len(msgs) != 2 {
		t.Fatalf("the cell sent %d messages, want the picture and a sync request", len(msgs))
	}
	if _, ok := notebooktest.SyncRequest(msgs[0]); ok {
		t.Error("the picture is taken for a sync request")
	}
	if _, ok := notebooktest.SyncRequest(msgs[1]); !ok {
		t.Errorf("second message is %v, want a sync request", msgs[1].Data)
	}
}

// A cell that fails, or returns an error, is an error of RunCell's, which quotes the
// cell's output.
func TestRunCellFails(t *testing.T) {
	for name, want := range map[string]string{
		"exit": "exit status 3",
		"oops": "oops returned: pics: oops",
		"none": `no cell "none"`,
	} {
		msgs, err := notebooktest.RunCell(t, name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("RunCell(%q): %v, want an error with %q", name, err, want)
		}
		if name == "oops" && len(notebooktest.PNGs(msgs)) != 1 {
			t.Errorf("RunCell(%q) returned %d messages, want the picture shown before the error", name, len(msgs))
		}
	}
}

func TestCapture(t *testing.T) {
	var w io.Writer = os.Stderr
	t.Run("captured", func(t *testing.T) {
		buf := notebooktest.Capture(t, &w)
		fmt.Fprint(w, "printed")
		if buf.String() != "printed" {
			t.Errorf("captured %q, want %q", buf.String(), "printed")
		}
	})
	if w != os.Stderr {
		t.Errorf("after the test the writer is %v, want os.Stderr back", w)
	}
}
