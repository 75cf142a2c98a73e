package sklearn

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// LinearRegression is scikit-learn's LinearRegression(): ordinary least
// squares with an intercept. [LinearRegression.Fit] centres X and y, solves
// the centred problem through the singular value decomposition (as scipy's
// lstsq, which scikit-learn calls, does) and sets
// Intercept = mean(y) − mean(X)·Coef.
type LinearRegression struct {
	// Tol is the cut-off for small singular values, relative to the largest:
	// directions below it are left out of the solution. 0 means scikit-learn
	// ≤ 1.8's cut-off, max(rows, columns)·ε (the exact least-squares solution
	// the course prints); 1e-6 is scikit-learn 1.9's default.
	Tol float64

	// Coef and Intercept are scikit-learn's coef_ and intercept_, set by Fit.
	Coef      []float64
	Intercept float64
	// Rank is the number of singular values kept (scikit-learn's rank_).
	Rank int
}

// Fit fits the model to the rows of X and the targets y, and returns l.
func (l *LinearRegression) Fit(X mat.Matrix, y []float64) (*LinearRegression, error) {
	Xc, yc, xMean, yMean, err := centre(X, y)
	if err != nil {
		return l, fmt.Errorf("LinearRegression: %w", err)
	}
	n, f := Xc.Dims()
	cond := l.Tol
	if cond == 0 {
		cond = float64(max(n, f)) * eps
	}
	coef, rank, err := lstsq(Xc, yc, cond)
	if err != nil {
		return l, fmt.Errorf("LinearRegression: %w", err)
	}
	l.Coef, l.Rank = coef, rank
	l.Intercept = yMean - mat.Dot(mat.NewVecDense(f, xMean), mat.NewVecDense(f, coef))
	return l, nil
}

// Predict returns X·Coef + Intercept for each row of X.
func (l *LinearRegression) Predict(X mat.Matrix) []float64 {
	return predict(X, l.Coef, l.Intercept, "LinearRegression")
}

// Ridge is scikit-learn's Ridge(alpha=Alpha): least squares plus
// Alpha·‖Coef‖², the intercept not penalised. [Ridge.Fit] centres X and y
// and solves (XᵀX + αI)·w = Xᵀy by Cholesky (the dual (XXᵀ + αI)·d = y,
// w = Xᵀd, when X has more columns than rows), falling back to the singular
// value decomposition when the matrix is not positive definite, as
// scikit-learn's default solver does for dense data.
type Ridge struct {
	// Alpha is the penalty factor, ≥ 0.
	Alpha float64

	// Coef and Intercept are scikit-learn's coef_ and intercept_, set by Fit.
	Coef      []float64
	Intercept float64
}

// Fit fits the model to the rows of X and the targets y, and returns r.
func (r *Ridge) Fit(X mat.Matrix, y []float64) (*Ridge, error) {
	if r.Alpha < 0 || math.IsNaN(r.Alpha) {
		return r, fmt.Errorf("ridge: alpha %v; it must be 0 or more", r.Alpha)
	}
	Xc, yc, xMean, yMean, err := centre(X, y)
	if err != nil {
		return r, fmt.Errorf("ridge: %w", err)
	}
	n, f := Xc.Dims()
	yv := mat.NewVecDense(n, yc)
	coef := mat.NewVecDense(f, nil)
	var ok bool
	if f > n {
		var K mat.SymDense
		K.SymOuterK(1, Xc)
		for i := range n {
			K.SetSym(i, i, K.At(i, i)+r.Alpha)
		}
		var ch mat.Cholesky
		if ok = ch.Factorize(&K); ok {
			var dual mat.VecDense
			if err := ch.SolveVecTo(&dual, yv); err == nil {
				coef.MulVec(Xc.T(), &dual)
			} else {
				ok = false
			}
		}
	} else {
		var A mat.SymDense
		A.SymOuterK(1, Xc.T())
		for i := range f {
			A.SetSym(i, i, A.At(i, i)+r.Alpha)
		}
		var Xty mat.VecDense
		Xty.MulVec(Xc.T(), yv)
		var ch mat.Cholesky
		if ok = ch.Factorize(&A); ok {
			if err := ch.SolveVecTo(coef, &Xty); err != nil {
				ok = false
			}
		}
	}
	if !ok {
		c, err := ridgeSVD(Xc, yc, r.Alpha)
		if err != nil {
			return r, fmt.Errorf("ridge: %w", err)
		}
		coef = mat.NewVecDense(f, c)
	}
	r.Coef = coef.RawVector().Data
	r.Intercept = yMean - mat.Dot(mat.NewVecDense(f, xMean), coef)
	return r, nil
}

