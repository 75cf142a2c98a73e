package nn

import (
	"fmt"

	"github.com/mlspec-go/nnlab/autils"
	"github.com/mlspec-go/nnlab/internal/notebook"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"gonum.org/v1/gonum/mat"
)

// SetWeights replaces the model's weights with ws, one LayerWeights per dense layer in layer order
// (Keras's model.set_weights, or layer.set_weights for each layer): W is InputSize x Units and B has
// Units elements. The weights are stored as float32, as Keras does, and saved like a Fit's, so that
// Predict, Weights and LayerOutput use them in this cell and in every later one. The loss history
// becomes empty. The model need not be compiled.
func (m *Model) SetWeights(ws []LayerWeights) error {
	if err := m.check(); err != nil {
		return err
	}
	if len(ws) != len(m.layers) {
		return fmt.Errorf("nn: model %q has %d dense layers, but SetWeights got weights for %d", m.name, len(m.layers), len(ws))
	}
	for i, l := range m.layers {
		if ws[i].W == nil || ws[i].B == nil {
			return fmt.Errorf("nn: model %q: SetWeights: layer %q needs both W and B", m.name, l.Name)
		}
		if r, c := ws[i].W.Dims(); r != l.InputSize || c != l.Units {
			return fmt.Errorf("nn: model %q: SetWeights: layer %q takes W of shape (%d, %d), got (%d, %d)", m.name, l.Name, l.InputSize, l.Units, r, c)
		}
		if n := ws[i].B.Len(); n != l.Units {
			return fmt.Errorf("nn: model %q: SetWeights: layer %q takes b of shape (%d,), got (%d,)", m.name, l.Name, l.Units, n)
		}
	}
	dir, err := m.prepareStateDir()
	if err != nil {
		return fmt.Errorf("nn: model %q: no place to keep its weights: %w", m.name, err)
	}
	store := model.NewStore()
	for i, l := range m.layers {
		scope := store.RootScope().At("%s", l.Name).At("%s", denseScope)
		w := make([]float32, 0, l.InputSize*l.Units)
		for r := range l.InputSize {
			for c := range l.Units {
				w = append(w, float32(ws[i].W.At(r, c)))
			}
		}
		b := make([]float32, l.Units)
		for j := range b {
			b[j] = float32(ws[i].B.AtVec(j))
		}
		if _, err = scope.CreateVariable(kernelName, tensors.FromFlatDataAndDimensions(w, l.InputSize, l.Units)); err == nil {
			_, err = scope.CreateVariable(biasName, tensors.FromFlatDataAndDimensions(b, l.Units))
		}
		if err != nil {
			store.Finalize()
			return fmt.Errorf("nn: model %q: setting the weights of layer %q: %w", m.name, l.Name, err)
		}
	}
	hist := &History{}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.resetTrainedLocked()
	m.trained = &trained{store: store, history: hist}
	if err := m.saveState(dir, store, hist); err != nil {
		return fmt.Errorf("nn: model %q: its new weights could not be saved for later cells: %w", m.name, err)
	}
	return nil
}

// MustSetWeights is like SetWeights but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustSetWeights(ws []LayerWeights) {
	if err := m.SetWeights(ws); err != nil {
		notebook.Fail(err.Error())
	}
}

// NewLayerWeights makes the LayerWeights of one dense layer from rows of W (one row per input, one
// column per unit) and the bias b, as the course writes them: np.array([[-8.94, 0.29, 12.89], ...]).
// It fails if the rows differ in length or b does not have one value per column.
func NewLayerWeights(W [][]float64, b []float64) LayerWeights {
	if len(W) == 0 || len(W[0]) == 0 {
		notebook.Fail("nn: NewLayerWeights needs at least one row and one column of W")
	}
	cols := len(W[0])
	d := mat.NewDense(len(W), cols, nil)
	for i, row := range W {
		if len(row) != cols {
			notebook.Fail(fmt.Sprintf("nn: NewLayerWeights: row %d of W has %d values, row 0 has %d", i, len(row), cols))
		}
		d.SetRow(i, row)
	}
	if len(b) != cols {
		notebook.Fail(fmt.Sprintf("nn: NewLayerWeights: W has %d columns (units) but b has %d values", cols, len(b)))
	}
	return LayerWeights{W: d, B: mat.NewVecDense(cols, append([]float64(nil), b...))}
}

// LayerOutput returns the activations of dense layer k (0 for the first) for every row of X: an
// m x Units matrix whose column j is unit j's output, computed from the model's weights (trained or
// set) in float64 with gonum, layer by layer. The course's labs look at one unit at a time this way:
// each first-layer unit of the coffee-roasting network is a "bad roast" detector.
func (m *Model) LayerOutput(X mat.Matrix, k int) (*mat.Dense, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	if k < 0 || k >= len(m.layers) {
		return nil, fmt.Errorf("nn: model %q has dense layers 0 to %d, not %d", m.name, len(m.layers)-1, k)
	}
	r, c, err := dims("X", X)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: LayerOutput: %w", m.name, err)
	}
	if c != m.inputSize {
		return nil, fmt.Errorf("nn: model %q takes inputs of shape (None, %d), but X has shape (%d, %d)", m.name, m.inputSize, r, c)
	}
	ws, err := m.Weights()
	if err != nil {
		return nil, err
	}
	a := mat.DenseCopyOf(X)
	for i := 0; i <= k; i++ {
		a = DenseForward(a, ws[i], m.layers[i].Activation)
	}
	return a, nil
}

// MustLayerOutput is like LayerOutput but stops on error, for notebook cells.
func (m *Model) MustLayerOutput(X mat.Matrix, k int) *mat.Dense {
	return notebook.Must(m.LayerOutput(X, k))
}

// DenseForward computes one dense layer in float64: g(X·W + b) for every row of X, where g is the
// activation (Sigmoid, ReLU, Linear or SoftmaxActivation, the softmax of each row).
func DenseForward(X mat.Matrix, w LayerWeights, g Activation) *mat.Dense {
	r, _ := X.Dims()
	_, units := w.W.Dims()
	z := mat.NewDense(r, units, nil)
	z.Mul(X, w.W)
	if g == SoftmaxActivation {
		z.Apply(func(_, j int, v float64) float64 { return v + w.B.AtVec(j) }, z)
		return Softmax(z)
	}
	z.Apply(func(_, j int, v float64) float64 {
		v += w.B.AtVec(j)
		switch g {
		case Sigmoid:
			return autils.Sigmoid(v)
		case ReLU:
			return max(0, v)
		}
		return v
	}, z)
	return z
}
