package autils

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
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

func TestSigmoidMat(t *testing.T) {
	z := mat.NewDense(2, 3, []float64{-2, -1, 0, 1, 2, 3})
	got := SigmoidMat(z)
	if r, c := got.Dims(); r != 2 || c != 3 {
		t.Fatalf("result is %dx%d, want 2x3", r, c)
	}
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			if want := Sigmoid(z.At(i, j)); got.At(i, j) != want {
				t.Errorf("[%d, %d] = %v, want %v", i, j, got.At(i, j), want)
			}
		}
	}
	if z.At(0, 0) != -2 {
		t.Error("SigmoidMat modified its input")
	}
	// Works on any mat.Matrix, e.g. a transpose.
	if gt := SigmoidMat(z.T()); gt.At(2, 1) != Sigmoid(3) {
		t.Errorf("SigmoidMat(z.T())[2, 1] = %v, want %v", gt.At(2, 1), Sigmoid(3))
	}
}
