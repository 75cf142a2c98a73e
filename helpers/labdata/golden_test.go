package labdata_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/npfmt"
	"github.com/mlspec-go/nnlab/helpers/polyreg"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
	"github.com/mlspec-go/nnlab/internal/goldentest"
	"gonum.org/v1/gonum/mat"
)

// golden is what testdata/make_golden.py computed with the course's helper
// code, numpy 2.4.6 and scikit-learn 1.8.0.
type golden struct {
	Versions map[string]string `json:"versions"`
	W3_18    struct {
		X, Y      []float64
		YIdeal    []float64 `json:"y_ideal"`
		ErrTrain  float64   `json:"err_train"`
		ErrTest   float64   `json:"err_test"`
		Print     string
		XPlotPred []float64 `json:"x_plot_pred"`
	} `json:"w3_18"`
	W3_40 struct {
		X, Y           []float64
		DegreeErrTrain []float64 `json:"degree_err_train"`
		DegreeErrCV    []float64 `json:"degree_err_cv"`
		OptimalDegree  int       `json:"optimal_degree"`
		Lambdas        []float64 `json:"lambdas"`
		RegErrTrain    []float64 `json:"reg_err_train"`
		RegErrCV       []float64 `json:"reg_err_cv"`
		OptimalRegIdx  int       `json:"optimal_reg_idx"`
	} `json:"w3_40"`
	W3TuneM struct {
		M        []int     `json:"m"`
		ErrTrain []float64 `json:"err_train"`
		ErrCV    []float64 `json:"err_cv"`
		Y750     []float64 `json:"y750"`
	} `json:"w3_tune_m"`
	W3Blobs struct {
		X      []float64 `json:"X"`
		Y      []int     `json:"y"`
		XTrain []float64 `json:"X_train"`
		YTrain []int     `json:"y_train"`
		XCV    []float64 `json:"X_cv"`
		YCV    []int     `json:"y_cv"`
		XTest  []float64 `json:"X_test"`
		YTest  []int     `json:"y_test"`
		Print  string    `json:"print"`
	} `json:"w3_blobs"`
	Coffee struct {
		X, Y   []float64
		Prints []string `json:"prints"`
	} `json:"coffee"`
	Lab1 struct {
		Prints         []string  `json:"prints"`
		LinearTrainMSE float64   `json:"linear_train_mse"`
		LinearCVMSE    float64   `json:"linear_cv_mse"`
		Poly2TrainMSE  float64   `json:"poly2_train_mse"`
		Poly2CVMSE     float64   `json:"poly2_cv_mse"`
		Previews       []string  `json:"previews"`
		TrainMSEs      []float64 `json:"train_mses"`
		CVMSEs         []float64 `json:"cv_mses"`
		Degree         int       `json:"degree"`
		TestMSE        float64   `json:"test_mse"`
		Ex2TrainRows   []int     `json:"ex2_train_rows"`
	} `json:"lab1"`
	Lab2 map[string]struct {
		Shapes     [][]int   `json:"shapes"`
		First5     string    `json:"first5"`
		PolyTrain  []float64 `json:"poly_train"`
		PolyCV     []float64 `json:"poly_cv"`
		Alphas     []float64 `json:"alphas"`
		RidgeTrain []float64 `json:"ridge_train"`
		RidgeCV    []float64 `json:"ridge_cv"`
	} `json:"lab2"`
}

// source names the tool whose output the golden file holds.
const source = "the course's helpers (numpy, scikit-learn)"

var goldenCache *golden

func loadGolden(t *testing.T) *golden {
	t.Helper()
	if goldenCache != nil {
		return goldenCache
	}
	g := goldentest.Load[golden](t, "testdata/golden.json")
	if len(g.W3_18.Y) == 0 || len(g.Lab1.Prints) == 0 || len(g.Lab2) != 4 {
		t.Fatal("golden.json lacks cases; regenerate it with testdata/make_golden.py")
	}
	goldenCache = g
	return g
}

