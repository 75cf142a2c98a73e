// Package canvastest checks pictures against golden PNG files with a tolerance,
// as gonum/plot checks its own (gonum.org/v1/plot/cmpimg): two pictures match
// when they have the same size and every pixel's colour is within Delta of the
// golden's in the YIQ colour space, so that a rasteriser's rounding (a
// fused multiply-add on another CPU, say) passes while a moved line, a lost
// label or a changed colour fails.
//
// Run the tests with -regen (cmpimg's flag) to rewrite the goldens from the
// pictures the code draws now; look at them before committing. A mismatch
// writes the picture drawn as testdata/NAME.got.png, next to the golden, for
// inspection.
package canvastest

import (
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// Delta is the tolerance of Golden, cmpimg's normalised colour distance per
// pixel: 0.05 lets a gray level move by about 13 of 255.
const Delta = 0.05

// Golden compares got, a PNG, with testdata/name.png within Delta; with
// -regen it writes got there instead.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	gotPath := filepath.Join("testdata", name+".got.png")
	if *cmpimg.GenerateTestData {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		_ = os.Remove(gotPath)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run the test with -regen to write the golden)", name, err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, Delta)
	if err != nil {
		t.Fatalf("%s: comparing with %s: %v", name, path, err)
	}
	if ok {
		_ = os.Remove(gotPath)
		return
	}
	if err := os.WriteFile(gotPath, got, 0o644); err != nil {
		t.Fatalf("%s: the picture differs from %s, and writing it failed: %v", name, path, err)
	}
	t.Errorf("%s: the picture differs from %s beyond the tolerance %g: see %s (rerun with -regen if the change is meant)", name, path, Delta, gotPath)
}
