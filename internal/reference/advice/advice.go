// Package advice holds the reference answers of the week-3 lab ("Advice for
// Applying Machine Learning", C2_W3): the two error functions and the three
// networks. The exercise checks compare a learner's answers with them; being
// internal, a notebook cannot import them.
package advice

import "github.com/mlspec-go/nnlab/helpers/nn"

// EvalMSE is Exercise 1's answer: half the mean of the squared differences,
// sum((yhat_i - y_i)^2) / (2m).
func EvalMSE(y, yhat []float64) float64 {
	m := len(y)
	err := 0.0
	for i := range m {
		d := yhat[i] - y[i]
		err += d * d
	}
	return err / (2 * float64(m))
}

// EvalCatErr is Exercise 2's answer: the fraction of the m examples whose
// prediction differs from the label, computed as float64(incorrect)/float64(m)
// (not (1/m)*incorrect, which rounds 28/320 up to 0.08750000000000001).
func EvalCatErr(y, yhat []int) float64 {
	incorrect := 0
	for i := range y {
		if yhat[i] != y[i] {
			incorrect++
		}
	}
	return float64(incorrect) / float64(len(y))
}

// Complex is Exercise 3's model: 120 and 40 ReLU units, then classes linear
// outputs, on inputs features.
func Complex(classes, inputs int) *nn.Model {
	return nn.Sequential("Complex",
		nn.Input(inputs),
		nn.Dense(120, nn.ReLU).Named("L1"),
		nn.Dense(40, nn.ReLU).Named("L2"),
		nn.Dense(classes, nn.Linear).Named("L3"),
	)
}

// Simple is Exercise 4's model: 6 ReLU units, then classes linear outputs.
func Simple(classes, inputs int) *nn.Model {
	return nn.Sequential("Simple",
		nn.Input(inputs),
		nn.Dense(6, nn.ReLU).Named("L1"),
		nn.Dense(classes, nn.Linear).Named("L2"),
	)
}

// Regularized is Exercise 5's model: the complex model with an L2 penalty of
// 0.1 on the kernels of its two hidden layers.
func Regularized(classes, inputs int) *nn.Model {
	return nn.Sequential("ComplexRegularized",
		nn.Input(inputs),
		nn.Dense(120, nn.ReLU).Named("L1").L2(0.1),
		nn.Dense(40, nn.ReLU).Named("L2").L2(0.1),
		nn.Dense(classes, nn.Linear).Named("L3"),
	)
}

// Compile compiles a model of this lab as the lab does: sparse categorical
// cross-entropy from logits, Adam with learning rate 0.01.
func Compile(m *nn.Model) {
	m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))
}
