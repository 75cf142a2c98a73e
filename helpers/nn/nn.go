// Package nn is a small Keras-like Sequential model for the notebooks of the lab, built on GoMLX.
//
// A model is a named stack of dense layers, declared like the Keras code of the course:
//
//	model := nn.Sequential("my_model",
//		nn.Input(400),
//		nn.Dense(25, nn.Sigmoid),
//		nn.Dense(15, nn.Sigmoid),
//		nn.Dense(1, nn.Sigmoid),
//	)
//	model.Summary()
//	model.Compile(nn.BinaryCrossentropy(), nn.Adam(0.001))
//	model.MustFit(X, y, nn.Epochs(20))
//	p := model.MustPredict(X)
//
// and, for ten classes, a linear last layer whose outputs (logits) the loss turns into probabilities:
//
//	model := nn.Sequential("my_model",
//		nn.Input(400),
//		nn.Dense(25, nn.ReLU).Named("L1"),
//		nn.Dense(15, nn.ReLU).Named("L2"),
//		nn.Dense(10, nn.Linear).Named("L3"),
//	)
//	model.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.001))
//	history := model.MustFit(X, y, nn.Epochs(40)) // y: the class of each row, 0 to 9
//	p := nn.Softmax(model.MustPredict(X))         // probabilities; nn.ArgmaxRows(p): the classes
//
// A layer's kernel may be regularized as Keras's kernel_regularizer=tf.keras.regularizers.l2(0.1) does,
// the penalty counted in the logged loss as Keras counts it:
//
//	nn.Dense(120, nn.ReLU).Named("L1").L2(0.1)
//
// The layers are GoMLX layers (layers.Dense in a model.Store, GoMLX's activations and losses) run on
// GoMLX's pure Go backend by default; the environment variable GOMLX_BACKEND selects another registered
// backend.
//
// # Training loop
//
// Fit trains with GoMLX's own pieces (layers.Dense, the l2_regularization parameter, GoMLX's losses,
// optimizer.Adam, a model.Exec per training step, checkpoint for the saved weights) in a loop of its
// own: each step gathers a shuffled batch on the host and runs one execution that computes the loss and
// applies one Adam update; Fit sums the batch losses weighted by batch size into Keras's epoch loss.
// GoMLX's train.Trainer with dataset.InMemory and a train.Loop hook for the log does the same work
// (trainer_bench_test.go has it) but measured slower on every model of the labs, in CPU time per step
// on the 2-core machine (median of 3-4 runs): week-3 simple model 71 against 79 us (+11%), week-3
// complex 570 against 580 us, binary lab 666 against 687 us, multiclass lab 727 against 748 us (+2
// to 3%). The Trainer runs a second graph per step to gather the batch, and updates two loss metrics of
// its own (the batch loss and a moving average) that the Keras log cannot use; the week-3 lab's
// 130,000 steps are all of small networks, where that overhead weighs most. So Fit keeps its loop.
// In a profile of the week-3 complex model, Fit's own work (batches, tensors, the log) is under 4% of a
// step; the rest is the backend's operations (matrix products about 40%, Adam's element-wise updates
// about 18%, the transposes of the backward pass about 16%).
//
// # State across notebook cells
//
// GoNB runs every cell as a new process. So that a later cell can use a model trained in an earlier one,
// Fit saves the trained weights and the loss history on disk (a GoMLX checkpoint), and Predict, Weights
// and History load them lazily in any later process that declares the same model (same name and same
// layers, regularization included), without retraining. Calling Fit again trains from scratch and replaces the saved weights.
// Declaring a model (Sequential) touches neither the disk nor the backend, so notebooks may re-declare it
// in every cell.
//
// The weights live under $NNLAB_STATE_DIR if set, else under os.UserCacheDir()/nnlab/models, in a
// directory per working directory and notebook (env JPY_SESSION_NAME) and, inside it, one per model
// name and architecture (see [Model.StateDir]). Fit checks that it can write there before it trains.
// Any number of processes may train and predict with the same model at once: each save is written
// aside and renamed into place under an exclusive lock of the model directory (flock; LockFileEx on Windows), each load holds a
// shared one, so a load always finds a complete version, and a process killed at any moment loses at
// most the save it was making (state.go has the details).
//
// # The name
//
// GoMLX has a package nn too (github.com/gomlx/gomlx/ml/nn: graph-level functions such as nn.Dense on
// *graph.Node). This package keeps the name all the same. The notebooks write nn.Sequential, nn.Dense,
// nn.ReLU and nn.Adam where the course writes Keras's Sequential, Dense, relu and Adam (on about 160
// lines of the labs), and no notebook imports GoMLX's nn: a learner never meets the two together. This
// package itself builds on GoMLX's layers and model packages, not on ml/nn. A Go program that needs
// both names one of them at the import, e.g. import gnn "github.com/gomlx/gomlx/ml/nn". A longer name
// (kerasnn, seqmodel) would be read in every cell of every lab, to avoid a clash nobody meets there.
package nn

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/gomlx/gomlx/ml/model"
)

