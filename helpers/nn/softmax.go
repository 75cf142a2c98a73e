package nn

import (
	"fmt"
	"math"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"gonum.org/v1/gonum/mat"
)

// Softmax returns the softmax of each row of z: row i of the result is SoftmaxVector of row i of z,
// values in (0, 1) that sum to 1, larger for larger z. This is how the lab turns a linear last
// layer's outputs (logits, what Predict returns) into probabilities. NaN in a row gives NaN in that
// row, as in numpy.
func Softmax(z mat.Matrix) *mat.Dense {
	r, c := mustDims("nn.Softmax", z)
	out := mat.NewDense(r, c, nil)
	row := make([]float64, c)
	for i := range r {
		out.SetRow(i, SoftmaxVector(mat.Row(row, i, z)))
	}
	return out
}

// SoftmaxVector returns the softmax of z: e^z[j] / sum over k of e^z[k], in a new slice. It
// subtracts the largest value before exponentiating, which gives the same result without
// overflowing for large z. An empty z gives an empty result. It is the reference the softmax
// exercise is checked against, and Softmax applies it to each row of a matrix.
func SoftmaxVector(z []float64) []float64 {
	out := make([]float64, len(z))
	top := math.Inf(-1)
	for _, v := range z {
		top = math.Max(top, v)
	}
	sum := 0.0
	for j, v := range z {
		out[j] = math.Exp(v - top)
		sum += out[j]
	}
	for j := range out {
		out[j] /= sum
	}
	return out
}

// Argmax returns the index of the largest element of m, counting row by row (row-major), like numpy's
// np.argmax of a whole array: for a 1 x n matrix of logits or probabilities, the predicted class.
// The first of equal largest values wins; a NaN counts as largest, as in numpy.
func Argmax(m mat.Matrix) int {
	r, c := mustDims("nn.Argmax", m)
	all := make([]float64, 0, r*c)
	for i := range r {
		all = append(all, mat.Row(nil, i, m)...)
	}
	return argmax(all)
}

// ArgmaxRows returns, for each row of m, the column of its largest element (numpy's np.argmax(m, axis=1)):
// for the predictions of many examples, the predicted class of each. Ties and NaN are as in Argmax.
func ArgmaxRows(m mat.Matrix) []int {
	r, c := mustDims("nn.ArgmaxRows", m)
	out := make([]int, r)
	row := make([]float64, c)
	for i := range r {
		out[i] = argmax(mat.Row(row, i, m))
	}
	return out
}

// argmax is the index of the largest of vs (not empty): the first of equal largest values, the first
// NaN if there is one, as numpy's np.argmax. (gonum's floats.MaxIdx skips NaN.)
func argmax(vs []float64) int {
	best := 0
	for i, v := range vs {
		if math.IsNaN(vs[best]) {
			break
		}
		if v > vs[best] || math.IsNaN(v) {
			best = i
		}
	}
	return best
}

// mustDims returns the shape of a matrix given to a notebook-facing function, or stops the cell with a
// learner-readable message (see internal/notebook's Fail) when there is no matrix or it is empty.
func mustDims(fn string, a mat.Matrix) (int, int) {
	r, c, err := dims("its argument", a)
	if err != nil {
		notebook.Fail(fmt.Sprintf("%s: %v", fn, err))
	}
	return r, c
}
