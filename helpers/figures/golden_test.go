package figures

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/dtree"
	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/helpers/polyreg"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
	"github.com/mlspec-go/nnlab/internal/canvas/canvastest"
	"github.com/mlspec-go/nnlab/internal/reference/decisiontree"
)

// picture is one figure a notebook shows, drawn by its pure function from
// the inputs the notebook (or the lab it follows) gives it.
type picture struct {
	name string
	draw func() ([]byte, error)
}

// TestGoldenPictures draws every picture of the notebooks and compares it
// with testdata/NAME.png within canvastest.Delta (go test -regen rewrites them).
func TestGoldenPictures(t *testing.T) {
	var pics []picture
	for _, group := range []func(*testing.T) []picture{
		multiclassLabPictures, binaryLabPictures, optionalLabPictures, weekThreePictures, treePictures,
	} {
		pics = append(pics, group(t)...)
	}
	seen := map[string]bool{}
	for _, p := range pics {
		if seen[p.name] {
			t.Fatalf("two pictures named %s", p.name)
		}
		seen[p.name] = true
		b, err := p.draw()
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		canvastest.Golden(t, p.name, b)
	}
}

// lossHistory is a training's loss, one value per epoch, falling as the
// multiclass lab's does.
func lossHistory() []float64 {
	loss := make([]float64, 40)
	for i := range loss {
		loss[i] = 0.05 + 1.5*math.Exp(-float64(i)/3)
	}
	return loss
}

// The multiclass lab (C2_W2) and its optional softmax and ReLU labs.
func multiclassLabPictures(*testing.T) []picture {
	return []picture{
		{"activations", Activations},
		{"loss", func() ([]byte, error) { return Loss(lossHistory()) }},
		// The y axis stays [0, 2]: a loss above it is clipped.
		{"loss-clipped", func() ([]byte, error) { return Loss([]float64{3, 2.5, 1.8, 1.2, 0.9, 0.7}) }},
		{"softmax", func() ([]byte, error) { return Softmax(softmax, SoftmaxStart) }},
		{"softmax-at", func() ([]byte, error) { return Softmax(softmax, []float64{0.1, 5, 2.5, 10}) }},
		{"relu-start", func() ([]byte, error) { return ReLUExample(ReLUStart[0], ReLUStart[1], ReLUStart[2], ReLUStart[3]) }},
		{"relu-solved", func() ([]byte, error) { return ReLUExample(1, -1, 2, -4) }},
	}
}

// The binary lab (C2_W1): its 400-25-15-1 model, a layer, the products and
// the four broadcasting cases.
func binaryLabPictures(*testing.T) []picture {
	pics := []picture{
		{"model", func() ([]byte, error) {
			return Model(nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.Sigmoid), nn.Dense(1, nn.Sigmoid)))
		}},
		{"model-wide", func() ([]byte, error) {
			return ModelDiagram(4, []ModelLayer{{"L1", 3, "sigmoid"}, {"L2", 3, "sigmoid"}, {"L3", 8, "relu"}, {"", 1, "linear"}})
		}},
		{"dense-layer", func() ([]byte, error) { return DenseLayer(2, 3) }},
		{"dense-layer-large", func() ([]byte, error) { return DenseLayer(400, 25) }},
		{"matmul", func() ([]byte, error) { return MatMul(1000, 400, 25) }},
		{"matmul-small", func() ([]byte, error) { return MatMul(4, 2, 3) }},
	}
	for _, c := range broadcastCases {
		pics = append(pics, picture{"broadcast-" + c.name, func() ([]byte, error) { return Broadcast(c.title, c.a, c.op, c.b) }})
	}
	return pics
}

