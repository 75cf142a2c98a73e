package nn_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/autils"
	"github.com/mlspec-go/nnlab/helpers/nn"
)

// The lab's model: 400 pixels in, three sigmoid layers of 25, 15 and 1 units.
func ExampleSequential() {
	model := nn.Sequential("my_model",
		nn.Input(400),
		nn.Dense(25, nn.Sigmoid),
		nn.Dense(15, nn.Sigmoid),
		nn.Dense(1, nn.Sigmoid),
	)
	model.Summary()
	for _, l := range model.Layers() {
		fmt.Printf("%s: %d params\n", l.Name, l.Params)
	}
	// Output:
	// Model: "my_model"
	// _________________________________________________________________
	// Layer (type)                 Output Shape              Param #
	// =================================================================
	// dense (Dense)                (None, 25)                10025
	// _________________________________________________________________
	// dense_1 (Dense)              (None, 15)                390
	// _________________________________________________________________
	// dense_2 (Dense)              (None, 1)                 16
	// =================================================================
	// Total params: 10,431
	// Trainable params: 10,431
	// Non-trainable params: 0
	// _________________________________________________________________
	// dense: 10025 params
	// dense_1: 390 params
	// dense_2: 16 params
}

// Training on the lab's digits and predicting a zero and a one. In a notebook, a later cell that
// declares the same model can call Predict or Weights without training again.
func ExampleModel_Fit() {
	X, y := autils.LoadData()
	model := nn.Sequential("my_model",
		nn.Input(400),
		nn.Dense(25, nn.Sigmoid),
		nn.Dense(15, nn.Sigmoid),
		nn.Dense(1, nn.Sigmoid),
	)
	model.Compile(nn.BinaryCrossentropy(), nn.Adam(0.001))
	history := model.MustFit(X, y, nn.Epochs(20), nn.Seed(1), nn.Verbose(nil)) // Verbose(nil): no log
	fmt.Println("epochs:", len(history.Loss))

	zero := model.MustPredict(X.Slice(0, 1, 0, 400))
	one := model.MustPredict(X.Slice(500, 501, 0, 400))
	fmt.Println("a zero is predicted below 0.5:", zero.At(0, 0) < 0.5)
	fmt.Println("a one is predicted above 0.5:", one.At(0, 0) > 0.5)

	w := model.MustWeights()
	r, c := w[0].W.Dims()
	fmt.Printf("W1 shape = (%d, %d), b1 shape = (%d,)\n", r, c, w[0].B.Len())
	// Output:
	// epochs: 20
	// a zero is predicted below 0.5: true
	// a one is predicted above 0.5: true
	// W1 shape = (400, 25), b1 shape = (25,)
}