// Sections 2.1-2.3 of the week-3 lab: the 18-point set and its degree-10 fit.
func TestWeek3DegreeTen(t *testing.T) {
	g := loadGolden(t)
	x, y, xIdeal, yIdeal := labdata.GenData(18, 2, 0.7)
	goldentest.SameBits(t, source, "x", x, g.W3_18.X)
	goldentest.SameBits(t, source, "y", y, g.W3_18.Y)
	goldentest.SameBits(t, source, "x_ideal", xIdeal, g.W3_18.X)
	goldentest.SameBits(t, source, "y_ideal", yIdeal, g.W3_18.YIdeal)
	train, test := sklearn.TrainTestSplit(len(x), 0.33, 1)
	xTrain, yTrain := sklearn.Take(x, train), sklearn.Take(y, train)
	xTest, yTest := sklearn.Take(x, test), sklearn.Take(y, test)
	if got := fmt.Sprintf("X_train.shape (%d,) X_test.shape (%d,)", len(xTrain), len(xTest)); got != "X_train.shape (12,) X_test.shape (6,)" {
		t.Errorf("shapes: %s", got)
	}
	m := polyreg.New(10, false, 0)
	if err := m.Fit(xTrain, yTrain); err != nil {
		t.Fatal(err)
	}
	errTrain := m.MSE(yTrain, m.Predict(xTrain))
	errTest := m.MSE(yTest, m.Predict(xTest))
	if got := fmt.Sprintf("training err %0.2f, test err %0.2f", errTrain, errTest); got != g.W3_18.Print {
		t.Errorf("printed %q, the course %q", got, g.W3_18.Print)
	}
	goldentest.Near(t, source, "errors", []float64{errTrain, errTest}, []float64{g.W3_18.ErrTrain, g.W3_18.ErrTest}, 1e-7, 0)
	// The plotted curve, to a millionth of its range (condition number 8.5e7).
	curve := m.Predict(labdata.Linspace(0, 49, 100))
	scale := maxOf(g.W3_18.XPlotPred) - minOf(g.W3_18.XPlotPred)
	for i, want := range g.W3_18.XPlotPred {
		if d := math.Abs(curve[i] - want); !(d <= 1e-6*scale) {
			t.Fatalf("curve[%d] = %v, scikit-learn %v", i, curve[i], want)
		}
	}
}

func split40(t *testing.T) (xTrain, yTrain, xCV, yCV []float64) {
	g := loadGolden(t)
	x, y, _, _ := labdata.GenData(40, 5, 0.7)
	goldentest.SameBits(t, source, "x", x, g.W3_40.X)
	goldentest.SameBits(t, source, "y", y, g.W3_40.Y)
	s := labdata.SplitData(mat.NewDense(40, 1, x), y, 1)
	return s.XTrain.RawMatrix().Data, s.YTrain, s.XCV.RawMatrix().Data, s.YCV
}

func argmin(v []float64) int {
	best := 0
	for i, e := range v {
		if e < v[best] {
			best = i
		}
	}
	return best
}

// Sections 3.2-3.3: the optimal degree (2) and lambda (1.0) the figures mark.
func TestWeek3DegreeAndLambda(t *testing.T) {
	g := loadGolden(t)
	xTrain, yTrain, xCV, yCV := split40(t)
	if len(xTrain) != 24 || len(xCV) != 8 {
		t.Fatalf("split %d/%d, the course's 24/8", len(xTrain), len(xCV))
	}
	var errTrain, errCV []float64
	for degree := 1; degree <= 9; degree++ {
		m := polyreg.New(degree, false, 0)
		if err := m.Fit(xTrain, yTrain); err != nil {
			t.Fatal(err)
		}
		errTrain = append(errTrain, m.MSE(yTrain, m.Predict(xTrain)))
		errCV = append(errCV, m.MSE(yCV, m.Predict(xCV)))
	}
	goldentest.Near(t, source, "err_train", errTrain, g.W3_40.DegreeErrTrain, 1e-8, 0)
	goldentest.Near(t, source, "err_cv", errCV, g.W3_40.DegreeErrCV, 1e-8, 0)
	if d := argmin(errCV) + 1; d != g.W3_40.OptimalDegree || d != 2 {
		t.Errorf("optimal degree %d, the course's %d", d, g.W3_40.OptimalDegree)
	}
	errTrain, errCV = nil, nil
	for _, lambda := range g.W3_40.Lambdas {
		m := polyreg.New(10, true, lambda)
		if err := m.Fit(xTrain, yTrain); err != nil {
			t.Fatal(err)
		}
		errTrain = append(errTrain, m.MSE(yTrain, m.Predict(xTrain)))
		errCV = append(errCV, m.MSE(yCV, m.Predict(xCV)))
	}
	// lambda = 0: Cholesky of a matrix with condition number near 1e16
	// (plotted off the log axis); the others agree closely.
	goldentest.Near(t, source, "reg err_train[0]", errTrain[:1], g.W3_40.RegErrTrain[:1], 1e-4, 0)
	goldentest.Near(t, source, "reg err_cv[0]", errCV[:1], g.W3_40.RegErrCV[:1], 1e-2, 0)
	goldentest.Near(t, source, "reg err_train", errTrain[1:], g.W3_40.RegErrTrain[1:], 1e-6, 0)
	goldentest.Near(t, source, "reg err_cv", errCV[1:], g.W3_40.RegErrCV[1:], 1e-6, 0)
	if i := argmin(errCV); i != g.W3_40.OptimalRegIdx || g.W3_40.Lambdas[i] != 1 {
		t.Errorf("optimal lambda index %d, the course's %d", i, g.W3_40.OptimalRegIdx)
	}
}

