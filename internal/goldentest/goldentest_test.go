package goldentest

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// recorder is a testing.TB whose Fatalf records the failure and ends the goroutine, as the
// real one does.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	runtime.Goexit()
}

// fails reports whether f failed the test it was given.
func fails(f func(t testing.TB)) bool {
	r := &recorder{}
	done := make(chan struct{})
	go func() { defer close(done); f(r) }()
	<-done
	return r.failed
}

func TestComparisons(t *testing.T) {
	negZero := math.Copysign(0, -1)
	for _, c := range []struct {
		name string
		f    func(t testing.TB)
		fail bool
	}{
		{"same bits", func(t testing.TB) { SameBits(t, "numpy", "x", []float64{1, 0.1}, []float64{1, 0.1}) }, false},
		{"-0 is not 0 bit for bit", func(t testing.TB) { SameBits(t, "numpy", "x", []float64{negZero}, []float64{0}) }, true},
		{"one ulp off", func(t testing.TB) { SameBits(t, "numpy", "x", []float64{math.Nextafter(1, 2)}, []float64{1}) }, true},
		{"shorter", func(t testing.TB) { SameBits(t, "numpy", "x", []float64{1}, []float64{1, 2}) }, true},
		{"same ints", func(t testing.TB) { SameInts(t, "numpy", "i", []int{3, 1}, []int64{3, 1}) }, false},
		{"other int", func(t testing.TB) { SameInts(t, "numpy", "i", []int{3, 2}, []int64{3, 1}) }, true},
		{"longer ints", func(t testing.TB) { SameInts(t, "numpy", "i", []int64{3, 1, 0}, []int{3, 1}) }, true},
		{"near, relative", func(t testing.TB) { Near(t, "sklearn", "y", []float64{100.0005}, []float64{100}, 1e-5, 0) }, false},
		{"too far", func(t testing.TB) { Near(t, "sklearn", "y", []float64{100.01}, []float64{100}, 1e-5, 0) }, true},
		{"near zero, absolute", func(t testing.TB) { Near(t, "sklearn", "y", []float64{1e-9}, []float64{0}, 0, 1e-8) }, false},
		{"NaN is never near", func(t testing.TB) { Near(t, "sklearn", "y", []float64{math.NaN()}, []float64{1}, 1, 1) }, true},
	} {
		if got := fails(c.f); got != c.fail {
			t.Errorf("%s: failed %v, want %v", c.name, got, c.fail)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.json"), filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, []byte(`{"version": "2.4.6", "values": [1, 2.5]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`{"values": [1,`), 0o644); err != nil {
		t.Fatal(err)
	}
	type file struct {
		Version string    `json:"version"`
		Values  []float64 `json:"values"`
	}
	g := Load[file](t, good)
	if g.Version != "2.4.6" || len(g.Values) != 2 || g.Values[1] != 2.5 {
		t.Errorf("Load = %+v", g)
	}
	if !fails(func(t testing.TB) { Load[file](t, bad) }) {
		t.Error("Load of a truncated file did not fail")
	}
	if !fails(func(t testing.TB) { Load[file](t, filepath.Join(dir, "missing.json")) }) {
		t.Error("Load of a missing file did not fail")
	}
}
