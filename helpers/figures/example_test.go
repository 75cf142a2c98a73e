package figures_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"

	"github.com/mlspec-go/nnlab/helpers/figures"
	"github.com/mlspec-go/nnlab/helpers/nn"
	"gonum.org/v1/gonum/mat"
)

// pixels prints the size of a PNG figure, or the error.
func pixels(b []byte, err error) {
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("PNG %dx%d\n", cfg.Width, cfg.Height)
}

// A notebook cell calls figures.ShowActivations() bare; Activations returns
// the same picture as PNG bytes.
func ExampleActivations() {
	pixels(figures.Activations())
	// Output: PNG 600x200
}

func ExampleShowActivations() {
	// In a GoNB cell the trio is displayed; elsewhere it says why not.
	if err := figures.ShowActivations(); err == figures.ErrNotNotebook {
		fmt.Println("not in a notebook")
	}
	// Output: not in a notebook
}

// The loss history of a training, one value per epoch.
func ExampleLoss() {
	loss := make([]float64, 40)
	for i := range loss {
		loss[i] = 0.05 + 1.5*math.Exp(-float64(i)/3)
	}
	pixels(figures.Loss(loss))
	// Output: PNG 400x300
}

func ExampleShowLoss() {
	err := figures.ShowLoss([]float64{1.2, 0.6, 0.3})
	fmt.Println(err == figures.ErrNotNotebook)
	// Output: true
}

// mySoftmax is what a learner writes for the lab's Exercise 1.
func mySoftmax(z []float64) []float64 {
	a := make([]float64, len(z))
	sum := 0.0
	for i, v := range z {
		a[i] = math.Exp(v)
		sum += a[i]
	}
	for i := range a {
		a[i] /= sum
	}
	return a
}

// Softmax draws the bars of z and of the learner's softmax of z.
func ExampleSoftmax() {
	pixels(figures.Softmax(mySoftmax, figures.SoftmaxStart))
	pixels(figures.Softmax(mySoftmax, []float64{0.1, 5, 5, 10}))
	// Output:
	// PNG 800x400
	// PNG 800x400
}

// A notebook cell calls figures.ShowSoftmax(MySoftmax): the initial state,
// z = 1, 2, 3, 4.
func ExampleShowSoftmax() {
	err := figures.ShowSoftmax(mySoftmax)
	fmt.Println(err == figures.ErrNotNotebook)
	// Output: true
}

// The diagram is drawn from the model's own description.
func ExampleModel() {
	m := nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.Sigmoid), nn.Dense(1, nn.Sigmoid))
	pixels(figures.Model(m))
	// Output: PNG 686x333
}

func ExampleShowModel() {
	m := nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.Sigmoid), nn.Dense(1, nn.Sigmoid))
	fmt.Println(figures.ShowModel(m) == figures.ErrNotNotebook)
	// Output: true
}

// The lab's quick check of my_dense: 2 inputs, 3 units.
func ExampleDenseLayer() {
	pixels(figures.DenseLayer(2, 3))
	// Output: PNG 653x361
}

func ExampleShowDenseLayer() {
	fmt.Println(figures.ShowDenseLayer(2, 3) == figures.ErrNotNotebook)
	// Output: true
}

// The products of the lab's first layer for one example and for all 1000.
func ExampleMatMul() {
	pixels(figures.MatMul(1000, 400, 25))
	// Output: PNG 819x436
}

func ExampleShowMatMul() {
	fmt.Println(figures.ShowMatMul(4, 2, 3) == figures.ErrNotNotebook)
	// Output: true
}

// A column plus a row: both stretch to (4, 3). The picture shows the copies in gray.
func ExampleBroadcast() {
	a := [][]int{{1}, {2}, {3}, {4}} // shape (4, 1)
	b := [][]int{{1, 2, 3}}          // shape (1, 3)
	pixels(figures.Broadcast("a + b: a column and a row both stretch to (4, 3)",
		figures.Array{Name: "a", Values: a}, "+", figures.Array{Name: "b", Values: b}))
	// Output:
	// PNG 639x264
}

// The bias of a dense layer: a gonum vector broadcasts as a row, so it is passed transposed.
func ExampleShowBroadcast() {
	Z := mat.NewDense(2, 3, []float64{70, 80, 90, 158, 184, 210})
	b := mat.NewVecDense(3, []float64{3, 5, 6})
	err := figures.ShowBroadcast("Z + b: the bias is added to every row",
		figures.Array{Name: "Z = A_in W", Values: Z}, "+", figures.Array{Name: "b", Values: b.T()})
	fmt.Println(err == figures.ErrNotNotebook)
	// Output: true
}
