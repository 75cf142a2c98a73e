package nn

import (
	"fmt"
	"math"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"gonum.org/v1/gonum/mat"
)

// Softmax returns the softmax of each row of z: row i of the result is exp(z[i, j]) / sum over k of
// exp(z[i, k]), values in (0, 1) that sum to 1, larger for larger z. It subtracts each row's largest
// value before exponentiating, which gives the same result without overflowing for large logits.
// This is how the lab turns a linear last layer's outputs (logits, what Predict returns) into
// probabilities. NaN in a row gives NaN in that row, as in numpy.
func Softmax(z mat.Matrix) *mat.Dense {
	r, c := mustDims("nn.Softmax", z)
	out := mat.NewDense(r, c, nil)
	for i := range r {
		zmax := math.Inf(-1)
		for j := range c {
			zmax = math.Max(zmax, z.At(i, j))
		}
		sum := 0.0
		for j := range c {
			e := math.Exp(z.At(i, j) - zmax)
			out.Set(i, j, e)
			sum += e
		}
		for j := range c {
			out.Set(i, j, out.At(i, j)/sum)
		}
	}
	return out
}

// Argmax returns the index of the largest element of m, counting row by row (row-major), like numpy's
// np.argmax of a whole array: for a 1 x n matrix of logits or probabilities, the predicted class.
// The first of equal largest values wins; a NaN counts as largest, as in numpy.
func Argmax(m mat.Matrix) int {
	r, c := mustDims("nn.Argmax", m)
	best, bestV := 0, m.At(0, 0)
	for i := range r {
		for j := range c {
			if v := m.At(i, j); v > bestV || math.IsNaN(v) && !math.IsNaN(bestV) {
				best, bestV = i*c+j, v
			}
		}
	}
	return best
}

// ArgmaxRows returns, for each row of m, the column of its largest element (numpy's np.argmax(m, axis=1)):
// for the predictions of many examples, the predicted class of each. Ties and NaN are as in Argmax.
func ArgmaxRows(m mat.Matrix) []int {
	r, _ := mustDims("nn.ArgmaxRows", m)
	out := make([]int, r)
	for i := range r {
		out[i] = Argmax(rowView{m, i})
	}
	return out
}

// rowView is row i of a matrix, as a 1 x c matrix.
type rowView struct {
	m mat.Matrix
	i int
}

func (v rowView) Dims() (int, int)    { _, c := v.m.Dims(); return 1, c }
func (v rowView) At(_, j int) float64 { return v.m.At(v.i, j) }
func (v rowView) T() mat.Matrix       { return mat.Transpose{Matrix: v} }

// mustDims returns the shape of a matrix given to a notebook-facing function, or stops the cell with a
// learner-readable message (see internal/notebook's Fail) when there is no matrix or it is empty.
func mustDims(fn string, a mat.Matrix) (int, int) {
	r, c, err := dims("its argument", a)
	if err != nil {
		notebook.Fail(fmt.Sprintf("%s: %v", fn, err))
	}
	return r, c
}
