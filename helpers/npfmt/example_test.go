package npfmt_test

import (
	"fmt"
	"math"

	"github.com/mlspec-go/nnlab/helpers/npfmt"
	"gonum.org/v1/gonum/mat"
)

func ExampleShape() {
	X := mat.NewDense(1000, 400, nil)
	b := mat.NewVecDense(25, nil)
	fmt.Println("The shape of X is:", npfmt.Shape(X))
	fmt.Println("b1 shape =", npfmt.VecShape(b))
	// Output:
	// The shape of X is: (1000, 400)
	// b1 shape = (25,)
}

func ExampleSprint() {
	sigmoid := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	// One dense layer by hand: a_out[j] = g(a_in . W[:,j] + b[j]).
	a := mat.NewDense(4, 2, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8})
	W := mat.NewDense(2, 3, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6})
	b := []float64{0.1, 0.2, 0.3}
	var z mat.Dense
	z.Mul(a, W)
	z.Apply(func(_, j int, v float64) float64 { return sigmoid(v + b[j]) }, &z)

	fmt.Println(npfmt.Sprint(z.RowView(0))) // a vector prints 1-D
	fmt.Println(npfmt.Sprint(&z))           // a matrix prints 2-D
	fmt.Println(npfmt.Sprint([]float64{0, 8.56059680e-06, -7.37438725e-04, 1.00109761}))
	fmt.Println(npfmt.Sprint(mat.NewDense(3, 1, []float64{6, 7, 8})))
	// Output:
	// [0.54735762 0.57932425 0.61063923]
	// [[0.54735762 0.57932425 0.61063923]
	//  [0.57199613 0.61301418 0.65248946]
	//  [0.5962827  0.64565631 0.6921095 ]
	//  [0.62010643 0.67699586 0.72908792]]
	// [ 0.00000000e+00  8.56059680e-06 -7.37438725e-04  1.00109761e+00]
	// [[6.]
	//  [7.]
	//  [8.]]
}

func ExamplePrintln() {
	yhat := mat.NewDense(1, 1, []float64{0.9813728332519531})
	npfmt.Println("predicting a one: ", yhat)
	npfmt.Println("The first element of y is: ", 0)
	npfmt.Println("a float:", 3.0, "and a tiny one:", 1e-5)
	// Output:
	// predicting a one:  [[0.98137283]]
	// The first element of y is:  0
	// a float: 3.0 and a tiny one: 1e-05
}
