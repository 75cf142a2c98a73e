package canvastest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(r) // ends the check; see golden
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// golden runs Golden with a recorder and returns what it reported.
func golden(name string, b []byte) (failed []string) {
	r := &recorder{}
	defer func() {
		if p := recover(); p != nil && p != any(r) {
			panic(p)
		}
		failed = r.failed
	}()
	Golden(r, name, b)
	return r.failed
}

// square is a gray PNG with a dark square of level ink.
func square(ink uint8) []byte {
	im := image.NewGray(image.Rect(0, 0, 20, 20))
	for y := range 20 {
		for x := range 20 {
			im.SetGray(x, y, color.Gray{Y: 255})
			if x > 5 && x < 15 && y > 5 && y < 15 {
				im.SetGray(x, y, color.Gray{Y: ink})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, im); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "sq.png"), square(40), 0o644); err != nil {
		t.Fatal(err)
	}
	got := filepath.Join("testdata", "sq.got.png")
	// A rasteriser's rounding passes, and leaves no picture behind.
	if failed := golden("sq", square(45)); len(failed) > 0 {
		t.Errorf("5 gray levels darker: %v", failed)
	}
	// A changed picture fails, and is written next to the golden.
	failed := golden("sq", square(200))
	if len(failed) != 1 || !strings.Contains(failed[0], "differs from testdata/sq.png") {
		t.Errorf("a light square: reported %q, want a difference", failed)
	}
	if b, err := os.ReadFile(got); err != nil || !bytes.Equal(b, square(200)) {
		t.Errorf("the differing picture is not in %s: %v", got, err)
	}
	// Bytes that are not a PNG fail, and a missing golden says how to write it.
	if failed := golden("sq", square(40)[:0]); len(failed) != 1 {
		t.Errorf("not a PNG: reported %q", failed)
	}
	if failed := golden("none", square(40)); len(failed) != 1 || !strings.Contains(failed[0], "-regen") {
		t.Errorf("no golden: reported %q, want a hint at -regen", failed)
	}
	if failed := golden("sq", square(40)); len(failed) > 0 {
		t.Errorf("the golden itself: %v", failed)
	}
	if _, err := os.Stat(got); !os.IsNotExist(err) {
		t.Errorf("a match left %s behind: %v", got, err)
	}
}
