package npfmt

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The expected strings are numpy 2's repr of the same float32 arrays.
func TestReprFloat32(t *testing.T) {
	for _, tc := range []struct {
		x    any
		want string
	}{
		{[]float64{3, 4, 5}, "array([3., 4., 5.], dtype=float32)"},
		{mat.NewDense(1, 1, []float64{200}), "array([[200.]], dtype=float32)"},
		{[]float64{-4.5}, "array([-4.5], dtype=float32)"},
		{[]float64{-8.94, 0.29, 12.89}, "array([-8.94,  0.29, 12.89], dtype=float32)"},
		{mat.NewDense(2, 2, []float64{1, -2.5, 3, 4}), "array([[ 1. , -2.5],\n       [ 3. ,  4. ]], dtype=float32)"},
	} {
		if got := ReprFloat32(tc.x); got != tc.want {
			t.Errorf("ReprFloat32(%v) =\n%s\nwant\n%s", tc.x, got, tc.want)
		}
	}
}
