package figures

import (
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/polyreg"
)

func TestModelEvaluationFigures(t *testing.T) {
	data := labdata.MustLoad("data_w3_ex1.csv")
	x, y := mat.Col(nil, 0, data), mat.Col(nil, 1, data)
	s := labdata.SplitData(mat.NewDense(len(x), 1, x), y, 1)
	col := func(X *mat.Dense) []float64 { return mat.Col(nil, 0, X) }

	b, err := Dataset(x, y, "input vs. target")
	img := decodeSized(t, "eval_dataset", b, err, 1200, 800)
	if count(img, img.Bounds(), Red) < 300 {
		t.Error("Dataset: no red crosses")
	}
	b, err = TrainCVTest(col(s.XTrain), s.YTrain, col(s.XCV), s.YCV, col(s.XTest), s.YTest)
	img = decodeSized(t, "eval_train_cv_test", b, err, 1200, 800)
	for name, c := range map[string]color.RGBA{"training": Red, "cv": PureBlue, "test": Green} {
		if count(img, img.Bounds(), c) < 200 {
			t.Errorf("TrainCVTest: no %s points", name)
		}
	}
	if _, err = TrainCVTest(col(s.XTrain), s.YTrain[:3], nil, nil, nil, nil); err == nil {
		t.Error("TrainCVTest with 3 targets for 30 inputs: no error")
	}

	bc := labdata.MustLoad("data_w3_ex2.csv")
	b, err = BinaryDataset(bc.Slice(0, 200, 0, 2), mat.Col(nil, 2, bc), "x1 vs. x2")
	img = decodeSized(t, "eval_bc_dataset", b, err, 1200, 800)
	if count(img, img.Bounds(), Red) < 300 || count(img, img.Bounds(), PureBlue) < 300 {
		t.Error("BinaryDataset: the crosses of y=1 or the dots of y=0 are missing")
	}
	if _, err = BinaryDataset(s.XTrain, s.YTrain, "one column"); err == nil {
		t.Error("BinaryDataset with one column: no error")
	}

	e, err := polyreg.ByDegree(s.XTrain, s.YTrain, s.XCV, s.YCV, 10)
	if err != nil {
		t.Fatal(err)
	}
	degrees := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	b, err = MSEs(MSEPlot{Title: "degree of polynomial vs. train and CV MSEs", XLabel: "degree", X: degrees,
		Curves: []MSECurve{{Train: e.Train, CV: e.CV}}})
	img = decodeSized(t, "eval_mses", b, err, 1200, 800)
	if count(img, img.Bounds(), Red) < 300 || count(img, img.Bounds(), PureBlue) < 300 {
		t.Error("MSEs: a curve is missing")
	}
	if count(img, img.Bounds(), Blue) > 0 {
		t.Error("MSEs without a baseline draws a baseline")
	}
	b, err = MSEs(MSEPlot{Title: "lambda vs. train and CV MSEs", XLabel: "lambda", X: []float64{0, 1, 2},
		XTicks: []string{"10", "5", "0.1"}, Curves: []MSECurve{{Label: "3 features ", Train: []float64{1, 2, 3}, CV: []float64{3, 2, 1}, Dotted: true}},
		Baseline: 2, HasBaseline: true})
	img = decodeSized(t, "eval_mses_baseline", b, err, 1200, 800)
	if count(img, img.Bounds(), Blue) < 100 {
		t.Error("MSEs: no baseline")
	}
	// The legend goes to the top left when the errors are high on the right.
	rising := []float64{1, 2, 3, 10}
	b, err = MSEs(MSEPlot{X: []float64{1, 2, 3, 4}, Curves: []MSECurve{{Train: rising, CV: rising}}})
	img = decodeSized(t, "eval_mses_legend_left", b, err, 1200, 800)
	if left, right := dark(img, image.Rect(80, 30, 400, 150)), dark(img, image.Rect(800, 30, 1150, 150)); left <= right {
		t.Errorf("MSEs of rising errors: %d dark pixels at the top left, %d at the top right; want the legend on the left", left, right)
	}
	for _, bad := range []MSEPlot{
		{X: degrees},
		{X: degrees, Curves: []MSECurve{{Train: e.Train, CV: e.CV[:3]}}},
		{X: degrees, XTicks: []string{"1"}, Curves: []MSECurve{{Train: e.Train, CV: e.CV}}},
	} {
		if _, err := MSEs(bad); err == nil {
			t.Errorf("MSEs(%+v): no error", bad)
		}
	}
}
