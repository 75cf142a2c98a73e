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
}

// The double-double path must round as the 128-bit one does, and both stay
// within one unit in the last place of math.Log.
func TestLogPathsAgree(t *testing.T) {
	r := NewRandomState(3)
	undecided := 0
	for i := range 5000 {
		x := r.Float64()
		if i%4 == 0 {
			x = math.Ldexp(x+0.5, int(r.Interval(200))-100)
		}
		got := log(x)
		m, e := reduce(x)
		if want := bigLog(m, e); got != want {
			t.Fatalf("log(%v) = %v, at 128 bits %v", x, got, want)
		}
		if approx := math.Log(x); got != approx && math.Nextafter(got, approx) != approx {
			t.Fatalf("log(%v) = %v, math.Log %v: more than one ulp apart", x, got, approx)
		}
		v := ddAtanh2(ddDiv(dd{m - 1, 0}, twoSum(m, 1)))
		if e != 0 {
			v = ddAdd(v, ddMulFloat(ln2dd(), float64(e)))
		}
		if !decided(v) {
			undecided++
		}
	}
	if undecided > 5 {
		t.Errorf("%d of 5000 logs needed 128 bits; the double-double path is not doing its work", undecided)
	}
}

func BenchmarkLog(b *testing.B) {
	r := NewRandomState(1)
	xs := r.RandomSample(1024)
	i := 0
	for b.Loop() {
		log(xs[i%len(xs)])
		i++
	}
}
