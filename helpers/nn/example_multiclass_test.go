package nn_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"gonum.org/v1/gonum/mat"
)

// The multiclass lab's model: named ReLU layers and a linear output of 10 logits, one per digit.
func ExampleLayer_Named() {
	model := nn.Sequential("my_model",
		nn.Input(400),
		nn.Dense(25, nn.ReLU).Named("L1"),
		nn.Dense(15, nn.ReLU).Named("L2"),
		nn.Dense(10, nn.Linear).Named("L3"),
	)
	model.Summary()
	// Output:
	// Model: "my_model"
	// _________________________________________________________________
	// Layer (type)                 Output Shape              Param #
	// =================================================================
	// L1 (Dense)                   (None, 25)                10025
	// _________________________________________________________________
	// L2 (Dense)                   (None, 15)                390
	// _________________________________________________________________
	// L3 (Dense)                   (None, 10)                160
	// =================================================================
	// Total params: 10,575
	// Trainable params: 10,575
	// Non-trainable params: 0
	// _________________________________________________________________
}

// Training on class numbers with the loss computed from the logits, then turning Predict's logits into
// probabilities and classes. Here the class of a point (x0, x1) is 0 if x0 is the largest of x0, x1
// and 0.5, 1 if x1 is, else 2.
func ExampleSparseCategoricalCrossentropy() {
	X := mat.NewDense(300, 2, nil)
	y := mat.NewDense(300, 1, nil)
	for i := range 300 {
		x0, x1 := float64(i%20)/20, float64(i/20)/15
		X.Set(i, 0, x0)
		X.Set(i, 1, x1)
		y.Set(i, 0, float64(nn.Argmax(mat.NewDense(1, 3, []float64{x0, x1, 0.5}))))
	}
	model := nn.Sequential("classes",
		nn.Input(2),
		nn.Dense(16, nn.ReLU),
		nn.Dense(3, nn.Linear), // logits
	)
	model.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))
	history := model.MustFit(X, y, nn.Epochs(60), nn.Seed(1), nn.Verbose(nil))
	fmt.Println("loss fell:", history.Loss[59] < history.Loss[0]/3)

	logits := model.MustPredict(mat.NewDense(1, 2, []float64{0.9, 0.1}))
	p := nn.Softmax(logits)
	fmt.Printf("class %d, probabilities sum to %.3f\n", nn.Argmax(p), mat.Sum(p))
	// Output:
	// loss fell: true
	// class 0, probabilities sum to 1.000
}

func ExampleSoftmax() {
	z := mat.NewDense(1, 4, []float64{1, 2, 3, 4})
	a := nn.Softmax(z)
	fmt.Printf("%.4f\n", mat.Row(nil, 0, a))
	fmt.Printf("%.3f\n", mat.Sum(a))
	// Output:
	// [0.0321 0.0871 0.2369 0.6439]
	// 1.000
}

func ExampleSoftmaxVector() {
	fmt.Printf("%.4f\n", nn.SoftmaxVector([]float64{1, 2, 3, 4}))
	// Output:
	// [0.0321 0.0871 0.2369 0.6439]
}

func ExampleArgmax() {
	prediction := mat.NewDense(1, 4, []float64{-7.99, -2.23, 0.77, -2.41})
	fmt.Println("Largest Prediction index:", nn.Argmax(prediction))
	// Output:
	// Largest Prediction index: 2
}

func ExampleArgmaxRows() {
	predictions := mat.NewDense(3, 3, []float64{
		0.1, 0.7, 0.2,
		0.8, 0.1, 0.1,
		0.2, 0.3, 0.5,
	})
	fmt.Println(nn.ArgmaxRows(predictions))
	// Output:
	// [1 0 2]
}

// A later notebook cell (a new process) reads the loss history saved with the weights by the cell
// that trained, to plot it, without training again.
func ExampleModel_History() {
	X := mat.NewDense(4, 1, []float64{0, 1, 2, 3})
	y := mat.NewDense(4, 1, []float64{0, 0, 1, 1})
	declare := func() *nn.Model { // what every cell declares
		m := nn.Sequential("history_example", nn.Input(1), nn.Dense(1, nn.Sigmoid))
		m.Compile(nn.BinaryCrossentropy(), nn.Adam(0.1))
		return m
	}
	trained := declare().MustFit(X, y, nn.Epochs(5), nn.Seed(1), nn.Verbose(nil))

	later := declare().MustHistory() // in a later cell: loaded from disk
	fmt.Println(len(later.Loss), "epochs, same losses:", fmt.Sprint(later.Loss) == fmt.Sprint(trained.Loss))
	// Output:
	// 5 epochs, same losses: true
}