// Activation is the activation function of a Dense layer: one of the constants Sigmoid, ReLU,
// Linear and, for a last layer, SoftmaxActivation. It is a typed constant, as GoMLX's activation.Type is, so a misspelt activation (nn.Sigmod) or
// a string (nn.Dense(25, "sigmoid")) does not compile: the mistake shows in the cell that makes it.
// Its String method gives the name Keras uses ("sigmoid", "relu", "linear").
type Activation int

// The activations of Dense, applied by GoMLX's own functions (package activation). The zero value is
// Linear, as GoMLX's zero activation is none.
const (
	Linear  Activation = iota // z itself: a last layer that outputs logits
	Sigmoid                   // 1 / (1 + e^-z), between 0 and 1: a probability, for a binary output
	ReLU                      // max(0, z): the usual choice for hidden layers
	// SoftmaxActivation makes a last layer output probabilities, the softmax of its units' values
	// (Keras's activation="softmax"), for the course's "obvious" multiclass model compiled with
	// nn.SparseCategoricalCrossentropy(false). The course prefers, and so does this package, a linear
	// last layer with nn.SparseCategoricalCrossentropy(true): the same model, but the loss computes
	// the softmax itself, which is numerically more accurate. (nn.Softmax, the function, applies a
	// softmax to a matrix of logits.)
	SoftmaxActivation
)

// String returns the activation's name as Keras writes it: "sigmoid", "relu", "linear" or "softmax".
func (a Activation) String() string {
	switch a {
	case Linear:
		return "linear"
	case Sigmoid:
		return "sigmoid"
	case ReLU:
		return "relu"
	case SoftmaxActivation:
		return "softmax"
	}
	return fmt.Sprintf("nn.Activation(%d)", int(a))
}

// valid reports whether a is one of the constants.
func (a Activation) valid() bool { return a >= Linear && a <= SoftmaxActivation }

// gomlx returns GoMLX's activation for a (valid) Activation other than SoftmaxActivation (which
// applyActivation applies itself); Linear is GoMLX's "none".
func (a Activation) gomlx() activation.Type {
	switch a {
	case Sigmoid:
		return activation.TypeSigmoid
	case ReLU:
		return activation.TypeRelu
	}
	return activation.TypeNone
}

type layerKind int

const (
	kindInvalid layerKind = iota
	kindInput
	kindDense
)

// Layer is the specification of one layer of a Sequential model, created by Input or Dense.
// It holds no weights: the weights belong to the Model.
type Layer struct {
	kind       layerKind
	units      int
	activation Activation
	name       string
	l2         float64
}

// Input declares the input of a model: rows of n features (Keras's Input(shape=(n,))).
// It must be the first layer given to Sequential.
func Input(n int) Layer {
	return Layer{kind: kindInput, units: n}
}

