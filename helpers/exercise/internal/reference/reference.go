// Package reference holds the reference answers the checks of
// helpers/exercise compare a learner's answers with.
//
// It is internal to helpers/exercise: a notebook cannot import it (its cells
// are a module of their own, and Go lets only helpers/exercise and the
// packages under it import an internal package there), so a learner's answer
// cannot return the reference's result and pass.
package reference

import "math"

// Softmax is the reference softmax of the multiclass lab: e^z_j / sum_k
// e^z_k, computed after subtracting max(z) so that large values do not
// overflow. It returns a new slice; an empty z gives an empty result.
func Softmax(z []float64) []float64 {
	out := make([]float64, len(z))
	if len(z) == 0 {
		return out
	}
	top := z[0]
	for _, v := range z {
		top = math.Max(top, v)
	}
	sum := 0.0
	for i, v := range z {
		out[i] = math.Exp(v - top)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
