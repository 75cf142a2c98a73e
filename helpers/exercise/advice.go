package exercise

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/internal/reference/advice"
)

// The checks of the week-3 lab ("Advice for Applying Machine Learning",
// C2_W3): the course's test cases in the course's order, with its messages,
// its typos included ("termn", "Did you divided"), so the two notebooks read
// alike; each failure adds a hint.

// adviceFuncPassed is what the checks of the lab's two functions print (in
// green): the course's own string for them, leading space and full stop.
const adviceFuncPassed = " All tests passed."

// mseCase is one case of the eval_mse test: inputs, the expected value, the
// course's message (with %v for what the function returned) and a hint.
type mseCase struct {
	y, yhat []float64
	want    float64
	atol    float64
	message string
	hint    string
}

// mseCases are the cases of the course's test_eval_mse, in order.
func mseCases() []mseCase {
	ten3 := []float64{3, 3, 3, 3, 3, 3, 3, 3, 3, 3}
	return []mseCase{
		{[]float64{2.4, 4.2}, []float64{2.3, 4.1}, 0.005, 1e-6,
			"Wrong value. Expected 0.005, got %v", "sum (yhat[i]-y[i])^2 over every i, then divide by 2*m"},
		{ten3, append([]float64(nil), ten3...), 0, 1e-8,
			"Wrong value. Expected 0.0 when y_hat == t_tmp, but got %v", "equal predictions and targets have no error"},
		{[]float64{3}, []float64{0}, 4.5, 1e-8,
			"Wrong value. Expected 4.5, but got %v. Remember the square termn", "square each difference: d*d"},
		{[]float64{3, 3, 3, 3, 3}, []float64{2, 2, 2, 2, 2}, 0.5, 1e-8,
			"Wrong value. Expected 0.5, but got %v. Remember to divide by (2*m)", "m is len(y): divide the sum by 2*float64(m)"},
	}
}

// CheckEvalMSE checks Exercise 1 of the week-3 lab, EvalMSE, on the course's
// four cases. It prints " All tests passed." in green, or the first failure
// with the course's message, and returns the failure (nil when all pass).
func CheckEvalMSE(f func(y, yhat []float64) float64) error {
	return run("eval_mse", adviceFuncPassed, func() *Failure { return checkMSECases(f, mseCases()) })
}

// CheckEvalMSEHidden runs EvalMSE on cases drawn at random when the check
// runs (hiddenCount of them, 1 to 20 values), compared with the reference
// answer, so that no answer can be written for the course's cases in
// advance. It prints nothing when every case passes.
func CheckEvalMSEHidden(f func(y, yhat []float64) float64) error {
	cases := hiddenMSECases(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())))
	return run("eval_mse (hidden cases)", "", func() *Failure { return checkMSECases(f, cases) })
}

func hiddenMSECases(rng *rand.Rand) []mseCase {
	cases := make([]mseCase, hiddenCount)
	for k := range cases {
		m := 1 + rng.IntN(20)
		y, yhat := make([]float64, m), make([]float64, m)
		for i := range y {
			y[i] = math.Round((rng.Float64()*200-100)*100) / 100
			yhat[i] = math.Round((rng.Float64()*200-100)*100) / 100
		}
		want := advice.EvalMSE(y, yhat)
		cases[k] = mseCase{y, yhat, want, 1e-8,
			fmt.Sprintf("Wrong value for hidden case %d (%d values). Expected %v, but got %%v", k+1, m, want),
			"sum (yhat[i]-y[i])^2 over every i of len(y), then divide by 2*m"}
	}
	return cases
}

func checkMSECases(f func(y, yhat []float64) float64, cases []mseCase) *Failure {
	if f == nil {
		return &Failure{Message: "Wrong value. Expected a function, got nil", Hint: "pass your function itself: exercise.CheckEvalMSE(EvalMSE)"}
	}
	for _, c := range cases {
		y, yhat := clone(c.y), clone(c.yhat)
		got, err := call(func() float64 { return f(y, yhat) })
		if err != nil {
			return callFailure(c.message, err)
		}
		if !isClose(got, c.want, c.atol) {
			return &Failure{Message: fmt.Sprintf(c.message, got), Hint: c.hint}
		}
	}
	return nil
}

// callFailure reports a call of the learner's function that did not return
// a value: message is a case's message, its %v replaced by what happened.
func callFailure(message string, err error) *Failure {
	if errors.Is(err, errTimeout) {
		return &Failure{Message: fmt.Sprintf(message, fmt.Sprintf("no result after %v", CallTimeout)),
			Hint: "the function did not return: look for a loop that never ends"}
	}
	return &Failure{Message: fmt.Sprintf(message, err), Hint: "loop with for i := range m over indices 0 to m-1 of both slices"}
}

// catErrCase is one case of the eval_cat_err test.
type catErrCase struct {
	y, yhat []int
	want    float64
	message string
	hint    string
}