// Dense declares a fully connected layer with the given number of units and activation:
// nn.Sigmoid, nn.ReLU or nn.Linear. Its weights are a kernel W (inputs x units),
// initialised Glorot-uniform, and a bias b (units), initialised to zero. Name it with Named.
func Dense(units int, activation Activation) Layer {
	return Layer{kind: kindDense, units: units, activation: activation}
}

// Named returns a copy of the layer with the given name, used in Summary ("L1 (Dense)") and Layers.
// Unnamed dense layers are named like Keras does: dense, dense_1, dense_2, ...
func (l Layer) Named(name string) Layer {
	l.name = name
	return l
}

// L2 returns a copy of the layer whose kernel is regularized with the L2 penalty lambda*sum(W^2), as
// Keras's kernel_regularizer=tf.keras.regularizers.l2(lambda) does: Fit adds the penalty of every
// regularized kernel (the biases are not penalised) to each batch's loss, and the loss it logs and
// returns in History includes it, as Keras's does. lambda must be a finite number, 0 or more; 0 means
// no regularization. The penalty is GoMLX's (the l2_regularization parameter of the layer's scope,
// which layers.Dense reads).
func (l Layer) L2(lambda float64) Layer {
	l.l2 = lambda
	return l
}

// LayerInfo describes one dense layer of a built model, for printing and for exercise checks.
type LayerInfo struct {
	Name       string     // layer name, e.g. "dense_1"
	Type       string     // layer type as Keras prints it: "Dense"
	Units      int        // number of units, the layer's output width
	Activation Activation // Sigmoid, ReLU, Linear or SoftmaxActivation
	InputSize  int        // number of inputs of the layer (width of the previous layer)
	Params     int        // trainable parameters: InputSize*Units + Units
	L2         float64    // the factor of the kernel's L2 penalty (see Layer.L2); 0: not regularized
}

// Model is a Sequential model: an input width followed by dense layers.
// Create it with Sequential or NewSequential.
//
// Every method may be called from several goroutines at once, on one Model or on several Models of
// the same architecture (which share the saved weights):
//   - the methods that describe the model (Name, InputSize, OutputSize, Layers, NumLayers, DenseLayer,
//     NumParams, Err, Summary, StateDir, InitialWeights) read only what Sequential fixed, and never wait;
//   - Compile, Loss and Optimizer take the model's lock for a moment;
//   - Fit and SetWeights hold the lock while they train or set the weights and save them, so Compile,
//     Predict, Weights, History and LayerOutput of the same Model wait for them and then see the new
//     weights; Predict, Weights and History hold it while they load the saved weights or compute;
//   - across Models and processes, the saved weights are guarded by a lock of the model's directory
//     (see State across notebook cells in the package documentation).
//
// TestConcurrentUse runs this under the race detector.
type Model struct {
	name      string
	inputSize int
	layers    []LayerInfo
	err       error // set by Sequential for an invalid model; see Err.

	compiled bool // set by Compile, with loss and opt
	loss     Loss
	opt      Optimizer

	// mu guards compiled, loss and opt (Compile) and trained; see the type's documentation.
	mu sync.Mutex
	// The weights (predict.go), trained in this process or loaded from disk.
	trained *trained // nil until the model has weights (trained or loaded).
}

// NewSequential builds a model from its layers: first Input, then one or more Dense layers.
// It returns an error describing the first problem found (no input, bad units, unknown activation,
// duplicate names...). It is cheap: it touches neither the disk nor the compute backend.
func NewSequential(name string, layers ...Layer) (*Model, error) {
	if err := checkStart(name, layers); err != nil {
		return nil, err
	}
	m := &Model{name: name, inputSize: layers[0].units}
	used := map[string]bool{}
	for i, l := range layers[1:] {
		if err := checkDense(name, l, i+2, used); err != nil {
			return nil, err
		}
		in := m.inputSize
		if len(m.layers) > 0 {
			in = m.layers[len(m.layers)-1].Units
		}
		m.layers = append(m.layers, LayerInfo{
			Name: l.name, Type: "Dense", Units: l.units, Activation: l.activation,
			InputSize: in, Params: in*l.units + l.units, L2: l.l2,
		})
	}
	autoName(m.layers, used)
	return m, nil
}

