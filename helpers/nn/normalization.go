package nn

import (
	"fmt"
	"math"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"gonum.org/v1/gonum/mat"
)

// Normalization is Keras's Normalization layer (axis=-1): Adapt learns each column's mean and
// population variance from data, and Apply maps x to (x - mean) / sqrt(variance), column by column.
// The coffee-roasting labs normalize temperature and duration with it before training, so that both
// features are on the same scale. The zero value is a layer that has not been adapted.
type Normalization struct {
	mean, variance []float64
}

// Adapt learns the mean and the population variance (divided by m, not m-1, as Keras) of each column
// of X, replacing what an earlier Adapt learned. It returns an error for an empty X.
func (n *Normalization) Adapt(X mat.Matrix) error {
	r, c := X.Dims()
	if r == 0 || c == 0 {
		return fmt.Errorf("nn: Normalization.Adapt needs at least one row and one column, got (%d, %d)", r, c)
	}
	n.mean, n.variance = make([]float64, c), make([]float64, c)
	for j := range c {
		var s float64
		for i := range r {
			s += X.At(i, j)
		}
		mu := s / float64(r)
		var v float64
		for i := range r {
			d := X.At(i, j) - mu
			v += d * d
		}
		n.mean[j], n.variance[j] = mu, v/float64(r)
	}
	return nil
}

// MustAdapt is like Adapt but stops on error, for notebook cells.
func (n *Normalization) MustAdapt(X mat.Matrix) {
	if err := n.Adapt(X); err != nil {
		notebook.Fail(err.Error())
	}
}

// kerasEpsilon is Keras's backend.epsilon(), the smallest standard deviation Normalization divides by.
const kerasEpsilon = 1e-7

// Mean returns a copy of the column means learned by Adapt (nil before Adapt).
func (n *Normalization) Mean() []float64 { return append([]float64(nil), n.mean...) }

// Variance returns a copy of the columns' population variances learned by Adapt (nil before Adapt).
func (n *Normalization) Variance() []float64 { return append([]float64(nil), n.variance...) }

// Apply returns X normalized: (X[i,j] - mean[j]) / sqrt(variance[j]). A column whose variance is 0
// is divided by Keras's epsilon (1e-7) instead, as Keras does. It returns an error if the layer was not adapted or X has another
// number of columns.
func (n *Normalization) Apply(X mat.Matrix) (*mat.Dense, error) {
	if n.mean == nil {
		return nil, fmt.Errorf("nn: Normalization.Apply before Adapt: call norm.Adapt(X) first, to learn the means and variances")
	}
	r, c := X.Dims()
	if c != len(n.mean) {
		return nil, fmt.Errorf("nn: the Normalization layer was adapted to %d columns, but X has shape (%d, %d)", len(n.mean), r, c)
	}
	out := mat.NewDense(r, c, nil)
	out.Apply(func(i, j int, v float64) float64 {
		v -= n.mean[j]
		return v / math.Max(math.Sqrt(n.variance[j]), kerasEpsilon)
	}, X)
	return out, nil
}

// MustApply is like Apply but stops on error, for notebook cells.
func (n *Normalization) MustApply(X mat.Matrix) *mat.Dense {
	return notebook.Must(n.Apply(X))
}
