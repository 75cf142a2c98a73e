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

func ExampleOptions() {
	// The multiclass lab sets np.set_printoptions(precision=2).
	p := npfmt.Options{Precision: 2}
	logits := mat.NewDense(1, 10, []float64{-7.9912, -2.2317, 0.7704, -2.4098, -11.6623,
		-11.1521, -9.5316, -3.3582, -4.4213, -7.1708})
	fmt.Println("logits:")
	p.Println(logits)
	probs := mat.NewDense(1, 10, []float64{1.4213e-04, 4.4912e-02, 8.9803e-01, 3.7611e-02,
		3.6104e-06, 5.9695e-06, 3.0322e-05, 1.4387e-02, 5.0312e-03, 3.2214e-04})
	fmt.Println("probabilities:")
	p.Println(probs)
	fmt.Println("my_softmax(z):        ", p.Sprint([]float64{0.0320586, 0.0871443, 0.2368828, 0.6439143}))
	p.Println("fixed:", []float64{-6, 0.5}, "scientific:", []float64{1, 1e-5})
	// Output:
	// logits:
	// [[ -7.99  -2.23   0.77  -2.41 -11.66 -11.15  -9.53  -3.36  -4.42  -7.17]]
	// probabilities:
	// [[1.42e-04 4.49e-02 8.98e-01 3.76e-02 3.61e-06 5.97e-06 3.03e-05 1.44e-02
	//   5.03e-03 3.22e-04]]
	// my_softmax(z):         [0.03 0.09 0.24 0.64]
	// fixed: [-6.   0.5] scientific: [1.e+00 1.e-05]
}

func ExampleFloat32() {
	// A Keras-like model computes in float32 and returns a *mat.Dense.
	yhat := mat.NewDense(1, 1, []float64{float64(float32(0.980979))})
	npfmt.Println("as float64:", yhat)
	npfmt.Println("as float32:", npfmt.Float32(yhat))
	npfmt.Options{Precision: 2}.Println("precision 2:", npfmt.Float32(yhat))
	// Output:
	// as float64: [[0.98097903]]
	// as float32: [[0.980979]]
	// precision 2: [[0.98]]
}

// Keras's get_weights() list of a one-unit layer, as a Python notebook shows it.
func ExampleReprFloat32() {
	W := mat.NewDense(1, 1, []float64{200})
	b := []float64{100}
	fmt.Printf("[%s, %s]\n", npfmt.ReprFloat32(W), npfmt.ReprFloat32(b))
	// Output: [array([[200.]], dtype=float32), array([100.], dtype=float32)]
}
