package figures

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/labdata"
)

// The model-evaluation pictures are checked by TestGoldenPictures; these
// are the mistakes they report.
func TestModelEvaluationErrors(t *testing.T) {
	data := labdata.MustLoad("data_w3_ex1.csv")
	x, y := mat.Col(nil, 0, data), mat.Col(nil, 1, data)
	s := labdata.SplitData(mat.NewDense(len(x), 1, x), y, 1)
	col := func(X *mat.Dense) []float64 { return mat.Col(nil, 0, X) }
	if _, err := TrainCVTest(col(s.XTrain), s.YTrain[:3], nil, nil, nil, nil); err == nil {
		t.Error("TrainCVTest with 3 targets for 30 inputs: no error")
	}
	if _, err := BinaryDataset(s.XTrain, s.YTrain, "one column"); err == nil {
		t.Error("BinaryDataset with one column: no error")
	}
	degrees := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, bad := range []MSEPlot{
		{X: degrees},
		{X: degrees, Curves: []MSECurve{{Train: degrees, CV: degrees[:3]}}},
		{X: degrees, XTicks: []string{"1"}, Curves: []MSECurve{{Train: degrees, CV: degrees}}},
	} {
		if _, err := MSEs(bad); err == nil {
			t.Errorf("MSEs(%+v): no error", bad)
		}
	}
}