// The optional labs of weeks 1 and 2: neurons, coffee roasting, multiclass.
func optionalLabPictures(*testing.T) []picture {
	X, Y := labdata.LoadCoffeeData()
	var norm nn.Normalization
	norm.MustAdapt(X)
	ws := coffeeWeights()
	layer1 := func(T *mat.Dense) *mat.Dense { return nn.DenseForward(norm.MustApply(T), ws[0], nn.Sigmoid) }
	layer2 := func(A *mat.Dense) *mat.Dense { return nn.DenseForward(A, ws[1], nn.Sigmoid) }
	x, y := []float64{1, 2}, []float64{300, 500}
	xs, ys := []float64{0, 1, 2, 3, 4, 5}, []float64{0, 0, 0, 1, 1, 1}
	logistic := func(x float64) float64 { return 1 / (1 + math.Exp(-(2*x - 4.5))) }
	Xb, yb := sklearn.MakeBlobs(100, [][]float64{{-5, 2}, {-2, -2}, {1, 2}, {5, -2}}, 1.0, 30)
	l1 := nn.NewLayerWeights([][]float64{{-1.67, -0.60}, {-1.03, 1.96}}, []float64{1.40, 1.09})
	l2 := nn.NewLayerWeights([][]float64{{1, 0.5, -1, -2}, {2, -1, 1.5, -2}}, []float64{0, 1, 1, 3})
	return []picture{
		{"house-prices", func() ([]byte, error) { return HousePrices(x, y) }},
		{"linear-neuron", func() ([]byte, error) { return LinearNeuron(x, y, []float64{300, 500}, []float64{300, 500}) }},
		{"logistic-data", func() ([]byte, error) { return LogisticData(xs, ys) }},
		{"logistic-neuron", func() ([]byte, error) { return LogisticNeuron(xs, ys, logistic, logistic) }},
		{"coffee-roast", func() ([]byte, error) { return CoffeeRoast(X, Y) }},
		{"coffee-layer", func() ([]byte, error) { return CoffeeLayer(X, Y, 3, layer1) }},
		{"coffee-output-unit", func() ([]byte, error) { return CoffeeOutputUnit(layer2) }},
		{"coffee-network", func() ([]byte, error) {
			return CoffeeNetwork(X, Y, func(T *mat.Dense) *mat.Dense { return layer2(layer1(T)) })
		}},
		{"multiclass-data", func() ([]byte, error) { return MulticlassData(Xb, yb, 4) }},
		{"multiclass-boundary", func() ([]byte, error) {
			return MulticlassBoundary(Xb, yb, 4, func(G *mat.Dense) []int {
				return nn.ArgmaxRows(nn.DenseForward(nn.DenseForward(G, l1, nn.ReLU), l2, nn.Linear))
			})
		}},
		{"multiclass-relu", func() ([]byte, error) { return MulticlassLayerReLU(Xb, yb, 4, l1.W, l1.B) }},
		{"multiclass-output", func() ([]byte, error) {
			return MulticlassOutputLinear(nn.DenseForward(Xb, l1, nn.ReLU), yb, 4, l2.W, l2.B)
		}},
	}
}

// fit fits each model to the week-3 training data, as the lab's tune_poly
// and tune_reg do, and returns their predictions on x and their errors.
func fit(t *testing.T, w weekThree, x []float64, models []*polyreg.Model) Tuning {
	tune := Tuning{XTrain: w.xTrain, YTrain: w.yTrain, XCV: w.xCV, YCV: w.yCV, X: x}
	for _, m := range models {
		if err := m.Fit(w.xTrain, w.yTrain); err != nil {
			t.Fatal(err)
		}
		tune.YPred = append(tune.YPred, m.Predict(x))
		tune.ErrTrain = append(tune.ErrTrain, m.MSE(w.yTrain, m.Predict(w.xTrain)))
		tune.ErrCV = append(tune.ErrCV, m.MSE(w.yCV, m.Predict(w.xCV)))
	}
	return tune
}

