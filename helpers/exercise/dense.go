package exercise

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/autils"
)

// DenseFunc is the signature of Exercise 2's MyDense: one dense layer applied
// to one example aIn (n values), with weights W (n x units), bias b (units
// values) and activation g. It returns the layer's units values.
type DenseFunc func(aIn *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense

// DenseVFunc is the signature of Exercise 3's MyDenseV: one dense layer applied
// to a batch A (m x n) at once with one matrix product. It returns m x units.
type DenseVFunc func(A *mat.Dense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense

// denseCase is one case of the course's tests for the dense layer.
type denseCase struct {
	name string
	x    [][]float64 // examples, one per row
	w    [][]float64
	b    []float64
	g    func(float64) float64
	want [][]float64
	hint string
}

func identity(a float64) float64 { return a }
func triple(a float64) float64   { return 3 * a }

// vectorCases are the three cases of Exercise 2, one example each.
var vectorCases = []denseCase{
	{"zero bias, identity activation", [][]float64{{1, 2, 3, 4}}, [][]float64{{1, 2}, {1, 2}, {1, 2}, {1, 2}},
		[]float64{0, 0}, identity, [][]float64{{10, 20}}, "check the dot product of a_in with each column of W"},
	{"bias [3 5], identity activation", [][]float64{{1, 2, 3, 4}}, [][]float64{{1, 2}, {1, 2}, {1, 2}, {1, 2}},
		[]float64{3, 5}, identity, [][]float64{{13, 25}}, "check the bias term: add b[j] to unit j"},
	{"bias [3 5], activation g(z) = 3z", [][]float64{{1, 2, 3, 4}}, [][]float64{{1, 2}, {1, 2}, {1, 2}, {1, 2}},
		[]float64{3, 5}, triple, [][]float64{{39, 75}}, "did you apply the activation function g you were given?"},
}

// matrixCases are the batch cases Exercise 3 adds.
var matrixCases = []denseCase{
	{"batch of 2, zero bias, identity activation", [][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}},
		[][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}}, []float64{0, 0, 0}, identity,
		[][]float64{{70, 80, 90}, {158, 184, 210}}, "check the matrix product A_in W: the result is m x units"},
	{"batch of 2, bias [3 5 6], identity activation", [][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}},
		[][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}}, []float64{3, 5, 6}, identity,
		[][]float64{{73, 85, 96}, {161, 189, 216}}, "check the bias term: add b to every row of A_in W"},
	{"batch of 2, bias [3 5 6], activation g(z) = 3z", [][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}},
		[][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}}, []float64{3, 5, 6}, triple,
		[][]float64{{219, 255, 288}, {483, 567, 648}}, "did you apply the activation function g you were given?"},
}

// CheckDense runs the cases of Exercise 2 against the learner's MyDense. It
// prints the verdict and returns the first failure, or nil; in a notebook cell a failure
// ends the cell with an error instead (see the package documentation).
func CheckDense(f DenseFunc) error {
	return run("MyDense", PassMessage, func() *Failure { return checkDense(f) })
}

// CheckDenseV runs the cases of Exercise 3 (the cases of Exercise 2 as one-row
// batches, then batches of two) against the learner's MyDenseV. It prints the
// verdict and returns the first failure, or nil; in a notebook cell a failure
// ends the cell with an error instead (see the package documentation).
func CheckDenseV(f DenseVFunc) error {
	return run("MyDenseV", PassMessage, func() *Failure { return checkDenseV(f) })
}

func checkDense(f DenseFunc) *Failure { return checkDenseCases(f, "MyDense", vectorCases) }

func checkDenseCases(f DenseFunc, name string, cases []denseCase) *Failure {
	if f == nil {
		return &Failure{Case: name, Expected: "a function", Got: "nil"}
	}
	for _, c := range cases {
		got, err := call(func() mat.Matrix {
			v := f(mat.NewVecDense(len(c.x[0]), clone(c.x[0])), dense(c.w), mat.NewVecDense(len(c.b), clone(c.b)), c.g)
			if v == nil {
				return nil
			}
			return v.T() // compare as a 1 x units row
		})
		if cerr := compare(c, got, err); cerr != nil {
			return cerr
		}
	}
	return nil
}

