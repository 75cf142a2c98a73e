package nn

import (
	"errors"
	"fmt"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"gonum.org/v1/gonum/mat"
)

// LayerWeights holds one dense layer's parameters as gonum values: the kernel W (inputs x units)
// and the bias B (units).
type LayerWeights struct {
	W *mat.Dense
	B *mat.VecDense
}

// ErrNotTrained is wrapped by the errors of Predict and Weights when the model has no trained weights,
// neither in this process nor saved by an earlier one. Test for it with errors.Is.
var ErrNotTrained = errors.New("model not trained")

// notTrainedError explains to a learner what to do.
type notTrainedError struct {
	name string
	fit  string // the call that trains, as the learner's cell spells it
	hint string
}

func (e *notTrainedError) Error() string {
	msg := fmt.Sprintf("model %q has not been trained yet: run the cell that calls %s first", e.name, e.fit)
	if e.hint != "" {
		msg += " (" + e.hint + ")"
	}
	return msg
}

func (e *notTrainedError) Unwrap() error { return ErrNotTrained }

// callNames are the names, in messages, of the methods a learner calls: a notebook cell uses the Must forms.
type callNames struct {
	fit, predict string
}

var (
	plainNames = callNames{fit: "model.Fit", predict: "model.Predict"}
	mustNames  = callNames{fit: "model.MustFit", predict: "model.MustPredict"}
)

// trained is the part of a Model that exists once it has weights: the GoMLX store with the variables,
// the compiled prediction graph and the training history.
type trained struct {
	store   *model.Store
	predict *model.Exec
	history *History
}

// resetTrainedLocked releases the trained part (weights, prediction graph, history), if any. m.mu must be held.
func (m *Model) resetTrainedLocked() {
	if m.trained == nil {
		return
	}
	if m.trained.predict != nil {
		m.trained.predict.Finalize()
	}
	m.trained.store.Finalize()
	m.trained = nil
}

// ensureTrainedLocked makes sure the model has weights: trained in this process, or loaded from the
// state saved by an earlier Fit. m.mu must be held.
func (m *Model) ensureTrainedLocked(call callNames) error {
	if m.trained != nil {
		return nil
	}
	store, hist, err := m.loadState(call)
	if err != nil {
		return err
	}
	m.trained = &trained{store: store, history: hist}
	return nil
}

// Predict returns the model's output for every row of X (m x InputSize): an m x OutputSize matrix of
// the last layer's activations: probabilities for a sigmoid layer, logits for a linear one (as Keras;
// nn.Softmax turns them into probabilities). The model must have been trained, in this process or by
// an earlier one (an earlier notebook cell).
func (m *Model) Predict(X mat.Matrix) (*mat.Dense, error) {
	return m.predict(X, plainNames)
}

// MustPredict is like Predict but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustPredict(X mat.Matrix) *mat.Dense {
	return notebook.Must(m.predict(X, mustNames))
}

func (m *Model) predict(X mat.Matrix, call callNames) (*mat.Dense, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	r, c, err := dims("X", X)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: %s: %w", m.name, call.predict, err)
	}
	if c != m.inputSize {
		return nil, fmt.Errorf("nn: model %q takes inputs of shape (None, %d), but X has shape (%d, %d)", m.name, m.inputSize, r, c)
	}
	xf, err := toFloat32("X", X)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: %s: %w", m.name, call.predict, err)
	}
	b, err := backend()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err = m.ensureTrainedLocked(call); err != nil {
		return nil, err
	}
	t := m.trained
	if t.predict == nil {
		t.predict, err = try(func() (*model.Exec, error) { return model.NewExec(b, t.store, m.predictGraph) })
		if err != nil {
			return nil, fmt.Errorf("nn: model %q: building the prediction graph: %w", m.name, err)
		}
		t.predict.SetMaxCache(-1)
	}
	x := tensors.FromFlatDataAndDimensions(xf, r, c)
	defer release(x)
	out, err := run(t.predict, x)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: prediction failed: %w", m.name, err)
	}
	defer release(out)
	flat, err := flatFloat32(out)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: reading the prediction: %w", m.name, err)
	}
	res := mat.NewDense(r, m.OutputSize(), nil)
	raw := res.RawMatrix().Data
	for i, v := range flat {
		raw[i] = float64(v)
	}
	return res, nil
}

// Weights returns a copy of each dense layer's trained parameters, in layer order: W is
// InputSize x Units and B has Units elements. Like Predict, it needs a model trained in this process
// or by an earlier one.
func (m *Model) Weights() ([]LayerWeights, error) {
	return m.weights(plainNames)
}

// MustWeights is like Weights but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustWeights() []LayerWeights {
	return notebook.Must(m.weights(mustNames))
}

func (m *Model) weights(call callNames) ([]LayerWeights, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.ensureTrainedLocked(call); err != nil {
		return nil, err
	}
	w, err := m.layerWeights(m.trained.store)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: %w", m.name, err)
	}
	return w, nil
}

// layerWeights copies the layers' variables out of a store into gonum values, checking their shapes.
func (m *Model) layerWeights(store *model.Store) ([]LayerWeights, error) {
	res := make([]LayerWeights, len(m.layers))
	for i, l := range m.layers {
		w, err := variableValues(store, kernelPath(l), l.InputSize, l.Units)
		if err != nil {
			return nil, fmt.Errorf("the kernel of layer %q: %w", l.Name, err)
		}
		b, err := variableValues(store, biasPath(l), l.Units)
		if err != nil {
			return nil, fmt.Errorf("the bias of layer %q: %w", l.Name, err)
		}
		res[i] = LayerWeights{W: mat.NewDense(l.InputSize, l.Units, w), B: mat.NewVecDense(l.Units, b)}
	}
	return res, nil
}

// variableValues returns the values of the store's variable at path, which must have the given shape.
func variableValues(store *model.Store, path string, dims ...int) ([]float64, error) {
	v := store.GetVariable(path)
	if v == nil {
		return nil, fmt.Errorf("variable %s is missing", path)
	}
	t, err := v.Value()
	if err != nil {
		return nil, err
	}
	if got := t.Shape().Dimensions; fmt.Sprint(got) != fmt.Sprint(dims) {
		return nil, fmt.Errorf("variable %s has shape %v, want %v", path, got, dims)
	}
	flat, err := flatFloat32(t)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(flat))
	for i, x := range flat {
		out[i] = float64(x)
	}
	return out, nil
}