// The week-3 labs: model evaluation and the assignment's advice figures.
func weekThreePictures(t *testing.T) []picture {
	w := lab3()
	x := labdata.Linspace(0, 49, 100)
	var byDegree, byLambda []*polyreg.Model
	for d := 1; d <= 9; d++ {
		byDegree = append(byDegree, polyreg.New(d, false, 0))
	}
	lambdas := []float64{0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100}
	for _, l := range lambdas {
		byLambda = append(byLambda, polyreg.New(10, true, l))
	}
	tune := fit(t, w, x, byDegree)
	tune.XIdeal, tune.YIdeal = w.xIdeal, w.yIdeal
	reg := fit(t, w, x, byLambda)
	ideal := nearestCenter(w.centers)

	data := labdata.MustLoad("data_w3_ex1.csv")
	xe, ye := mat.Col(nil, 0, data), mat.Col(nil, 1, data)
	s := labdata.SplitData(mat.NewDense(len(xe), 1, xe), ye, 1)
	col := func(X *mat.Dense) []float64 { return mat.Col(nil, 0, X) }
	bc := labdata.MustLoad("data_w3_ex2.csv")
	e, err := polyreg.ByDegree(s.XTrain, s.YTrain, s.XCV, s.YCV, 10)
	if err != nil {
		t.Fatal(err)
	}
	degrees := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	rising := []float64{1, 2, 3, 10}
	return []picture{
		{"regression-data", func() ([]byte, error) {
			return RegressionData("Training, CV, Test", w.xIdeal, w.yIdeal,
				Points{"train", w.xTrain, w.yTrain, Red}, Points{"cv", w.xCV, w.yCV, Orange}, Points{"test", w.xTest, w.yTest, Blue})
		}},
		{"train-test", func() ([]byte, error) {
			return TrainTest(w.xTrain, w.yTrain, w.xTest, w.yTest, x, tune.YPred[8], w.xIdeal, w.yIdeal, 9)
		}},
		{"optimal-degree", func() ([]byte, error) { return OptimalDegree(tune, 2) }},
		{"tune-regularization", func() ([]byte, error) { return TuneRegularization(reg, lambdas, 7) }},
		{"tune-m", func() ([]byte, error) { return TuneM(tune, []int{50, 100, 150, 200, 250, 300, 350, 400, 450}, 16) }},
		{"train-eq-dist", func() ([]byte, error) { return TrainEqDist(w.XTrain, w.cTrain, w.XCV, w.cCV, w.centers, w.std) }},
		{"nn", func() ([]byte, error) { return NN(ideal, w.XTrain, w.cTrain, 6, w.XCV, w.cCV, "Ideal") }},
		{"compare", func() ([]byte, error) { return Compare(w.XTest, w.cTest, 6, ideal, ideal, w.centers) }},
		{"iterate", func() ([]byte, error) {
			return Iterate([]float64{0.0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.3},
				[]float64{0.01, 0.04, 0.07, 0.07, 0.08, 0.08, 0.09}, []float64{0.11, 0.09, 0.08, 0.07, 0.07, 0.08, 0.08})
		}},
		{"eval-dataset", func() ([]byte, error) { return Dataset(xe, ye, "input vs. target") }},
		{"eval-train-cv-test", func() ([]byte, error) {
			return TrainCVTest(col(s.XTrain), s.YTrain, col(s.XCV), s.YCV, col(s.XTest), s.YTest)
		}},
		{"eval-binary-dataset", func() ([]byte, error) { return BinaryDataset(bc.Slice(0, 200, 0, 2), mat.Col(nil, 2, bc), "x1 vs. x2") }},
		{"eval-mses", func() ([]byte, error) {
			return MSEs(MSEPlot{Title: "degree of polynomial vs. train and CV MSEs", XLabel: "degree", X: degrees,
				Curves: []MSECurve{{Train: e.Train, CV: e.CV}}})
		}},
		{"eval-mses-baseline", func() ([]byte, error) {
			return MSEs(MSEPlot{Title: "lambda vs. train and CV MSEs", XLabel: "lambda", X: []float64{0, 1, 2},
				XTicks: []string{"10", "5", "0.1"}, Curves: []MSECurve{{Label: "3 features ", Train: []float64{1, 2, 3}, CV: []float64{3, 2, 1}, Dotted: true}},
				Baseline: 2, HasBaseline: true})
		}},
		// Rising errors put the legend at the top left.
		{"eval-mses-legend-left", func() ([]byte, error) {
			return MSEs(MSEPlot{X: []float64{1, 2, 3, 4}, Curves: []MSECurve{{Train: rising, CV: rising}}})
		}},
	}
}

// The decision-tree labs (C2_W4).
func treePictures(*testing.T) []picture {
	mushrooms, cats := Mushrooms(mushroomX, mushroomY), Cats(catX, catY)
	return []picture{
		{"split", func() ([]byte, error) {
			return Split(mushrooms, ten, []int{0, 1, 2, 3, 4, 7, 9}, []int{5, 6, 8}, 0)
		}},
		{"tree-mushrooms", func() ([]byte, error) {
			return Tree(mushrooms, dtree.Build(mushroomX, mushroomY, ten, 2, decisiontree.GetBestSplit, decisiontree.SplitDataset))
		}},
		{"tree-cats", func() ([]byte, error) {
			return Tree(cats, dtree.Build(catX, catY, ten, 1, decisiontree.GetBestSplit, decisiontree.SplitDataset))
		}},
		{"entropy", func() ([]byte, error) { return Entropy(0) }},
		{"entropy-half", func() ([]byte, error) { return Entropy(0.5) }},
	}
}
