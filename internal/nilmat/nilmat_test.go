package nilmat

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestIs(t *testing.T) {
	var dense *mat.Dense
	var vec *mat.VecDense
	for _, tc := range []struct {
		name string
		m    mat.Matrix
		want bool
	}{
		{"nil", nil, true},
		{"nil *mat.Dense", dense, true},
		{"nil *mat.VecDense", vec, true},
		{"transpose of a nil *mat.Dense", dense.T(), true},
		{"a matrix", mat.NewDense(2, 3, nil), false},
		{"its transpose", mat.NewDense(2, 3, nil).T(), false},
		{"a vector", mat.NewVecDense(2, nil), false},
		{"a vector's transpose", mat.NewVecDense(2, nil).T(), false},
		{"an empty matrix value", &mat.Dense{}, false},
	} {
		if got := Is(tc.m); got != tc.want {
			t.Errorf("Is(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
