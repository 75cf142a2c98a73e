package nn_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"gonum.org/v1/gonum/mat"
)

// The week-3 lab's regularized model: Keras's kernel_regularizer=tf.keras.regularizers.l2(0.1) on the two
// hidden layers. The summary is the complex model's; Layers tells the regularization apart, and Fit logs
// the loss with the penalty 0.1*sum(W^2) of both kernels included, as Keras does.
func ExampleLayer_L2() {
	model := nn.Sequential("ComplexRegularized",
		nn.Input(2),
		nn.Dense(120, nn.ReLU).Named("L1").L2(0.1),
		nn.Dense(40, nn.ReLU).Named("L2").L2(0.1),
		nn.Dense(6, nn.Linear).Named("L3"),
	)
	model.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))
	model.Summary()
	for _, l := range model.Layers() {
		fmt.Printf("%s: L2 %g\n", l.Name, l.L2)
	}

	// Six points, one per class; the first epoch's loss is mostly the penalty of the initial kernels.
	X := mat.NewDense(6, 2, []float64{0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1})
	y := mat.NewDense(6, 1, []float64{0, 1, 2, 3, 4, 5})
	h := model.MustFit(X, y, nn.Epochs(1), nn.Seed(1234), nn.Verbose(nil))
	w := model.MustInitialWeights(1234)
	penalty := 0.0
	for _, l := range w[:2] {
		n := mat.Norm(l.W, 2)
		penalty += 0.1 * n * n
	}
	fmt.Printf("first epoch: loss %.1f, of which penalty %.1f\n", h.Loss[0], penalty)
	// Output:
	// Model: "ComplexRegularized"
	// _________________________________________________________________
	// Layer (type)                 Output Shape              Param #
	// =================================================================
	// L1 (Dense)                   (None, 120)               360
	// _________________________________________________________________
	// L2 (Dense)                   (None, 40)                4840
	// _________________________________________________________________
	// L3 (Dense)                   (None, 6)                 246
	// =================================================================
	// Total params: 5,446
	// Trainable params: 5,446
	// Non-trainable params: 0
	// _________________________________________________________________
	// L1: L2 0.1
	// L2: L2 0.1
	// L3: L2 0
	// first epoch: loss 8.1, of which penalty 6.3
}

// What a check of a learner's model reads: the loss and optimizer given to Compile, and each layer's
// regularization.
func ExampleModel_Optimizer() {
	model := nn.Sequential("Simple", nn.Input(2), nn.Dense(6, nn.ReLU).Named("L1"), nn.Dense(6, nn.Linear).Named("L2"))
	if _, compiled := model.Optimizer(); !compiled {
		fmt.Println("not compiled yet")
	}
	model.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))
	opt, _ := model.Optimizer()
	loss, _ := model.Loss()
	fmt.Println(opt, opt.LearningRate(), loss, "from logits:", loss.FromLogits())
	for _, l := range model.Layers() {
		fmt.Println(l.Name, l.Units, l.Activation, "regularized:", l.L2 != 0)
	}
	// Output:
	// not compiled yet
	// adam 0.01 sparse_categorical_crossentropy from logits: true
	// L1 6 relu regularized: false
	// L2 6 linear regularized: false
}
