package sklearn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// PolynomialFeatures is scikit-learn's PolynomialFeatures(degree,
// include_bias=IncludeBias): every product of the input columns of total
// degree 1..Degree, in scikit-learn's order (degree by degree; within a
// degree, by the first column index, then the next: for two columns x0, x1
// and degree 2, x0, x1, x0², x0·x1, x1²), after a column of ones if
// IncludeBias. One column x gives x, x², ..., x^Degree, each power the
// previous one times x, as scikit-learn computes them.
type PolynomialFeatures struct {
	Degree      int
	IncludeBias bool
}

// Transform returns the polynomial features of X's rows (scikit-learn's
// fit_transform and transform: the features depend on nothing but X).
// It fails if Degree < 1.
func (p PolynomialFeatures) Transform(X mat.Matrix) *mat.Dense {
	if p.Degree < 1 {
		notebook.Fail(fmt.Sprintf("sklearn.PolynomialFeatures: degree %d; it must be at least 1", p.Degree))
	}
	n, f := X.Dims()
	// Columns of degree d are products (column of degree d-1) × x[feature];
	// start[feature] is where the degree-(d-1) columns that use no feature
	// below it begin (scikit-learn's index bookkeeping).
	cols := [][]float64{}
	if p.IncludeBias {
		ones := make([]float64, n)
		for i := range ones {
			ones[i] = 1
		}
		cols = append(cols, ones)
	}
	x := make([][]float64, f)
	start := make([]int, f+1)
	for j := range f {
		x[j] = mat.Col(nil, j, X)
		start[j] = len(cols)
		cols = append(cols, x[j])
	}
	start[f] = len(cols)
	for range p.Degree - 1 {
		end := start[f]
		next := make([]int, f+1)
		for j := range f {
			next[j] = len(cols)
			for c := start[j]; c < end; c++ {
				col := make([]float64, n)
				for i := range col {
					col[i] = cols[c][i] * x[j][i]
				}
				cols = append(cols, col)
			}
		}
		next[f] = len(cols)
		start = next
	}
	out := mat.NewDense(n, len(cols), nil)
	for j, c := range cols {
		out.SetCol(j, c)
	}
	return out
}

// StandardScaler is scikit-learn's StandardScaler(): it learns each column's
// mean and population standard deviation in [StandardScaler.Fit] and maps
// x to (x − mean)/scale in [StandardScaler.Transform]. A column that is
// constant (up to rounding) gets scale 1, as in scikit-learn.
type StandardScaler struct {
	// Mean, Var and Scale are scikit-learn's mean_, var_ and scale_, set by Fit.
	Mean, Var, Scale []float64
}

// Fit learns the mean, variance and scale of each column of X and returns s.
func (s *StandardScaler) Fit(X mat.Matrix) *StandardScaler {
	n, f := X.Dims()
	s.Mean = make([]float64, f)
	s.Var = make([]float64, f)
	s.Scale = make([]float64, f)
	nf := float64(n)
	for j := range f {
		col := mat.Col(nil, j, X)
		sum := columnSum(col, f)
		mean := sum / nf
		// scikit-learn's two-pass variance with its correction term.
		dev := make([]float64, n)
		for i, v := range col {
			dev[i] = v - mean
		}
		corr := columnSum(dev, f)
		for i, d := range dev {
			dev[i] = d * d
		}
		v := (columnSum(dev, f) - corr*corr/nf) / nf
		s.Mean[j], s.Var[j] = mean, v
		eps := math.Nextafter(1, 2) - 1
		if v <= nf*eps*v+(nf*mean*eps)*(nf*mean*eps) {
			s.Scale[j] = 1 // constant column
		} else {
			s.Scale[j] = math.Sqrt(v)
		}
	}
	return s
}

// Transform returns (X − Mean)/Scale, column by column. It fails if s was
// not fitted on as many columns as X has.
func (s *StandardScaler) Transform(X mat.Matrix) *mat.Dense {
	n, f := X.Dims()
	if len(s.Scale) != f {
		notebook.Fail(fmt.Sprintf("sklearn.StandardScaler: fitted on %d columns, given %d (call Fit first)", len(s.Scale), f))
	}
	out := mat.NewDense(n, f, nil)
	for i := range n {
		for j := range f {
			out.Set(i, j, (X.At(i, j)-s.Mean[j])/s.Scale[j])
		}
	}
	return out
}

// FitTransform fits s on X and returns X transformed.
func (s *StandardScaler) FitTransform(X mat.Matrix) *mat.Dense {
	return s.Fit(X).Transform(X)
}

// columnSum adds up one column of a matrix with f columns as numpy's
// X.sum(axis=0) does: row after row when the matrix has several columns,
// pairwise (numpy's summation of contiguous data) when it has one.
func columnSum(col []float64, f int) float64 {
	if f == 1 {
		return pairwiseSum(col)
	}
	var s float64
	for _, v := range col {
		s += v
	}
	return s
}

// pairwiseSum is numpy's pairwise summation (blocks of up to 128 values
// added in eight interleaved partial sums).
func pairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		var s float64
		for _, v := range a {
			s += v
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for k := range r {
				r[k] += a[i+k]
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += a[i]
		}
		return s
	default:
		n2 := n / 2
		n2 -= n2 % 8
		return pairwiseSum(a[:n2]) + pairwiseSum(a[n2:])
	}
}
