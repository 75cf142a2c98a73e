// Package nilmat tells whether a matrix a learner passed holds no matrix at all: nil, or a nil pointer of
// a matrix type (var X *mat.Dense), whose methods panic. helpers/nn and helpers/digitplot check their
// arguments with it, so that a forgotten assignment is reported with a message instead of a Go stack
// trace.
package nilmat

import (
	"reflect"

	"gonum.org/v1/gonum/mat"
)

// Is reports whether m is nil, a nil pointer (such as a *mat.Dense that was declared but never made),
// or a transpose (m.T()) of one.
func Is(m mat.Matrix) bool {
	for m != nil {
		if v := reflect.ValueOf(m); v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		u, ok := m.(mat.Untransposer)
		if !ok {
			return false
		}
		m = u.Untranspose()
	}
	return true
}