// checkStart checks the model's name and its first layer, nn.Input, followed by at least one more.
func checkStart(name string, layers []Layer) error {
	if name == "" {
		return errors.New("nn: a model needs a name, e.g. Sequential(\"my_model\", ...)")
	}
	if strings.ContainsAny(name, "/\x00") {
		return fmt.Errorf("nn: model name %q must not contain '/'", name)
	}
	if len(layers) == 0 || layers[0].kind != kindInput {
		return fmt.Errorf("nn: model %q must start with nn.Input(n), e.g. Sequential(%q, nn.Input(400), nn.Dense(25, nn.Sigmoid))", name, name)
	}
	if layers[0].units <= 0 {
		return fmt.Errorf("nn: model %q: nn.Input(%d): the number of features must be positive", name, layers[0].units)
	}
	if len(layers) == 1 {
		return fmt.Errorf("nn: model %q has no layers after nn.Input: add at least one nn.Dense", name)
	}
	return nil
}

// checkDense checks layer l of model name, at 1-based position pos among Sequential's arguments, and
// records its name, if given, in used (the names taken so far).
func checkDense(name string, l Layer, pos int, used map[string]bool) error {
	switch l.kind {
	case kindInput:
		return fmt.Errorf("nn: model %q: nn.Input can only be the first layer, found another at position %d", name, pos)
	case kindDense:
	default:
		return fmt.Errorf("nn: model %q: layer at position %d is not a layer made by nn.Dense", name, pos)
	}
	if l.units <= 0 {
		return fmt.Errorf("nn: model %q: nn.Dense(%d, ...) at position %d: units must be positive", name, l.units, pos)
	}
	if !l.activation.valid() {
		return fmt.Errorf("nn: model %q: layer at position %d: unknown activation %v: use nn.Sigmoid, nn.ReLU or nn.Linear", name, pos, l.activation)
	}
	if math.IsNaN(l.l2) || math.IsInf(l.l2, 0) || l.l2 < 0 {
		return fmt.Errorf("nn: model %q: layer at position %d: .L2(%g): the regularization factor must be a finite number, 0 or more", name, pos, l.l2)
	}
	if l.name == "" {
		return nil
	}
	if used[l.name] {
		return fmt.Errorf("nn: model %q: two layers are named %q: layer names must be unique", name, l.name)
	}
	if strings.ContainsAny(l.name, "/\x00") || model.EscapeScopeName(l.name) != l.name {
		return fmt.Errorf("nn: model %q: layer name %q must not contain '/'", name, l.name)
	}
	used[l.name] = true
	return nil
}

// autoName names the unnamed layers like Keras: dense, dense_1, dense_2, ... skipping the names in used.
func autoName(layers []LayerInfo, used map[string]bool) {
	next := 0
	for i := range layers {
		if layers[i].Name != "" {
			continue
		}
		for {
			n := "dense"
			if next > 0 {
				n = fmt.Sprintf("dense_%d", next)
			}
			next++
			if !used[n] {
				layers[i].Name = n
				used[n] = true
				break
			}
		}
	}
}

// Sequential is the notebook-facing form of NewSequential. A notebook declares its model in a
// package-level var, which GoNB evaluates again at the start of every cell, so failing there would
// break every cell of the notebook. Instead, an invalid model carries its error (see Err): Summary,
// Fit, Predict and Weights report it, and the exercise checks report it. The message says what is
// wrong and how to fix it. The cell that declares the model calls MustValidate, so that the mistake
// also shows there, as Keras fails at the line that declares a bad layer.
func Sequential(name string, layers ...Layer) *Model {
	m, err := NewSequential(name, layers...)
	if err != nil {
		return &Model{name: name, err: err}
	}
	return m
}

