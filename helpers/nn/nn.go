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
// aside and renamed into place under an exclusive flock of the model directory, each load holds a
// shared one, so a load always finds a complete version, and a process killed at any moment loses at
// most the save it was making (state.go has the details).
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

// Activation is the activation function of a Dense layer: Sigmoid, ReLU or Linear. Being a string type,
// it also takes the names Keras uses: nn.Dense(25, "relu") is nn.Dense(25, nn.ReLU).
type Activation string

// The activations of Dense, applied by GoMLX's own functions (package activation).
const (
	Sigmoid Activation = "sigmoid" // 1 / (1 + e^-z), between 0 and 1: a probability, for a binary output
	ReLU    Activation = "relu"    // max(0, z): the usual choice for hidden layers
	Linear  Activation = "linear"  // z itself: a last layer that outputs logits
)

// gomlx returns GoMLX's activation for a (valid) Activation; Linear is GoMLX's "none".
func (a Activation) gomlx() activation.Type {
	if a == Linear {
		return activation.TypeNone
	}
	return activation.FromName(string(a))
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
// Sigmoid, ReLU or Linear (also "" for linear). Its weights are a kernel W (inputs x units),
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
	Activation Activation // Sigmoid, ReLU or Linear
	InputSize  int        // number of inputs of the layer (width of the previous layer)
	Params     int        // trainable parameters: InputSize*Units + Units
	L2         float64    // the factor of the kernel's L2 penalty (see Layer.L2); 0: not regularized
}

// Model is a Sequential model: an input width followed by dense layers.
// Create it with Sequential or NewSequential. A Model is safe for use by one goroutine at a time.
type Model struct {
	name      string
	inputSize int
	layers    []LayerInfo
	err       error // set by Sequential for an invalid model; see Err.

	compiled bool
	loss     Loss
	opt      Optimizer

	// Runtime state (predict.go): the weights, trained in this process or loaded from disk.
	mu sync.Mutex
	rt *runtime // nil until the model has weights (trained or loaded).
}

// NewSequential builds a model from its layers: first Input, then one or more Dense layers.
// It returns an error describing the first problem found (no input, bad units, unknown activation,
// duplicate names...). It is cheap: it touches neither the disk nor the compute backend.
func NewSequential(name string, layers ...Layer) (*Model, error) {
	if name == "" {
		return nil, errors.New("nn: a model needs a name, e.g. Sequential(\"my_model\", ...)")
	}
	if strings.ContainsAny(name, "/\x00") {
		return nil, fmt.Errorf("nn: model name %q must not contain '/'", name)
	}
	if len(layers) == 0 || layers[0].kind != kindInput {
		return nil, fmt.Errorf("nn: model %q must start with nn.Input(n), e.g. Sequential(%q, nn.Input(400), nn.Dense(25, \"sigmoid\"))", name, name)
	}
	if layers[0].units <= 0 {
		return nil, fmt.Errorf("nn: model %q: nn.Input(%d): the number of features must be positive", name, layers[0].units)
	}
	if len(layers) == 1 {
		return nil, fmt.Errorf("nn: model %q has no layers after nn.Input: add at least one nn.Dense", name)
	}
	m := &Model{name: name, inputSize: layers[0].units}
	used := map[string]bool{}
	for i, l := range layers[1:] {
		pos := i + 2 // 1-based position among the arguments.
		switch l.kind {
		case kindInput:
			return nil, fmt.Errorf("nn: model %q: nn.Input can only be the first layer, found another at position %d", name, pos)
		case kindDense:
		default:
			return nil, fmt.Errorf("nn: model %q: layer at position %d is not a layer made by nn.Dense", name, pos)
		}
		if l.units <= 0 {
			return nil, fmt.Errorf("nn: model %q: nn.Dense(%d, ...) at position %d: units must be positive", name, l.units, pos)
		}
		act, err := normalizeActivation(l.activation)
		if err != nil {
			return nil, fmt.Errorf("nn: model %q: layer at position %d: %w", name, pos, err)
		}
		if math.IsNaN(l.l2) || math.IsInf(l.l2, 0) || l.l2 < 0 {
			return nil, fmt.Errorf("nn: model %q: layer at position %d: .L2(%g): the regularization factor must be a finite number, 0 or more", name, pos, l.l2)
		}
		if l.name != "" {
			if used[l.name] {
				return nil, fmt.Errorf("nn: model %q: two layers are named %q: layer names must be unique", name, l.name)
			}
			if strings.ContainsAny(l.name, "/\x00") || model.EscapeScopeName(l.name) != l.name {
				return nil, fmt.Errorf("nn: model %q: layer name %q must not contain '/'", name, l.name)
			}
			used[l.name] = true
		}
		in := m.inputSize
		if len(m.layers) > 0 {
			in = m.layers[len(m.layers)-1].Units
		}
		m.layers = append(m.layers, LayerInfo{
			Name: l.name, Type: "Dense", Units: l.units, Activation: act,
			InputSize: in, Params: in*l.units + l.units, L2: l.l2,
		})
	}
	// Auto-name unnamed layers like Keras: dense, dense_1, dense_2, ... skipping names in use.
	next := 0
	for i := range m.layers {
		if m.layers[i].Name != "" {
			continue
		}
		for {
			n := "dense"
			if next > 0 {
				n = fmt.Sprintf("dense_%d", next)
			}
			next++
			if !used[n] {
				m.layers[i].Name = n
				used[n] = true
				break
			}
		}
	}
	return m, nil
}

// Sequential is the notebook-facing form of NewSequential. A notebook declares its model in a
// package-level var, which GoNB evaluates again at the start of every cell, so failing there would
// break every cell of the notebook. Instead, an invalid model carries its error (see Err): Summary,
// Fit, Predict and Weights report it, and the exercise checks report it. The message says what is
// wrong and how to fix it. In the GoNB cell that declares the model (see declare.go), an invalid
// model ends the cell with that message, as Keras fails at the line that declares a bad layer.
func Sequential(name string, layers ...Layer) *Model {
	m, err := NewSequential(name, layers...)
	if err != nil {
		if declaredHere(name) {
			notebook.Fail(err.Error())
		}
		return &Model{name: name, err: err}
	}
	declaredHere(name) // record the declaration, so that a mistake made later shows where it is made
	return m
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

func normalizeActivation(a Activation) (Activation, error) {
	switch strings.ToLower(string(a)) {
	case "sigmoid":
		return Sigmoid, nil
	case "relu":
		return ReLU, nil
	case "linear", "":
		return Linear, nil
	}
	return "", fmt.Errorf("unknown activation %q: use \"sigmoid\", \"relu\" or \"linear\"", a)
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
