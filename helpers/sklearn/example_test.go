package sklearn_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/sklearn"
	"gonum.org/v1/gonum/mat"
)

// train_test_split(X, y, test_size=0.33, random_state=1) on 18 rows, as the
// week-3 lab splits its first data set.
func ExampleTrainTestSplit() {
	train, test := sklearn.TrainTestSplit(18, 0.33, 1)
	fmt.Println("train rows", train)
	fmt.Println("test rows ", test)
	x := []float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170}
	fmt.Println("x test    ", sklearn.Take(x, test))
	// Output:
	// train rows [15 4 1 10 0 17 16 9 8 12 11 5]
	// test rows  [6 3 13 2 14 7]
	// x test     [60 30 130 20 140 70]
}

// make_blobs(n_samples=800, centers=..., cluster_std=0.4, random_state=2):
// the week-3 lab's six classes.
func ExampleMakeBlobs() {
	centers := [][]float64{{-1, 0}, {1, 0}, {0, 1}, {0, -1}, {-2, 1}, {-2, -1}}
	X, y := sklearn.MakeBlobs(800, centers, 0.4, 2)
	fmt.Printf("X[0] = %.8f, y[:10] = %v\n", X.RawRowView(0), y[:10])
	// Output: X[0] = [-1.59710575 1.05306415], y[:10] = [4 5 1 0 2 4 1 0 0 5]
}

// PolynomialFeatures(3, include_bias=False) on one column.
func ExamplePolynomialFeatures() {
	x := mat.NewDense(2, 1, []float64{2, 3})
	f := sklearn.PolynomialFeatures{Degree: 3}.Transform(x)
	fmt.Println(f.RawRowView(0))
	fmt.Println(f.RawRowView(1))
	// Output:
	// [2 4 8]
	// [3 9 27]
}

// The week-3 lab's model: polynomial features, scaled, fitted by least
// squares; its error is half the mean squared error.
func ExampleLinearRegression() {
	x := mat.NewDense(5, 1, []float64{0, 1, 2, 3, 4})
	y := []float64{1, 2, 5, 10, 17} // 1 + x²
	features := sklearn.PolynomialFeatures{Degree: 2}.Transform(x)
	var scaler sklearn.StandardScaler
	var model sklearn.LinearRegression
	if _, err := model.Fit(scaler.FitTransform(features), y); err != nil {
		fmt.Println(err)
		return
	}
	xNew := mat.NewDense(1, 1, []float64{5})
	pred := model.Predict(scaler.Transform(sklearn.PolynomialFeatures{Degree: 2}.Transform(xNew)))
	fmt.Printf("prediction at 5: %.4f\n", pred[0])
	fmt.Printf("training err %0.2f\n", sklearn.MeanSquaredError(y, model.Predict(scaler.Transform(features)))/2)
	// Output:
	// prediction at 5: 26.0000
	// training err 0.00
}

// Ridge(alpha=1) shrinks the coefficients that LinearRegression fits.
func ExampleRidge() {
	X := mat.NewDense(4, 1, []float64{0, 1, 2, 3})
	y := []float64{0, 2, 4, 6}
	r := sklearn.Ridge{Alpha: 1}
	if _, err := r.Fit(X, y); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("coef %.4f, intercept %.4f\n", r.Coef[0], r.Intercept)
	// Output: coef 1.6667, intercept 0.5000
}

// StandardScaler learns each column's mean and population standard
// deviation on the training rows and applies them to any rows.
func ExampleStandardScaler() {
	train := mat.NewDense(4, 1, []float64{1, 2, 3, 4})
	var s sklearn.StandardScaler
	scaled := s.FitTransform(train)
	fmt.Printf("mean %.2f, scale %.4f\n", s.Mean[0], s.Scale[0])
	fmt.Printf("%.4f\n", mat.Col(nil, 0, scaled))
	fmt.Printf("%.4f\n", s.Transform(mat.NewDense(1, 1, []float64{5})).At(0, 0))
	// Output:
	// mean 2.50, scale 1.1180
	// [-1.3416 -0.4472 0.4472 1.3416]
	// 2.2361
}

// The course's J is half of scikit-learn's mean squared error.
func ExampleMeanSquaredError() {
	y, yhat := []float64{2.4, 4.2}, []float64{2.3, 4.1}
	fmt.Printf("%.3f %.3f\n", sklearn.MeanSquaredError(y, yhat), sklearn.MeanSquaredError(y, yhat)/2)
	// Output: 0.010 0.005
}

// Take and TakeRows pick the same rows of inputs and targets.
func ExampleTakeRows() {
	X := mat.NewDense(3, 2, []float64{1, 10, 2, 20, 3, 30})
	y := []float64{100, 200, 300}
	rows := []int{2, 0}
	fmt.Println(sklearn.TakeRows(X, rows).RawMatrix().Data, sklearn.Take(y, rows))
	// Output: [3 30 1 10] [300 100]
}

// make_blobs(n_samples=100, centers=..., cluster_std=1.0, random_state=30):
// the data of week 2's multiclass lab, and of its softmax lab at 2000 points.
func ExampleMakeBlobs_multiclass() {
	centers := [][]float64{{-5, 2}, {-2, -2}, {1, 2}, {5, -2}}
	X, y := sklearn.MakeBlobs(100, centers, 1.0, 30)
	r, c := X.Dims()
	fmt.Println("class representation", y[:10])
	fmt.Printf("shape of X_train: (%d, %d), shape of y_train: (%d,)\n", r, c, len(y))
	fmt.Printf("X_train[0] = %.8f\n", X.RawRowView(0))
	_, y2000 := sklearn.MakeBlobs(2000, centers, 1.0, 30)
	fmt.Println("softmax lab y_train[:10]", y2000[:10])
	// Output:
	// class representation [3 3 3 0 3 3 3 3 2 0]
	// shape of X_train: (100, 2), shape of y_train: (100,)
	// X_train[0] = [4.33348269 -1.99457378]
	// softmax lab y_train[:10] [2 0 0 1 2 2 1 0 1 3]
}