// catErrCases are the cases of the course's test_eval_cat_err, in order. Its
// last case (column vectors, which must give a scalar) cannot fail in Go, where
// the result is a float64: it checks the value 0.25 instead.
func catErrCases() []catErrCase {
	return []catErrCase{
		{[]int{1, 0, 1, 1, 1, 0}, []int{0, 1, 0, 0, 0, 1}, 1,
			"Wrong value. Expected 1, but got %v. Did you divided by m?", "divide the number of mistakes by m, the number of examples"},
		{[]int{1, 2, 0}, []int{1, 2, 3}, 1.0 / 3,
			"Wrong value. Expected 0.333, but got %v", "count the i with yhat[i] != y[i], then divide by m"},
		{[]int{1, 0, 1, 1, 1, 0}, []int{1, 1, 1, 0, 0, 0}, 0.5,
			"Wrong value. Expected 0.5, but got %v", "count the i with yhat[i] != y[i], then divide by m"},
		{[]int{1, 2, 0, 3}, []int{1, 2, 1, 3}, 0.25,
			"Wrong value. Expected 0.25, but got %v", "float64(incorrect) / float64(m): an integer division gives 0"},
	}
}

// CheckEvalCatErr checks Exercise 2 of the week-3 lab, EvalCatErr, on the
// course's cases. It prints " All tests passed." in green, or the first
// failure with the course's message, and returns the failure.
func CheckEvalCatErr(f func(y, yhat []int) float64) error {
	return run("eval_cat_err", adviceFuncPassed, func() *Failure { return checkCatErrCases(f, catErrCases()) })
}

// CheckEvalCatErrHidden runs EvalCatErr on labels drawn at random when the
// check runs, compared with the reference answer (exactly: the answer is a
// count divided by m). It prints nothing when every case passes.
func CheckEvalCatErrHidden(f func(y, yhat []int) float64) error {
	cases := hiddenCatErrCases(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())))
	return run("eval_cat_err (hidden cases)", "", func() *Failure { return checkCatErrCases(f, cases) })
}

func hiddenCatErrCases(rng *rand.Rand) []catErrCase {
	cases := make([]catErrCase, hiddenCount)
	for k := range cases {
		m := 1 + rng.IntN(40)
		y, yhat := make([]int, m), make([]int, m)
		for i := range y {
			y[i], yhat[i] = rng.IntN(6), rng.IntN(6)
		}
		want := advice.EvalCatErr(y, yhat)
		cases[k] = catErrCase{y, yhat, want,
			fmt.Sprintf("Wrong value for hidden case %d (%d labels). Expected %v, but got %%v", k+1, m, want),
			"count the i with yhat[i] != y[i] over every i of len(y), then divide by m"}
	}
	return cases
}

func checkCatErrCases(f func(y, yhat []int) float64, cases []catErrCase) *Failure {
	if f == nil {
		return &Failure{Message: "Wrong value. Expected a function, got nil", Hint: "pass your function itself: exercise.CheckEvalCatErr(EvalCatErr)"}
	}
	for _, c := range cases {
		y, yhat := append([]int(nil), c.y...), append([]int(nil), c.yhat...)
		got, err := call(func() float64 { return f(y, yhat) })
		if err != nil {
			return callFailure(c.message, err)
		}
		if !isClose(got, c.want, 1e-6) {
			return &Failure{Message: fmt.Sprintf(c.message, got), Hint: c.hint}
		}
	}
	return nil
}

// adviceModel is one of the lab's three models: its architecture (the
// output layer has classes units), compiled with SparseCategoricalCrossentropy
// from logits and Adam with a learning rate of 0.01.
type adviceModel struct {
	arch architecture
	// noRegMessage is the course's message for a regularized layer that must
	// not be (its wording differs between tests).
	noRegMessage func(i int) string
	hint         string
}

// adviceArchitecture is the architecture of a model of the lab.
func adviceArchitecture(layers ...wantLayer) architecture {
	return architecture{layers: layers, l2: true,
		compiled: true, loss: nn.SparseCategoricalCrossentropy(true), optimizer: nn.Adam(0.01)}
}

var (
	complexModel = adviceModel{adviceArchitecture(wantLayer{120, nn.ReLU, 0}, wantLayer{40, nn.ReLU, 0}, wantLayer{0, nn.Linear, 0}),
		func(int) string { return "You must not specify any regularizer for any layer" },
		`nn.Dense(120, nn.ReLU).Named("L1"), nn.Dense(40, nn.ReLU).Named("L2"), nn.Dense(classes, nn.Linear).Named("L3")`}
	simpleModel = adviceModel{adviceArchitecture(wantLayer{6, nn.ReLU, 0}, wantLayer{0, nn.Linear, 0}),
		func(int) string { return "You must not specify any regularizer any layer" },
		`nn.Dense(6, nn.ReLU).Named("L1"), nn.Dense(classes, nn.Linear).Named("L2")`}
	regularizedModel = adviceModel{adviceArchitecture(wantLayer{120, nn.ReLU, 0.1}, wantLayer{40, nn.ReLU, 0.1}, wantLayer{0, nn.Linear, 0}),
		func(i int) string { return fmt.Sprintf("You must not specify any regularizer for the %dth layer", i+1) },
		`nn.Dense(120, nn.ReLU).Named("L1").L2(0.1), nn.Dense(40, nn.ReLU).Named("L2").L2(0.1), nn.Dense(classes, nn.Linear).Named("L3")`}
)

