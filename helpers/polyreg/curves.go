package polyreg

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Errors are the training and cross-validation errors J (half the mean
// squared error) of a series of models, one of each per model.
type Errors struct {
	Train, CV []float64
}

// add fits m on the training rows and appends its two errors.
func (e *Errors) add(m *Model, XTrain mat.Matrix, yTrain []float64, XCV mat.Matrix, yCV []float64) error {
	if err := m.FitRows(XTrain, yTrain); err != nil {
		return err
	}
	if r, _ := XCV.Dims(); r != len(yCV) {
		return fmt.Errorf("polyreg: %d rows of cv inputs but %d targets", r, len(yCV))
	}
	e.Train = append(e.Train, MSE(yTrain, m.PredictRows(XTrain)))
	e.CV = append(e.CV, MSE(yCV, m.PredictRows(XCV)))
	return nil
}

// ByDegree fits least squares on the scaled polynomial features of degrees
// 1 to maxDegree of the training rows, and returns each degree's training and
// cross-validation errors: the numbers train_plot_poly of the week-3 optional
// labs plots.
func ByDegree(XTrain mat.Matrix, yTrain []float64, XCV mat.Matrix, yCV []float64, maxDegree int) (Errors, error) {
	if maxDegree < 1 {
		return Errors{}, fmt.Errorf("polyreg: ByDegree needs a maximum degree of at least 1, got %d", maxDegree)
	}
	var e Errors
	for d := 1; d <= maxDegree; d++ {
		if err := e.add(New(d, false, 0), XTrain, yTrain, XCV, yCV); err != nil {
			return Errors{}, err
		}
	}
	return e, nil
}

// ByLambda fits ridge regression, Ridge(alpha=lambda), on the scaled
// polynomial features of the given degree for each of lambdas, and returns
// the errors of each: train_plot_reg_params's numbers.
func ByLambda(XTrain mat.Matrix, yTrain []float64, XCV mat.Matrix, yCV []float64, degree int, lambdas []float64) (Errors, error) {
	if degree < 1 {
		return Errors{}, fmt.Errorf("polyreg: ByLambda needs a degree of at least 1, got %d", degree)
	}
	var e Errors
	for _, l := range lambdas {
		if l < 0 {
			return Errors{}, fmt.Errorf("polyreg: lambda %v; it must be 0 or more", l)
		}
		if err := e.add(New(degree, true, l), XTrain, yTrain, XCV, yCV); err != nil {
			return Errors{}, err
		}
	}
	return e, nil
}

// LearningCurve fits least squares of the given degree on the first 10 %,
// 20 %, ..., 100 % of the training rows, and measures it on as large a share
// of the cross-validation rows (each count rounded as Python's round, half to
// even): train_plot_learning_curve's numbers. It returns, for each share, the
// number of training and cv examples together, and the errors.
func LearningCurve(XTrain mat.Matrix, yTrain []float64, XCV mat.Matrix, yCV []float64, degree int) (examples []int, e Errors, err error) {
	if degree < 1 {
		return nil, Errors{}, fmt.Errorf("polyreg: LearningCurve needs a degree of at least 1, got %d", degree)
	}
	train, cv := mat.DenseCopyOf(XTrain), mat.DenseCopyOf(XCV)
	nTrain, cols := train.Dims()
	nCV, _ := cv.Dims()
	for percent := 10; percent <= 100; percent += 10 {
		share := float64(percent) / 100
		t := int(math.RoundToEven(float64(nTrain) * share))
		c := int(math.RoundToEven(float64(nCV) * share))
		if t == 0 || c == 0 {
			return nil, Errors{}, fmt.Errorf("polyreg: %d %% of %d training and %d cv rows leaves no rows", percent, nTrain, nCV)
		}
		examples = append(examples, t+c)
		if err := e.add(New(degree, false, 0), train.Slice(0, t, 0, cols), yTrain[:t], cv.Slice(0, c, 0, cols), yCV[:c]); err != nil {
			return nil, Errors{}, err
		}
	}
	return examples, e, nil
}
