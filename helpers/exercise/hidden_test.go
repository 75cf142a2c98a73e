package exercise

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestHiddenChecks(t *testing.T) {
	buf := quiet(t)
	for range 20 { // random cases: pass every draw
		if err := CheckDenseHidden(myDense); err != nil {
			t.Fatalf("CheckDenseHidden(correct) = %v", err)
		}
		if err := CheckDenseVHidden(myDenseV); err != nil {
			t.Fatalf("CheckDenseVHidden(correct) = %v", err)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("passing hidden checks printed %q, want nothing", buf.String())
	}

	// An answer written for the visible cases only: it passes CheckDense and
	// fails the hidden cases.
	memorised := func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
		switch {
		case b.AtVec(0) == 0:
			return mat.NewVecDense(2, []float64{10, 20})
		case g(1) == 1:
			return mat.NewVecDense(2, []float64{13, 25})
		}
		return mat.NewVecDense(2, []float64{39, 75})
	}
	if err := CheckDense(memorised); err != nil {
		t.Fatalf("the memorised answer should pass the visible cases: %v", err)
	}
	var f *Failure
	if err := CheckDenseHidden(memorised); !errors.As(err, &f) || !strings.HasPrefix(f.Case, "hidden case 1:") {
		t.Errorf("CheckDenseHidden(memorised) = %v, want hidden case 1 to fail", err)
	}
	if !strings.Contains(buf.String(), "Test failed: hidden case 1") {
		t.Errorf("the hidden failure is not reported:\n%s", buf.String())
	}
	ignoresG := func(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
		return myDenseV(A, W, b, sigmoid)
	}
	if err := CheckDenseVHidden(ignoresG); err == nil {
		t.Error("CheckDenseVHidden passed a layer with the sigmoid hard-coded")
	}
}
