package nn

import (
	"io"
	"os"
)

// Loss is a training loss, given to Compile. Create it with BinaryCrossentropy,
// BinaryCrossentropyFromLogits, SparseCategoricalCrossentropy or MeanSquaredError.
type Loss struct {
	name       string
	fromLogits bool
}

// Names of the losses, as Keras spells them.
const (
	binaryName            = "binary_crossentropy"
	sparseCategoricalName = "sparse_categorical_crossentropy"
	meanSquaredName       = "mean_squared_error"
)

// String returns the loss name, e.g. "binary_crossentropy".
func (l Loss) String() string { return l.name }

// FromLogits reports whether the loss takes logits (SparseCategoricalCrossentropy(true),
// BinaryCrossentropyFromLogits).
func (l Loss) FromLogits() bool { return l.fromLogits }

// BinaryCrossentropy is the loss for binary (0/1) labels and a last layer with sigmoid activation.
// During training it is computed from the last layer's logits, before the sigmoid, which is numerically
// stable (GoMLX's loss.BinaryCrossentropyLogits); Predict still returns sigmoid probabilities.
func BinaryCrossentropy() Loss { return Loss{name: binaryName} }

// BinaryCrossentropyFromLogits is Keras's BinaryCrossentropy(from_logits=True): the loss for binary (0/1)
// labels and a linear last layer of one unit, whose outputs (logits) the loss turns into probabilities
// itself (GoMLX's loss.BinaryCrossentropyLogits). Predict then returns logits; a logit above 0 is a
// probability above 0.5.
func BinaryCrossentropyFromLogits() Loss { return Loss{name: binaryName, fromLogits: true} }

// MeanSquaredError is Keras's loss='mse' for regression: the mean over the batch of (y − ŷ)², with a
// linear last layer and y of any real values (GoMLX's loss.MeanSquaredError).
func MeanSquaredError() Loss { return Loss{name: meanSquaredName} }

// SparseCategoricalCrossentropy is the loss for multiclass labels given as class numbers ("sparse",
// not one-hot): y has one row per example and one column, the class 0, 1, ..., units-1 of the last
// layer (whole numbers stored as float64). With fromLogits true, as the lab uses it, the last layer is
// linear and the loss takes its outputs (logits) and folds the softmax in, which is numerically stable
// (GoMLX's loss.SparseCategoricalCrossEntropyLogits): -log(softmax(z)[label]). Predict then returns
// logits; nn.Softmax turns them into probabilities. fromLogits false (probabilities from a softmax layer)
// is not supported: Fit says how to change the model.
func SparseCategoricalCrossentropy(fromLogits bool) Loss {
	return Loss{name: sparseCategoricalName, fromLogits: fromLogits}
}

// Optimizer is a training algorithm, given to Compile. Create it with Adam.
type Optimizer struct {
	name         string
	learningRate float64
}

// String returns the optimizer name, e.g. "adam".
func (o Optimizer) String() string { return o.name }

// LearningRate returns the optimizer's learning rate.
func (o Optimizer) LearningRate() float64 { return o.learningRate }

// Adam is the Adam optimizer with the given learning rate and Keras's other defaults
// (beta1 0.9, beta2 0.999, epsilon 1e-7), using GoMLX's optimizer.Adam.
func Adam(learningRate float64) Optimizer {
	return Optimizer{name: "adam", learningRate: learningRate}
}

// Compile sets the loss and optimizer used by Fit, as Keras's model.compile does.
// It is cheap and may be called in every notebook cell; invalid choices (and a nil model) are reported by Fit.
// A Compile while the model trains waits for Fit to finish, so a Fit trains with one loss and optimizer
// from start to end.
func (m *Model) Compile(loss Loss, opt Optimizer) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.compiled = true
	m.loss = loss
	m.opt = opt
}

// Loss returns the loss given to Compile, and whether the model was compiled: what a check of a learner's
// model inspects, as the course's tests inspect model.loss.
func (m *Model) Loss() (Loss, bool) {
	if m == nil {
		return Loss{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.loss, m.compiled
}

// Optimizer returns the optimizer given to Compile (its name and learning rate), and whether the model
// was compiled.
func (m *Model) Optimizer() (Optimizer, bool) {
	if m == nil {
		return Optimizer{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.opt, m.compiled
}

// FitOption configures Fit: Epochs, BatchSize, Seed, Verbose.
type FitOption func(*fitConfig)

type fitConfig struct {
	epochs    int
	batchSize int
	seed      int64
	seeded    bool
	out       io.Writer
}

func defaultFitConfig() fitConfig {
	return fitConfig{epochs: 1, batchSize: 32, out: os.Stdout}
}

// Epochs sets the number of passes over the data (Keras's default: 1).
func Epochs(n int) FitOption { return func(c *fitConfig) { c.epochs = n } }

// BatchSize sets the number of examples per optimisation step (default 32). The examples are reshuffled
// every epoch and the last, smaller batch is kept: 1000 examples make 32 steps per epoch.
func BatchSize(n int) FitOption { return func(c *fitConfig) { c.batchSize = n } }

// Seed makes training reproducible: the initial weights and the shuffling derive from s, so two Fits with
// the same seed, data and options give identical losses and weights. Without Seed they are random, as in Keras.
func Seed(s int64) FitOption {
	return func(c *fitConfig) { c.seed, c.seeded = s, true }
}

// Verbose sets where Fit writes its Keras-style log (default os.Stdout); nil makes Fit silent.
func Verbose(w io.Writer) FitOption { return func(c *fitConfig) { c.out = w } }
