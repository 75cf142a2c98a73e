// Package goldentest reads the golden files that the reference tools write (numpy,
// scikit-learn: each package's testdata/make_golden.py, run at a pinned version) and compares
// a port's results with them, for the tests of the packages that port those tools (nprand,
// sklearn, labdata). Each comparison fails the test at the first difference, saying where and
// which tool gave the value (source).
package goldentest

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// Load decodes the JSON file at path into a new T, failing the test when the file cannot be
// read or decoded (regenerate it with the make_golden.py beside it).
func Load[T any](t testing.TB, path string) *T {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden file: %v", err)
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decoding %s: %v (regenerate it with the make_golden.py beside it)", path, err)
	}
	return v
}

// SameBits fails the test unless got has want's length and every value has the same bits.
func SameBits(t testing.TB, source, what string, got, want []float64) {
	t.Helper()
	sameLen(t, source, what, len(got), len(want))
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s[%d] = %v, want %v (%s)", what, i, got[i], want[i], source)
		}
	}
}

// SameInts fails the test unless got has want's length and the same values.
func SameInts[G, W int | int64](t testing.TB, source, what string, got []G, want []W) {
	t.Helper()
	sameLen(t, source, what, len(got), len(want))
	for i := range want {
		if int64(got[i]) != int64(want[i]) {
			t.Fatalf("%s[%d] = %d, want %d (%s)", what, i, got[i], want[i], source)
		}
	}
}

// Near fails the test unless got has want's length and every value is within
// rtol·|want| + atol of want's.
func Near(t testing.TB, source, what string, got, want []float64, rtol, atol float64) {
	t.Helper()
	sameLen(t, source, what, len(got), len(want))
	for i := range want {
		if d := math.Abs(got[i] - want[i]); !(d <= rtol*math.Abs(want[i])+atol) {
			t.Fatalf("%s[%d] = %v, want %v (%s; off by %.3g)", what, i, got[i], want[i], source, d)
		}
	}
}

func sameLen(t testing.TB, source, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: %d values, want %d (%s)", what, got, want, source)
	}
}
