package exercise

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/helpers/npfmt"
)

// softmaxPassed is what CheckSoftmax prints (in green) when every case
// passes. It keeps the course's own string for this test, with its leading
// space and full stop, unlike the "All tests passed!" of the other checks.
const softmaxPassed = " All tests passed."

// softmaxCases are the inputs of the course's softmax test: four values, then
// ten equal values (ln 0.1, whose softmax is ten 0.1s), which catches code
// written for exactly four inputs.
func softmaxCases() [][]float64 {
	ten := make([]float64, 10)
	for i := range ten {
		ten[i] = math.Log(0.1)
	}
	return [][]float64{{1, 2, 3, 4}, ten}
}

// CheckSoftmax checks Exercise 1 of the multiclass lab, the learner's
// softmax: on z = [1 2 3 4], then on ten copies of ln(0.1), each result must
// match a reference softmax within an absolute 1e-10 plus a relative 1e-5
// (numpy's allclose). It prints " All tests passed." in green, or the first
// failure, and returns the failure (nil when all cases pass).
func CheckSoftmax(f func([]float64) []float64) error {
	return run("my_softmax", softmaxPassed, func() *Failure { return checkSoftmaxOn(f, softmaxCases()...) })
}

// checkSoftmaxOn checks f against the reference softmax on each of zs, in
// order, without printing anything: it returns the first failure as a
// *Failure, or nil. CheckSoftmax runs it on the course's cases; other tests
// (a grader's hidden cases, say) can run it on their own.
func checkSoftmaxOn(f func([]float64) []float64, zs ...[]float64) *Failure {
	if f == nil {
		return &Failure{Message: "Wrong values. Expected a function, got nil",
			Hint: "pass your function itself: exercise.CheckSoftmax(MySoftmax)"}
	}
	for _, z := range zs {
		want := nn.SoftmaxVector(z)
		in := clone(z)
		got, err := call(func() []float64 { return f(in) })
		if errors.Is(err, errTimeout) {
			return &Failure{Message: fmt.Sprintf("Wrong values. Expected %s, got no result after %v", npfmt.Sprint(want), CallTimeout),
				Hint: "the function did not return: look for a loop that never ends"}
		}
		if err != nil {
			return &Failure{Message: fmt.Sprintf("Wrong values. Expected %s, got %v", npfmt.Sprint(want), err),
				Hint: "loop over every element of z, for i := range z, and return a slice of len(z) values"}
		}
		if got == nil {
			return &Failure{Message: fmt.Sprintf("Wrong values. Expected %s, got nil", npfmt.Sprint(want)),
				Hint: "return the slice of softmax values"}
		}
		if len(got) != len(want) {
			return &Failure{Message: fmt.Sprintf("Wrong values. Expected %s, got %s", npfmt.Sprint(want), npfmt.Sprint(got)),
				Hint: fmt.Sprintf("z has %d values, so the result needs %d: use len(z) rather than a fixed size", len(z), len(z))}
		}
		if !allClose(got, want) {
			hint := "a_j = e^z_j divided by the sum of e^z_k over every k: sum the exponentials first, then divide each one by the sum"
			if len(z) != 4 {
				hint = fmt.Sprintf("it must work for any number of values (this z has %d): loop over len(z), not over 4", len(z))
			}
			return &Failure{Message: fmt.Sprintf("Wrong values. Expected %s, got %s", npfmt.Sprint(want), npfmt.Sprint(got)),
				Hint: hint}
		}
	}
	return nil
}

// CheckSoftmaxHidden runs Exercise 1's MySoftmax on vectors drawn at random
// when the check runs (hiddenCount of them, each of 1 to 12 values between -5
// and 5), so that no answer can be written for the course's two cases in
// advance: only a softmax passes. It prints nothing when every case passes
// (CheckSoftmax has already said " All tests passed."); a failure is reported
// as CheckSoftmax reports one. Autograded notebooks call it from their hidden
// tests.
func CheckSoftmaxHidden(f func([]float64) []float64) error {
	zs := hiddenSoftmaxCases(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())))
	return run("my_softmax (hidden cases)", "", func() *Failure { return checkSoftmaxOn(f, zs...) })
}

// hiddenSoftmaxCases draws hiddenCount vectors of random lengths (1 to 12)
// and values (-5 to 5, two decimals): small enough that a softmax without
// the max subtracted does not overflow.
func hiddenSoftmaxCases(rng *rand.Rand) [][]float64 {
	zs := make([][]float64, hiddenCount)
	for k := range zs {
		zs[k] = make([]float64, 1+rng.IntN(12))
		for i := range zs[k] {
			zs[k][i] = math.Round((rng.Float64()*10-5)*100) / 100
		}
	}
	return zs
}

// allClose reports whether every got[i] is within 1e-10 + 1e-5*|want[i]| of
// want[i], as numpy.allclose(got, want, atol=1e-10) does. NaN is never close.
func allClose(got, want []float64) bool {
	for i := range want {
		if !(math.Abs(got[i]-want[i]) <= 1e-10+1e-5*math.Abs(want[i])) {
			return false
		}
	}
	return true
}