// Section 3.4: degree 16 on 50..750 points. Condition numbers near 1e12:
// solvers differ in the fourth or fifth digit (the errors are only plotted).
func TestWeek3TuneM(t *testing.T) {
	g := loadGolden(t)
	_, y750, _, _ := labdata.GenData(750, 5, 0.7)
	goldentest.SameBits(t, source, "y (m=750)", y750, g.W3TuneM.Y750)
	var errTrain, errCV []float64
	for _, m := range g.W3TuneM.M {
		x, y, _, _ := labdata.GenData(m, 5, 0.7)
		s := labdata.SplitData(mat.NewDense(m, 1, x), y, 1)
		model := polyreg.New(16, false, 0)
		xTrain, xCV := s.XTrain.RawMatrix().Data, s.XCV.RawMatrix().Data
		if err := model.Fit(xTrain, s.YTrain); err != nil {
			t.Fatal(err)
		}
		errTrain = append(errTrain, model.MSE(s.YTrain, model.Predict(xTrain)))
		errCV = append(errCV, model.MSE(s.YCV, model.Predict(xCV)))
	}
	goldentest.Near(t, source, "err_train", errTrain, g.W3TuneM.ErrTrain, 1e-3, 0)
	goldentest.Near(t, source, "err_cv", errCV, g.W3TuneM.ErrCV, 1e-3, 0)
}

// Section 4.1: the blobs and the 400/320/80 split.
func TestWeek3Blobs(t *testing.T) {
	g := loadGolden(t)
	X, y, centers, classes, std := labdata.GenBlobs()
	goldentest.SameBits(t, source, "X", X.RawMatrix().Data, g.W3Blobs.X)
	goldentest.SameInts(t, source, "y", y, g.W3Blobs.Y)
	if len(centers) != 6 || classes != 6 || std != 0.4 {
		t.Errorf("centres %v, classes %d, std %v", centers, classes, std)
	}
	train, rest := sklearn.TrainTestSplit(800, 0.50, 1)
	cv, test := sklearn.TrainTestSplit(len(rest), 0.20, 1)
	cv, test = sklearn.Take(rest, cv), sklearn.Take(rest, test)
	XTrain, XCV, XTest := sklearn.TakeRows(X, train), sklearn.TakeRows(X, cv), sklearn.TakeRows(X, test)
	goldentest.SameBits(t, source, "X_train", XTrain.RawMatrix().Data, g.W3Blobs.XTrain)
	goldentest.SameBits(t, source, "X_cv", XCV.RawMatrix().Data, g.W3Blobs.XCV)
	goldentest.SameBits(t, source, "X_test", XTest.RawMatrix().Data, g.W3Blobs.XTest)
	goldentest.SameInts(t, source, "y_train", sklearn.Take(y, train), g.W3Blobs.YTrain)
	goldentest.SameInts(t, source, "y_cv", sklearn.Take(y, cv), g.W3Blobs.YCV)
	goldentest.SameInts(t, source, "y_test", sklearn.Take(y, test), g.W3Blobs.YTest)
	shape := func(m *mat.Dense) string { r, c := m.Dims(); return fmt.Sprintf("(%d, %d)", r, c) }
	if got := fmt.Sprintf("X_train.shape: %s X_cv.shape: %s X_test.shape: %s", shape(XTrain), shape(XCV), shape(XTest)); got != g.W3Blobs.Print {
		t.Errorf("printed %q, the course %q", got, g.W3Blobs.Print)
	}
}

