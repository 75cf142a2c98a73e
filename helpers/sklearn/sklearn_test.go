package sklearn

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestTakeRows(t *testing.T) {
	X := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	got := TakeRows(X, []int{2, 0, 2})
	want := []float64{5, 6, 1, 2, 5, 6}
	for i, v := range got.RawMatrix().Data {
		if v != want[i] {
			t.Fatalf("TakeRows = %v, want %v", got.RawMatrix().Data, want)
		}
	}
	if r, c := TakeRows(X, nil).Dims(); r != 0 || c != 0 {
		t.Fatalf("no rows: %dx%d", r, c)
	}
}

func TestFitErrors(t *testing.T) {
	X := mat.NewDense(3, 1, []float64{1, 2, 3})
	for _, tc := range []struct {
		name string
		fit  func() error
		want string
	}{
		{"linear rows", func() error { _, err := new(LinearRegression).Fit(X, []float64{1, 2}); return err }, "3 rows in X but 2 targets"},
		{"ridge rows", func() error { _, err := new(Ridge).Fit(X, []float64{1}); return err }, "3 rows in X but 1 targets"},
		{"ridge alpha", func() error { _, err := (&Ridge{Alpha: -1}).Fit(X, []float64{1, 2, 3}); return err }, "alpha -1"},
	} {
		err := tc.fit()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

func TestPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"test size 0", func() { TrainTestSplit(10, 0, 1) }, "not between 0 and 1"},
		{"empty train", func() { TrainTestSplit(2, 0.9, 1) }, "empty part"},
		{"train size 1", func() { TrainTestSplitTrainSize(10, 1, 1) }, "not between 0 and 1"},
		{"empty train by share", func() { TrainTestSplitTrainSize(3, 0.1, 1) }, "empty part"},
		{"ragged centres", func() { MakeBlobs(4, [][]float64{{0, 0}, {1}}, 1, 0) }, "centre 1 has 1"},
		{"degree 0", func() { PolynomialFeatures{}.Transform(mat.NewDense(1, 1, nil)) }, "degree 0"},
		{"unfitted scaler", func() { new(StandardScaler).Transform(mat.NewDense(1, 1, nil)) }, "call Fit first"},
		{"unfitted model", func() { new(LinearRegression).Predict(mat.NewDense(1, 1, nil)) }, "call Fit first"},
	} {
		func() {
			defer func() {
				r, _ := recover().(string)
				if !strings.Contains(r, tc.want) {
					t.Errorf("%s: panic %q, want one saying %q", tc.name, r, tc.want)
				}
			}()
			tc.f()
		}()
	}
}
