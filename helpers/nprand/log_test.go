package nprand

import (
	"math"
	"testing"
)

func TestLogCorrectlyRounded(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{1, 0},
		{2, 0.6931471805599453},
		{0.5, -0.6931471805599453},
		{10, 2.302585092994046},
		{0.1, -2.3025850929940455},
		{math.E, 1},
		{1e-300, -690.7755278982137},
	} {
		if got := log(c.x); got != c.want {
			t.Errorf("log(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	// Within one unit in the last place of Go's math.Log everywhere else.
	r := NewRandomState(3)
	for range 2000 {
		x := r.Float64()
		got, approx := log(x), math.Log(x)
		if got != approx && math.Nextafter(got, approx) != approx {
			t.Fatalf("log(%v) = %v, math.Log %v: more than one ulp apart", x, got, approx)
		}
	}
}
