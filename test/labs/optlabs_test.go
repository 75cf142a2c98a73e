package labs

import (
	"regexp"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The optional labs of weeks 1 and 2, relative to this package's folder.
const (
	neuronsNotebook      = "../../notebooks/C2_W1_Lab01_Neurons_and_Layers.ipynb"
	coffeeNotebook       = "../../notebooks/C2_W1_Lab02_CoffeeRoasting.ipynb"
	coffeeByHandNotebook = "../../notebooks/C2_W1_Lab03_CoffeeRoasting_ByHand.ipynb"
	reluNotebook         = "../../notebooks/C2_W2_Relu.ipynb"
	softmaxNotebook      = "../../notebooks/C2_W2_SoftMax.ipynb"
	multiclassNotebook   = "../../notebooks/C2_W2_Multiclass.ipynb"
)

// optLab is what one run of an optional lab must show: the exact text each cell prints (the
// course's deterministic outputs, in its format) and how many pictures each cell shows.
type optLab struct {
	prints   map[string]string // grade_id -> the cell's whole stdout
	pictures map[string]int    // grade_id -> number of images
	formats  map[string]string // grade_id -> a regular expression the whole stdout matches (values that depend on a seed)
}

// check runs the notebook once through the kernel, as `make html` does, compares, and checks that
// its HTML page stands alone (see checkPage).
func (l optLab) check(t *testing.T, path string) *nbtest.Notebook {
	t.Helper()
	r := runClean(t, path)
	nb := r.nb
	pageSection().check(t, r)
	for id, want := range l.prints {
		if got := cellByID(t, nb, id).Stdout(); got != want {
			t.Errorf("cell %s printed\n%s\nwant\n%s", id, got, want)
		}
	}
	for id, want := range l.pictures {
		if got := len(cellByID(t, nb, id).Images()); got != want {
			t.Errorf("cell %s shows %d pictures, want %d", id, got, want)
		}
	}
	for id, re := range l.formats {
		if got := cellByID(t, nb, id).Stdout(); !regexp.MustCompile(`\A(?:` + re + `)\z`).MatchString(got) {
			t.Errorf("cell %s printed\n%s\nnot in the format %s", id, got, re)
		}
	}
	return nb
}

// The neurons lab: the weights set by hand read back as Keras lists them, the layer and the formula
// agreeing (exactly, as the course prints them), the summary of the one-layer model, and four figures.
func TestNeuronsNotebook(t *testing.T) {
	t.Parallel()
	optLab{
		prints: map[string]string{
			"cell-c09": "model \"linear_layer\" has not been trained yet: run the cell that calls model.Fit first\n",
			"cell-c14": "[array([[200.]], dtype=float32), array([100.], dtype=float32)]\n",
			"cell-c16": "[[300.]]\n[[300.]]\n",
			"cell-c21": "array([3., 4., 5.], dtype=float32)\n",
			"cell-c25": `Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
L1 (Dense)                   (None, 1)                 2
=================================================================
Total params: 2
Trainable params: 2
Non-trainable params: 0
_________________________________________________________________
`,
			"cell-c30": "[array([[2.]], dtype=float32), array([-4.5], dtype=float32)]\n",
			"cell-c32": "[[0.01]]\n[[0.01]]\n",
		},
		pictures: map[string]int{"cell-c05": 1, "cell-c18": 1, "cell-c22": 1, "cell-c34": 1},
		formats: map[string]string{
			"cell-c11": `w = \[\[-?\d+\.\d*\]\], b=\[0\.\]\n`,
			"cell-c27": `\[\[-?\d+\.\d*\]\] \[0\.\]\n\(1, 1\) \(1,\)\n`,
		},
	}.check(t, neuronsNotebook)
}

// The coffee-roasting lab: the course's data and normalization, the model's summary, training on the
// tiled data with its log, and the course's saved weights set into the model, read back and used
// for its predictions and decisions, all exactly as the course prints them; the figures.
func TestCoffeeNotebook(t *testing.T) {
	t.Parallel()
	const weightsRE = `W1\(2, 3\):\n \[\[[- ]\d\.\d\d +-?\d\.\d\d +-?\d\.\d\d\]\n \[[- ]\d\.\d\d +-?\d\.\d\d +-?\d\.\d\d\]\] \n` +
		`b1\(3,\): \[0\. 0\. 0\.\]\nW2\(3, 1\):\n \[\[ ?-?\d\.\d\d\]\n \[ ?-?\d\.\d\d\]\n \[ ?-?\d\.\d\d\]\] \nb2\(1,\): \[0\.\]\n`
	optLab{
		prints: map[string]string{
			"cell-c04": "(200, 2) (200, 1)\n",
			"cell-c09": "Temperature Max, Min pre normalization: 284.99, 151.32\n" +
				"Duration    Max, Min pre normalization: 15.45, 11.51\n" +
				"Temperature Max, Min post normalization: 1.66, -1.69\n" +
				"Duration    Max, Min post normalization: 1.79, -1.70\n",
			"cell-c11": "mean [218.67  13.43] variance [1.60e+03 1.27e+00]\n",
			"cell-c14": "(200000, 2) (200000, 1)\n",
			"cell-c17": `Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
layer1 (Dense)               (None, 3)                 9
_________________________________________________________________
layer2 (Dense)               (None, 1)                 4
=================================================================
Total params: 13
Trainable params: 13
Non-trainable params: 0
_________________________________________________________________
`,
			"cell-c19": "L1 params =  9 , L2 params =  4\n",
			"cell-c31": "W1:\n [[-8.94  0.29 12.89]\n [-0.17 -7.34 10.79]] \nb1: [-9.87 -9.28  1.01]\n" +
				"W2:\n [[-31.38]\n [-27.86]\n [-32.79]] \nb2: [15.54]\n",
			"cell-c33": "predictions = \n [[9.63e-01]\n [3.03e-08]]\n",
			"cell-c35": "decisions = \n[[1.]\n [0.]]\n",
			"cell-c37": "decisions = \n[[1]\n [0]]\n",
		},
		pictures: map[string]int{"cell-c06": 1, "cell-c39": 1, "cell-c41": 1, "cell-c43": 1},
		formats: map[string]string{
			"cell-c21": weightsRE,
			"cell-c23": `(Epoch (10|[1-9])/10\n6250/6250 \[=+\] - \d+s \d+us/step - loss: \d\.\d{4}\n){10}`,
		},
	}.check(t, coffeeNotebook)
}

// The coffee-roasting lab by hand: the same data and normalization, and the network computed with
// gonum loops giving the course's decisions (and the probabilities it would print).
func TestCoffeeByHandNotebook(t *testing.T) {
	t.Parallel()
	optLab{
		prints: map[string]string{
			"cell-c04": "(200, 2) (200, 1)\n",
			"cell-c08": "Temperature Max, Min pre normalization: 284.99, 151.32\n" +
				"Duration    Max, Min pre normalization: 15.45, 11.51\n" +
				"Temperature Max, Min post normalization: 1.66, -1.69\n" +
				"Duration    Max, Min post normalization: 1.79, -1.70\n",
			"cell-c20": "predictions = \n [[9.72e-01]\n [3.29e-08]]\ndecisions = \n[[1.]\n [0.]]\n",
			"cell-c22": "decisions = \n[[1]\n [0]]\n",
		},
		pictures: map[string]int{"cell-c05": 1, "cell-c24": 1},
	}.check(t, coffeeByHandNotebook)
}

// The ReLU lab: the activations and the still picture of the sliders' start, and the cell with the
// parameters to edit.
func TestReLUNotebook(t *testing.T) {
	t.Parallel()
	optLab{pictures: map[string]int{"cell-c03": 1, "cell-c05": 1, "cell-c07": 1}}.check(t, reluNotebook)
}

// The softmax lab: the still softmax figure and its parameter cell, the two organizations trained on
// the course's make_blobs data with their logs, probabilities and logits in the course's formats,
// and the first five categories, which are the course's first labels (2 0 0 1 2).
func TestSoftmaxNotebook(t *testing.T) {
	t.Parallel()
	const (
		e   = `\d\.\d\de-\d\d`
		f   = `-?\d+\.\d*`
		f32 = `-?\d+(\.\d+)?(e-\d\d)?`
	)
	log := `(Epoch (10|[1-9])/10\n63/63 \[=+\] - \d+s \d+(us|ms)/step - loss: \d\.\d{4}\n){10}`
	probs := `\[\[` + e + ` ` + e + ` ` + e + ` ` + e + `\]\n \[` + e + ` ` + e + ` ` + e + ` ` + e + `\]\]\n`
	extremes := `largest value ` + f32 + ` smallest value ` + f32 + `\n`
	logit := ` *` + f + ` +` + f + ` +` + f + ` +` + f + ` *`
	cat := func(c string) string { return `\[` + logit + `\], category: ` + c + `\n` }
	optLab{
		pictures: map[string]int{"cell-c05": 1, "cell-c07": 1},
		formats: map[string]string{
			"cell-c11": log,
			"cell-c13": probs + extremes,
			"cell-c15": log,
			"cell-c16": `two example output vectors:\n \[\[` + logit + `\]\n \[` + logit + `\]\]\n` + extremes,
			"cell-c18": `two example output vectors:\n ` + probs + extremes,
			"cell-c20": cat("2") + cat("0") + cat("0") + cat("1") + cat("2"),
		},
	}.check(t, softmaxNotebook)
}

// The multiclass lab: the course's make_blobs data and its three printed lines exactly, the training
// log of 200 epochs ending with a small loss (the pinned seed gives the solution the text describes),
// and the four figures.
func TestMulticlassNotebook(t *testing.T) {
	t.Parallel()
	nb := optLab{
		prints: map[string]string{
			"cell-c06": "unique classes [0 1 2 3]\nclass representation [3 3 3 0 3 3 3 3 2 0]\nshape of X_train: (100, 2), shape of y_train: (100,)\n",
		},
		pictures: map[string]int{"cell-c04": 1, "cell-c11": 1, "cell-c13": 1, "cell-c15": 1},
		formats: map[string]string{
			"cell-c09": `(Epoch \d{1,3}/200\n4/4 \[=+\] - \d+s \d+(us|ms)/step - loss: \d\.\d{4}\n){200}`,
		},
	}.check(t, multiclassNotebook)
	log := cellByID(t, nb, "cell-c09").Stdout()
	if last := number(t, regexp.MustCompile(`loss: (\d\.\d{4})\n\z`), log); last > 0.1 {
		t.Errorf("the last epoch's loss is %v: the pinned seed no longer separates the four classes", last)
	}
}
