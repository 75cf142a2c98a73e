package labs

import (
	"regexp"
	"strconv"
	"testing"
)

// The optional labs of week 3, relative to this package's folder.
const (
	modelEvalNotebook    = "../../notebooks/C2_W3_Lab01_Model_Evaluation.ipynb"
	biasVarianceNotebook = "../../notebooks/C2_W3_Lab02_Bias_Variance.ipynb"
)

// shapes is what the week-3 optional labs print for a training and a cross-validation set (and a
// test set, if test is not ""): the shapes of the inputs and the targets, in numpy's format.
func shapes(entire, train, trainY, cv, cvY, test, testY string) string {
	s := "the shape of the " + entire + "training set (input) is: " + train + "\n" +
		"the shape of the " + entire + "training set (target) is: " + trainY + "\n\n" +
		"the shape of the " + entire + "cross validation set (input) is: " + cv + "\n" +
		"the shape of the " + entire + "cross validation set (target) is: " + cvY + "\n"
	if test == "" {
		return s + "\n"
	}
	return s + "\nthe shape of the test set (input) is: " + test + "\n" +
		"the shape of the test set (target) is: " + testY + "\n"
}

// The model-evaluation lab: the course's data, splits, scaling, the linear and quadratic models'
// errors (the last digits of two of them depend on the order of the sums, as between the course's
// own runs), the degree loop choosing degree 4 with the course's errors, and the classification
// example, exactly; the networks' errors in the course's format (their values depend on the seeded
// weights), with the third architecture chosen as the course's text chooses it; five figures.
func TestModelEvaluationNotebook(t *testing.T) {
	t.Parallel()
	const (
		mse2  = `\d+\.\d\d`
		rate5 = `0\.\d{5}`
		rate4 = `0\.\d{4}`
	)
	done := `Training model_1\.\.\.\nDone!\n\nTraining model_2\.\.\.\nDone!\n\nTraining model_3\.\.\.\nDone!\n\n`
	nb := optLab{
		prints: map[string]string{
			"cell-c04": "the shape of the inputs x is: (50, 1)\nthe shape of the targets y is: (50, 1)\n",
			"cell-c09": shapes("", "(30, 1)", "(30, 1)", "(10, 1)", "(10, 1)", "(10, 1)", "(10, 1)"),
			"cell-c14": "Computed mean of the training set: 2504.06\nComputed standard deviation of the training set: 574.85\n",
			"cell-c21": "Mean used to scale the CV set: 2504.06\nStandard deviation used to scale the CV set: 574.85\n" +
				"Cross validation MSE: 551.7789026952216\n",
			"cell-c24": "[[3.32e+03 1.11e+07]\n [2.34e+03 5.50e+06]\n [3.49e+03 1.22e+07]\n [2.63e+03 6.92e+06]\n [2.59e+03 6.71e+06]]\n",
			"cell-c27": "[[ 1.43  1.47]\n [-0.28 -0.36]\n [ 1.71  1.84]\n [ 0.22  0.11]\n [ 0.15  0.04]]\n",
			"cell-c34": "Lowest CV MSE is found in the model with degree=4\nTraining MSE: 47.15\nCross Validation MSE: 79.43\nTest MSE: 104.63\n",
			"cell-c43": "the shape of the inputs x is: (200, 2)\nthe shape of the targets y is: (200, 1)\n",
			"cell-c47": shapes("", "(120, 2)", "(120, 1)", "(40, 2)", "(40, 1)", "(40, 2)", "(40, 1)"),
			"cell-c49": "probabilities: [0.2 0.6 0.7 0.3 0.8]\npredictions with threshold=0.5: [0 1 1 0 1]\ntargets: [1 1 1 1 1]\n" +
				"fraction of misclassified data (for-loop): 0.4\nfraction of misclassified data (with np.mean()): 0.4\n",
		},
		pictures: map[string]int{"cell-c06": 1, "cell-c11": 1, "cell-c15": 1, "cell-c32": 1, "cell-c44": 1},
		formats: map[string]string{
			"cell-c19": `training MSE \(using sklearn function\): 406\.193741925331\d*\ntraining MSE \(for-loop implementation\): 406\.193741925331\d*\n`,
			"cell-c29": `Training MSE: 49\.111609334025\d*\nCross validation MSE: 87\.698412111119\d*\n`,
			"cell-c38": done + `RESULTS:\n(Model [123]: Training MSE: ` + mse2 + `, CV MSE: ` + mse2 + `\n){3}`,
			"cell-c40": `Selected Model: 3\nTraining MSE: ` + mse2 + `\nCross Validation MSE: ` + mse2 + `\nTest MSE: ` + mse2 + `\n`,
			"cell-c52": done + `(Model [123]: Training Set Classification Error: ` + rate5 + `, CV Set Classification Error: ` + rate5 + `\n){3}`,
			"cell-c54": `Selected Model: 3\nTraining Set Classification Error: ` + rate4 + `\nCV Set Classification Error: ` + rate4 +
				`\nTest Set Classification Error: ` + rate4 + `\n`,
		},
	}.check(t, modelEvalNotebook)

	// The pinned seeds give what the text says: the third architecture has the lowest cv error.
	for id, re := range map[string]*regexp.Regexp{
		"cell-c38": regexp.MustCompile(`CV MSE: (\d+\.\d\d)\n`),
		"cell-c52": regexp.MustCompile(`CV Set Classification Error: (0\.\d{5})\n`),
	} {
		var cv []float64
		for _, m := range re.FindAllStringSubmatch(cellByID(t, nb, id).Stdout(), -1) {
			v, _ := strconv.ParseFloat(m[1], 64)
			cv = append(cv, v)
		}
		if len(cv) != 3 || cv[2] > cv[0] || cv[2] > cv[1] {
			t.Errorf("cell %s: cv errors %v; the text chooses model 3, which must have the lowest", id, cv)
		}
	}
}