// MustValidate ends the notebook cell with the reason the model is invalid (see Err), the message
// alone; for a valid model it does nothing. Call it in the cell that declares the model: its
// statements run only in that cell, while the declaration is evaluated again in every later one.
// Outside a notebook cell it panics with the message.
func (m *Model) MustValidate() {
	if err := m.check(); err != nil {
		notebook.Fail(err.Error())
	}
}

// Err returns why the model is invalid, or nil for a valid model. Only Sequential makes invalid models;
// for a nil *Model it returns an error too.
func (m *Model) Err() error { return m.check() }

// errNilModel is what every method of a nil *Model returns or prints.
var errNilModel = errors.New(`nn: the model is nil: declare it with nn.Sequential("my_model", nn.Input(400), nn.Dense(...), ...)`)

// check returns why the model cannot be used: it is nil, or invalid (see Err).
func (m *Model) check() error {
	if m == nil {
		return errNilModel
	}
	return m.err
}

// Name returns the model's name, as given to Sequential ("" for a nil model).
func (m *Model) Name() string {
	if m == nil {
		return ""
	}
	return m.name
}

// InputSize returns the number of input features (the n of Input(n)); 0 for an invalid or nil model.
func (m *Model) InputSize() int {
	if m == nil {
		return 0
	}
	return m.inputSize
}

// OutputSize returns the number of units of the last layer: the number of columns Predict returns.
// It is 0 for an invalid or nil model.
func (m *Model) OutputSize() int {
	if m == nil || len(m.layers) == 0 {
		return 0
	}
	return m.layers[len(m.layers)-1].Units
}

// Layers describes the dense layers in order (the input is not a layer, as in Keras).
// The returned slice is a copy; it is empty for an invalid or nil model.
func (m *Model) Layers() []LayerInfo {
	if m == nil {
		return nil
	}
	return append([]LayerInfo(nil), m.layers...)
}

// NumLayers returns the number of dense layers; 0 for an invalid or nil model.
func (m *Model) NumLayers() int {
	if m == nil {
		return 0
	}
	return len(m.layers)
}

// DenseLayer describes dense layer i (from 0 to NumLayers()-1) as plain values: its name, its number
// of units and its activation's name ("sigmoid", "relu" or "linear"). With InputSize, NumLayers and Err,
// it lets a package describe a model without importing this one and linking GoMLX: figures.Model draws
// any value with these methods.
func (m *Model) DenseLayer(i int) (name string, units int, activation string) {
	l := m.layers[i]
	return l.Name, l.Units, l.Activation.String()
}

// NumParams returns the total number of trainable parameters.
func (m *Model) NumParams() int {
	total := 0
	for _, l := range m.Layers() {
		total += l.Params
	}
	return total
}

// architecture returns a canonical text of everything that determines the shapes and names of the
// weights and what training makes of them: the layers and their regularization. A regularized layer
// adds its exact factor to its line; an unregularized one adds nothing, so models without
// regularization keep the key their state was saved under before regularization existed.
func (m *Model) architecture() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "nnlab/nn sequential v1\nname %q\ninput %d\n", m.name, m.inputSize)
	for _, l := range m.layers {
		fmt.Fprintf(&sb, "dense %q units=%d activation=%s", l.Name, l.Units, l.Activation)
		if l.L2 != 0 {
			fmt.Fprintf(&sb, " l2=%s", strconv.FormatFloat(l.L2, 'g', -1, 64))
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// archHash is a short hash of the architecture, used to key the saved state.
func (m *Model) archHash() string {
	sum := sha256.Sum256([]byte(m.architecture()))
	return hex.EncodeToString(sum[:])[:16]
}