const compileHint = "compile with m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))"

// CheckComplexModel checks Exercise 3 of the week-3 lab, as the course's
// model_test(model, classes, inputs) does: three Dense layers of 120 relu, 40
// relu and classes linear units on inputs features, none regularized;
// compiled with SparseCategoricalCrossentropy from logits and Adam with
// learning rate 0.01. It prints "All tests passed!" in green, or the first
// failure with the course's message, and returns the failure.
func CheckComplexModel(model *nn.Model, classes, inputs int) error {
	return run("model", PassMessage, func() *Failure { return checkAdviceModel(model, complexModel, classes, inputs) })
}

// CheckSimpleModel checks Exercise 4 (model_s_test): Dense layers of 6 relu
// and classes linear units, not regularized, compiled as the complex model.
func CheckSimpleModel(model *nn.Model, classes, inputs int) error {
	return run("model_s", PassMessage, func() *Failure { return checkAdviceModel(model, simpleModel, classes, inputs) })
}

// CheckRegularizedModel checks Exercise 5 (model_r_test): the complex model's
// layers, the two hidden ones with an L2 penalty of 0.1 on their kernels, the
// output layer without, compiled as the complex model.
func CheckRegularizedModel(model *nn.Model, classes, inputs int) error {
	return run("model_r", PassMessage, func() *Failure { return checkAdviceModel(model, regularizedModel, classes, inputs) })
}

// CheckComplexModelHidden, CheckSimpleModelHidden and
// CheckRegularizedModelHidden are the model checks again, for the lab's own
// 6 classes and 2 inputs whatever the visible call was given, silent when they
// pass: the hidden tests of the autograded notebook call them.
func CheckComplexModelHidden(model *nn.Model) error {
	return run("model (hidden check)", "", func() *Failure { return checkAdviceModel(model, complexModel, 6, 2) })
}

// CheckSimpleModelHidden: see CheckComplexModelHidden.
func CheckSimpleModelHidden(model *nn.Model) error {
	return run("model_s (hidden check)", "", func() *Failure { return checkAdviceModel(model, simpleModel, 6, 2) })
}

// CheckRegularizedModelHidden: see CheckComplexModelHidden.
func CheckRegularizedModelHidden(model *nn.Model) error {
	return run("model_r (hidden check)", "", func() *Failure { return checkAdviceModel(model, regularizedModel, 6, 2) })
}

// checkAdviceModel runs the course's model checks in its order (see
// checkArchitecture), stopping at the first failure, which it words as the
// course's test does.
func checkAdviceModel(model *nn.Model, want adviceModel, classes, inputs int) *Failure {
	d := checkArchitecture(model, want.arch.sized(classes, inputs))
	if d == nil {
		return nil
	}
	switch d.step {
	case inputWidth:
		return &Failure{Message: courseModelMessage(d, true),
			Hint: fmt.Sprintf("each example has %d features: start with nn.Input(%d)", inputs, inputs)}
	case layerActivation:
		return &Failure{Message: courseModelMessage(d, true), Hint: activationHint}
	case unwantedL2:
		return &Failure{Message: want.noRegMessage(d.layer), Hint: fmt.Sprintf("layer %d has .L2(%v): remove it", d.layer, d.got)}
	case missingL2:
		return &Failure{Message: "Wrong regularizer. Expected L2 regularizer but got <none>",
			Hint: fmt.Sprintf("regularize layer %d's kernel with .L2(%v)", d.layer, d.want)}
	case wrongL2:
		return &Failure{Message: fmt.Sprintf("Wrong regularization factor. Expected %v, but got %v", d.want, d.got),
			Hint: fmt.Sprintf("the factor of .L2 is %v", d.want)}
	case notCompiled:
		return &Failure{Message: "Wrong loss function. Expected <SparseCategoricalCrossentropy>, but got <none: the model is not compiled>", Hint: compileHint}
	case wrongLoss:
		return &Failure{Message: fmt.Sprintf("Wrong loss function. Expected <SparseCategoricalCrossentropy>, but got <%v>", d.got), Hint: compileHint}
	case wrongOptimizer:
		// The course's test says "loss function" here too.
		return &Failure{Message: fmt.Sprintf("Wrong loss function. Expected <Adam>, but got <%v>", d.got), Hint: compileHint}
	case wrongLearningRate:
		return &Failure{Message: fmt.Sprintf("Wrong learning rate. Expected %v, but got %v", d.want, d.got), Hint: compileHint}
	case wrongFromLogits:
		return &Failure{Message: "Set from_logits=True in loss function", Hint: compileHint}
	}
	// The model, its number of layers (the course's model_s_test says
	// "Expected 3" for its two layers; the count here is the right one), a
	// layer's type or units.
	return &Failure{Message: courseModelMessage(d, true), Hint: fmt.Sprintf("nn.Input(%d), %s", inputs, want.hint)}
}