// Predict returns X·Coef + Intercept for each row of X.
func (r *Ridge) Predict(X mat.Matrix) []float64 {
	return predict(X, r.Coef, r.Intercept, "Ridge")
}

// MeanSquaredError is scikit-learn's mean_squared_error(y, yhat): the mean
// of (y[i] − yhat[i])². It fails if the lengths differ or are 0.
func MeanSquaredError(y, yhat []float64) float64 {
	if len(y) != len(yhat) || len(y) == 0 {
		notebook.Fail(fmt.Sprintf("sklearn.MeanSquaredError: %d targets and %d predictions", len(y), len(yhat)))
	}
	sq := make([]float64, len(y))
	for i := range y {
		d := y[i] - yhat[i]
		sq[i] = d * d
	}
	return pairwiseSum(sq) / float64(len(y))
}

var eps = math.Nextafter(1, 2) - 1

// centre returns X and y minus their column means, and the means.
func centre(X mat.Matrix, y []float64) (*mat.Dense, []float64, []float64, float64, error) {
	n, f := X.Dims()
	if n != len(y) {
		return nil, nil, nil, 0, fmt.Errorf("%d rows in X but %d targets", n, len(y))
	}
	if n == 0 || f == 0 {
		return nil, nil, nil, 0, errors.New("no data")
	}
	Xc := mat.DenseCopyOf(X)
	xMean := make([]float64, f)
	for j := range f {
		col := mat.Col(nil, j, Xc)
		xMean[j] = columnSum(col, f) / float64(n)
		for i := range n {
			Xc.Set(i, j, col[i]-xMean[j])
		}
	}
	yMean := pairwiseSum(y) / float64(n)
	yc := make([]float64, n)
	for i, v := range y {
		yc[i] = v - yMean
	}
	return Xc, yc, xMean, yMean, nil
}

// lstsq returns the minimum-norm least-squares solution of A·x ≈ b through
// the SVD, leaving out singular values at or below cond times the largest,
// and how many it kept.
func lstsq(A *mat.Dense, b []float64, cond float64) ([]float64, int, error) {
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		return nil, 0, errors.New("the singular value decomposition did not converge")
	}
	s := svd.Values(nil)
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	_, f := A.Dims()
	var Utb mat.VecDense
	Utb.MulVec(U.T(), mat.NewVecDense(len(b), b))
	rank := 0
	for i, v := range s {
		if v > cond*s[0] {
			Utb.SetVec(i, Utb.AtVec(i)/v)
			rank++
		} else {
			Utb.SetVec(i, 0)
		}
	}
	x := mat.NewVecDense(f, nil)
	x.MulVec(&V, &Utb)
	return x.RawVector().Data, rank, nil
}

// ridgeSVD is scikit-learn's SVD ridge solver: w = V·diag(s/(s²+α))·Uᵀy,
// singular values at or below 1e-15 left out.
func ridgeSVD(A *mat.Dense, b []float64, alpha float64) ([]float64, error) {
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		return nil, errors.New("the singular value decomposition did not converge")
	}
	s := svd.Values(nil)
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	var Utb mat.VecDense
	Utb.MulVec(U.T(), mat.NewVecDense(len(b), b))
	for i, v := range s {
		if v > 1e-15 {
			Utb.SetVec(i, Utb.AtVec(i)*v/(v*v+alpha))
		} else {
			Utb.SetVec(i, 0)
		}
	}
	_, f := A.Dims()
	x := mat.NewVecDense(f, nil)
	x.MulVec(&V, &Utb)
	return x.RawVector().Data, nil
}

func predict(X mat.Matrix, coef []float64, intercept float64, model string) []float64 {
	n, f := X.Dims()
	if f != len(coef) {
		notebook.Fail(fmt.Sprintf("sklearn.%s: fitted on %d columns, given %d (call Fit first)", model, len(coef), f))
	}
	out := make([]float64, n)
	for i := range n {
		var s float64
		for j, c := range coef {
			s += X.At(i, j) * c
		}
		out[i] = s + intercept
	}
	return out
}
