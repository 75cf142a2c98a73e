// Package polyreg is the week-3 lab's polynomial regression model (lin_model
// of the course's helper file): one input column mapped to polynomial
// features x, x², ..., x^degree, each scaled to zero mean and unit variance,
// then fitted by least squares, or by ridge regression when regularized.
// Its error is half the mean squared error, as the course defines J.
//
// [Model.FitRows] and [Model.PredictRows] take inputs of several columns,
// mapped to scikit-learn's polynomial features of all of them; [ByDegree],
// [ByLambda] and [LearningCurve] are the loops of the week's optional labs
// (train_plot_poly, train_plot_reg_params, train_plot_learning_curve of their
// helper file) without the plots.
//
// A mistake in the arguments (a degree below 1, Predict before Fit) fails:
// in a GoNB cell it ends the cell with the message alone, elsewhere it
// panics with it.
package polyreg

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/sklearn"
	"github.com/mlspec-go/nnlab/internal/notebook"
	"gonum.org/v1/gonum/mat"
)

// Model is the course's lin_model(degree, regularization, lambda_).
// Make one with [New]; fit it with [Model.Fit].
type Model struct {
	// Degree is the highest power of x among the features.
	Degree int
	// Lambda is ridge regression's penalty (scikit-learn's alpha) when the
	// model is regularized.
	Lambda float64

	regularized bool
	scaler      sklearn.StandardScaler
	linear      sklearn.LinearRegression
	ridge       sklearn.Ridge
	fitted      bool
}

// New returns lin_model(degree, regularization, lambda_): LinearRegression
// on the scaled features, or Ridge(alpha=lambda) if regularization.
// It fails if degree < 1 or lambda < 0.
func New(degree int, regularization bool, lambda float64) *Model {
	if degree < 1 {
		notebook.Fail(fmt.Sprintf("polyreg.New: degree %d; it must be at least 1", degree))
	}
	if lambda < 0 {
		notebook.Fail(fmt.Sprintf("polyreg.New: lambda %v; it must be 0 or more", lambda))
	}
	return &Model{Degree: degree, Lambda: lambda, regularized: regularization}
}

// column returns x as a one-column matrix.
func column(x []float64) *mat.Dense {
	return mat.NewDense(len(x), 1, append([]float64(nil), x...))
}

// Fit maps x to its features, fits the scaler on them, and fits the
// regression of y on the scaled features.
func (m *Model) Fit(x, y []float64) error {
	if len(x) == 0 {
		return fmt.Errorf("polyreg: no training data")
	}
	return m.FitRows(column(x), y)
}

// FitRows is Fit for inputs of one or more columns, one row per example:
// PolynomialFeatures(degree, include_bias=False) of X, scaled, then the
// regression of y on them.
func (m *Model) FitRows(X mat.Matrix, y []float64) error {
	if r, _ := X.Dims(); r == 0 || r != len(y) {
		return fmt.Errorf("polyreg: %d rows of inputs but %d targets", r, len(y))
	}
	A := m.scaler.FitTransform(sklearn.PolynomialFeatures{Degree: m.Degree}.Transform(X))
	var err error
	if m.regularized {
		m.ridge.Alpha = m.Lambda
		_, err = m.ridge.Fit(A, y)
	} else {
		_, err = m.linear.Fit(A, y)
	}
	if err != nil {
		return fmt.Errorf("polyreg: degree %d: %w", m.Degree, err)
	}
	m.fitted = true
	return nil
}

// Predict returns the model's predictions at x, through the features and
// the scaler fitted on the training data. It fails before Fit.
func (m *Model) Predict(x []float64) []float64 {
	return m.PredictRows(column(x))
}

// PredictRows is Predict for the rows of X, which has the columns FitRows
// was given. It fails before Fit.
func (m *Model) PredictRows(X mat.Matrix) []float64 {
	if !m.fitted {
		notebook.Fail("polyreg: Predict before Fit; fit the model on the training data first")
	}
	A := m.scaler.Transform(sklearn.PolynomialFeatures{Degree: m.Degree}.Transform(X))
	if m.regularized {
		return m.ridge.Predict(A)
	}
	return m.linear.Predict(A)
}

// MSE is the course's error J = mean((yhat − y)²)/2 (half scikit-learn's
// mean_squared_error).
func (m *Model) MSE(y, yhat []float64) float64 {
	return MSE(y, yhat)
}

// MSE is half the mean squared error of yhat against y, the course's J.
func MSE(y, yhat []float64) float64 {
	return sklearn.MeanSquaredError(y, yhat) / 2
}