func checkDenseV(f DenseVFunc) *Failure {
	return checkDenseVCases(f, "MyDenseV", append(append([]denseCase{}, vectorCases...), matrixCases...))
}

func checkDenseVCases(f DenseVFunc, name string, cases []denseCase) *Failure {
	if f == nil {
		return &Failure{Case: name, Expected: "a function", Got: "nil"}
	}
	for _, c := range cases {
		got, err := call(func() mat.Matrix {
			d := f(dense(c.x), dense(c.w), mat.NewVecDense(len(c.b), clone(c.b)), c.g)
			if d == nil {
				return nil
			}
			return d
		})
		if cerr := compare(c, got, err); cerr != nil {
			return cerr
		}
	}
	return nil
}

// compare checks the learner's result against the case's expected matrix.
func compare(c denseCase, got mat.Matrix, err error) *Failure {
	want := dense(c.want)
	if errors.Is(err, errTimeout) {
		return &Failure{Case: c.name, Expected: format(want), Got: fmt.Sprintf("no result after %v", CallTimeout),
			Hint: "the function did not return: look for a loop that never ends"}
	}
	if err != nil {
		return &Failure{Case: c.name, Expected: format(want), Got: err.Error(),
			Hint: "check the shapes: W is n x units, b has units values; return the result"}
	}
	if got == nil {
		return &Failure{Case: c.name, Expected: format(want), Got: "nil", Hint: "return the layer's output"}
	}
	wr, wc := want.Dims()
	if r, cc := got.Dims(); r != wr || cc != wc {
		return &Failure{Case: c.name, Expected: fmt.Sprintf("shape (%d, %d)", wr, wc),
			Got: fmt.Sprintf("shape (%d, %d)", r, cc), Hint: "one output per unit (column of W) for each example"}
	}
	if !mat.EqualApprox(got, want, 1e-9) {
		hint := c.hint
		if mat.EqualApprox(got, sigmoidOf(c), 1e-9) {
			hint = hardCodedSigmoid
		}
		return &Failure{Case: c.name, Expected: format(want), Got: format(got), Hint: hint}
	}
	return nil
}

// hardCodedSigmoid is the hint for a layer that applies the sigmoid itself
// instead of the activation g it is given: the dot product and bias are right.
const hardCodedSigmoid = "your layer applies the sigmoid itself: call the g you are given " +
	"(here the check passes another activation), not autils.Sigmoid or a formula of your own"

// sigmoidOf returns what a layer that computes z = x W + b right but applies the
// sigmoid instead of c.g returns for the case c.
func sigmoidOf(c denseCase) *mat.Dense {
	var z mat.Dense
	z.Mul(dense(c.x), dense(c.w))
	z.Apply(func(_, j int, v float64) float64 { return autils.Sigmoid(v + c.b[j]) }, &z)
	return &z
}

// dense builds a matrix from rows, copying them.
func dense(rows [][]float64) *mat.Dense {
	d := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		d.SetRow(i, r)
	}
	return d
}

func clone(v []float64) []float64 { return append([]float64(nil), v...) }

// format prints a matrix as nested lists: [[10 20]] or [[70 80 90] [158 184 210]].
func format(m mat.Matrix) string {
	r, c := m.Dims()
	rows := make([]string, r)
	for i := range rows {
		vals := make([]string, c)
		for j := range vals {
			v := m.At(i, j)
			if v == math.Trunc(v) && math.Abs(v) < 1e15 {
				vals[j] = fmt.Sprintf("%.0f", v)
			} else {
				vals[j] = fmt.Sprintf("%.8g", v)
			}
		}
		rows[i] = "[" + strings.Join(vals, " ") + "]"
	}
	return "[" + strings.Join(rows, " ") + "]"
}
