package autils

import (
	"math"
	"testing"
)

func TestSigmoid(t *testing.T) {
	for _, tc := range []struct{ z, want float64 }{
		{0, 0.5},
		{1, 0.7310585786300049},
		{-1, 0.2689414213699951},
		{40, 1 - 4.248354255291589e-18},
		{-40, 4.248354255291589e-18},
		{-1000, 0}, // no overflow to NaN
		{1000, 1},
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
	} {
		if got := Sigmoid(tc.z); math.Abs(got-tc.want) > 1e-15*math.Max(1, math.Abs(tc.want)) || math.IsNaN(got) {
			t.Errorf("Sigmoid(%v) = %v, want %v", tc.z, got, tc.want)
		}
	}
	// Symmetry: sigmoid(-z) = 1 - sigmoid(z).
	for _, z := range []float64{0.1, 0.5, 3, 7.5} {
		if d := Sigmoid(-z) - (1 - Sigmoid(z)); math.Abs(d) > 1e-15 {
			t.Errorf("Sigmoid(%v) + Sigmoid(%v) - 1 = %v", -z, z, d)
		}
	}
	if got := Sigmoid(-40); got == 0 {
		t.Error("Sigmoid(-40) underflowed to 0")
	}
}