// The bias-and-variance lab: the shapes and first rows of its four data sets, exactly as the course
// prints them (numpy's default precision), and its seven figures.
func TestBiasVarianceNotebook(t *testing.T) {
	t.Parallel()
	rows2 := " [[3.75757576e+03 5.49494949e+00]\n [2.87878788e+03 6.70707071e+00]\n [3.54545455e+03 3.71717172e+00]\n" +
		" [1.57575758e+03 5.97979798e+00]\n [1.66666667e+03 1.61616162e+00]]\n\n"
	optLab{
		prints: map[string]string{
			"cell-c03": shapes("", "(60, 1)", "(60,)", "(20, 1)", "(20,)", "", "") +
				"first 5 rows of the training inputs (1 feature):\n" +
				" [[3757.57575758]\n [2878.78787879]\n [3545.45454545]\n [1575.75757576]\n [1666.66666667]]\n\n",
			"cell-c09": shapes("", "(60, 2)", "(60,)", "(20, 2)", "(20,)", "", "") +
				"first 5 rows of the training inputs (2 features):\n" + rows2,
			"cell-c18": "first 5 rows of the training set with 2 features:\n" + rows2 +
				"first 5 rows of the training set with 3 features (1st column is a random ID):\n" +
				" [[1.41929130e+07 3.75757576e+03 5.49494949e+00]\n [1.51868310e+07 2.87878788e+03 6.70707071e+00]\n" +
				" [1.92662630e+07 3.54545455e+03 3.71717172e+00]\n [1.25222490e+07 1.57575758e+03 5.97979798e+00]\n" +
				" [1.76537960e+07 1.66666667e+03 1.61616162e+00]]\n\n",
			"cell-c22": shapes("entire ", "(600, 2)", "(600,)", "(200, 2)", "(200,)", "", ""),
		},
		pictures: map[string]int{"cell-c05": 1, "cell-c07": 1, "cell-c11": 1, "cell-c14": 1, "cell-c16": 1, "cell-c20": 1, "cell-c24": 1},
	}.check(t, biasVarianceNotebook)
}