func TestCoffeeData(t *testing.T) {
	g := loadGolden(t)
	X, Y := labdata.LoadCoffeeData()
	goldentest.SameBits(t, source, "X", X.RawMatrix().Data, g.Coffee.X)
	goldentest.SameBits(t, source, "Y", Y.RawMatrix().Data, g.Coffee.Y)
	t0, d := mat.Col(nil, 0, X), mat.Col(nil, 1, X)
	lines := []string{
		fmt.Sprintf("Temperature Max, Min pre normalization: %0.2f, %0.2f", maxOf(t0), minOf(t0)),
		fmt.Sprintf("Duration    Max, Min pre normalization: %0.2f, %0.2f", maxOf(d), minOf(d)),
	}
	goldentest.SameInts(t, source, "lines", []int{len(lines)}, []int{len(g.Coffee.Prints)})
	for i := range lines {
		if lines[i] != g.Coffee.Prints[i] {
			t.Errorf("printed %q, the course %q", lines[i], g.Coffee.Prints[i])
		}
	}
	if good := mat.Sum(Y); good != 43 {
		t.Errorf("%v good roasts, the course has 43", good)
	}
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

// Week 3's optional lab 1: every number it prints that does not depend on
// a neural network.
func TestModelEvaluationLab(t *testing.T) {
	g := loadGolden(t).Lab1
	data := labdata.MustLoad("data_w3_ex1.csv")
	x := mat.DenseCopyOf(data.Slice(0, 50, 0, 1))
	y := mat.Col(nil, 1, data)
	s := labdata.SplitData(x, y, 1)
	var scaler sklearn.StandardScaler
	A := scaler.FitTransform(s.XTrain)
	var lines []string
	lines = append(lines, fmt.Sprintf("Computed mean of the training set: %.2f", scaler.Mean[0]),
		fmt.Sprintf("Computed standard deviation of the training set: %.2f", scaler.Scale[0]))
	var lin sklearn.LinearRegression
	if _, err := lin.Fit(A, s.YTrain); err != nil {
		t.Fatal(err)
	}
	goldentest.Near(t, source, "linear MSEs", []float64{
		polyreg.MSE(s.YTrain, lin.Predict(A)), polyreg.MSE(s.YCV, lin.Predict(scaler.Transform(s.XCV))),
	}, []float64{g.LinearTrainMSE, g.LinearCVMSE}, 1e-12, 0)

	poly2 := sklearn.PolynomialFeatures{Degree: 2}
	mapped := poly2.Transform(s.XTrain)
	var scaler2 sklearn.StandardScaler
	scaled := scaler2.FitTransform(mapped)
	opts := npfmt.Options{Precision: 2}
	for i, m := range []*mat.Dense{mapped, scaled} {
		if got := opts.Sprint(m.Slice(0, 5, 0, 2)); got != g.Previews[i] {
			t.Errorf("preview %d:\n%s\nthe course:\n%s", i, got, g.Previews[i])
		}
	}

	var trainMSEs, cvMSEs []float64
	var best struct {
		poly   sklearn.PolynomialFeatures
		scaler sklearn.StandardScaler
		model  sklearn.LinearRegression
	}
	for degree := 1; degree <= 10; degree++ {
		poly := sklearn.PolynomialFeatures{Degree: degree}
		var sc sklearn.StandardScaler
		A := sc.FitTransform(poly.Transform(s.XTrain))
		var model sklearn.LinearRegression
		if _, err := model.Fit(A, s.YTrain); err != nil {
			t.Fatal(err)
		}
		trainMSEs = append(trainMSEs, polyreg.MSE(s.YTrain, model.Predict(A)))
		cvMSEs = append(cvMSEs, polyreg.MSE(s.YCV, model.Predict(sc.Transform(poly.Transform(s.XCV)))))
		if degree == 2 {
			goldentest.Near(t, source, "degree-2 MSEs", trainMSEs[1:], []float64{g.Poly2TrainMSE}, 1e-10, 0)
			goldentest.Near(t, source, "degree-2 CV MSE", cvMSEs[1:], []float64{g.Poly2CVMSE}, 1e-10, 0)
		}
		if degree == 4 {
			best.poly, best.scaler, best.model = poly, sc, model
		}
	}
	goldentest.Near(t, source, "train MSEs", trainMSEs, g.TrainMSEs, 1e-6, 0)
	goldentest.Near(t, source, "CV MSEs", cvMSEs, g.CVMSEs, 1e-6, 0)
	degree := argmin(cvMSEs) + 1
	testMSE := polyreg.MSE(s.YTest, best.model.Predict(best.scaler.Transform(best.poly.Transform(s.XTest))))
	lines = append(lines, fmt.Sprintf("Lowest CV MSE is found in the model with degree=%d", degree),
		fmt.Sprintf("Training MSE: %.2f", trainMSEs[degree-1]),
		fmt.Sprintf("Cross Validation MSE: %.2f", cvMSEs[degree-1]),
		fmt.Sprintf("Test MSE: %.2f", testMSE))
	if fmt.Sprint(lines) != fmt.Sprint(g.Prints) {
		t.Errorf("printed\n%q\nthe course\n%q", lines, g.Prints)
	}

	train, _ := sklearn.TrainTestSplit(200, 0.40, 1)
	goldentest.SameInts(t, source, "data_w3_ex2 train rows", train, g.Ex2TrainRows)
	if r, c := labdata.MustLoad("data_w3_ex2.csv").Dims(); r != 200 || c != 3 {
		t.Errorf("data_w3_ex2.csv is %dx%d, the course's 200x3", r, c)
	}
}

// Week 3's optional lab 2: the splits it prints and the errors its plots show.
func TestBiasVarianceLab(t *testing.T) {
	for name, want := range loadGolden(t).Lab2 {
		t.Run(name, func(t *testing.T) {
			s, err := labdata.PrepareDataset(name)
			if err != nil {
				t.Fatal(err)
			}
			shape := func(m *mat.Dense) []int { r, c := m.Dims(); return []int{r, c} }
			got := [][]int{shape(s.XTrain), {len(s.YTrain)}, shape(s.XCV), {len(s.YCV)}, shape(s.XTest), {len(s.YTest)}}
			if fmt.Sprint(got) != fmt.Sprint(want.Shapes) {
				t.Errorf("shapes %v, the course's %v", got, want.Shapes)
			}
			_, c := s.XTrain.Dims()
			if first := npfmt.Sprint(s.XTrain.Slice(0, 5, 0, c)); first != want.First5 {
				t.Errorf("first rows:\n%s\nthe course:\n%s", first, want.First5)
			}
			sweep := func(degree int, alpha float64, ridge bool) (float64, float64) {
				poly := sklearn.PolynomialFeatures{Degree: degree}
				var sc sklearn.StandardScaler
				A := sc.FitTransform(poly.Transform(s.XTrain))
				Acv := sc.Transform(poly.Transform(s.XCV))
				if ridge {
					r := sklearn.Ridge{Alpha: alpha}
					if _, err := r.Fit(A, s.YTrain); err != nil {
						t.Fatal(err)
					}
					return polyreg.MSE(s.YTrain, r.Predict(A)), polyreg.MSE(s.YCV, r.Predict(Acv))
				}
				var l sklearn.LinearRegression
				if _, err := l.Fit(A, s.YTrain); err != nil {
					t.Fatal(err)
				}
				return polyreg.MSE(s.YTrain, l.Predict(A)), polyreg.MSE(s.YCV, l.Predict(Acv))
			}
			var tr, cv []float64
			for d := 1; d <= len(want.PolyTrain); d++ {
				a, b := sweep(d, 0, false)
				tr, cv = append(tr, a), append(cv, b)
			}
			// Degree 10 of one column from 1000 to 4000: condition numbers
			// past 1e12, where solvers part in the fifth digit.
			goldentest.Near(t, source, "train MSEs", tr, want.PolyTrain, 1e-4, 0)
			goldentest.Near(t, source, "CV MSEs", cv, want.PolyCV, 1e-4, 0)
			tr, cv = nil, nil
			for _, alpha := range want.Alphas {
				a, b := sweep(4, alpha, true)
				tr, cv = append(tr, a), append(cv, b)
			}
			goldentest.Near(t, source, "ridge train MSEs", tr, want.RidgeTrain, 1e-8, 0)
			goldentest.Near(t, source, "ridge CV MSEs", cv, want.RidgeCV, 1e-8, 0)
		})
	}
}
