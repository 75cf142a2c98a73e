package nn

import (
	"errors"
	"fmt"

	"github.com/mlspec-go/nnlab/internal/cellerr"

	"github.com/gomlx/compute"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/support/exceptions"
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
	hint string
}

func (e *notTrainedError) Error() string {
	msg := fmt.Sprintf("model %q has not been trained yet: run the cell that calls model.Fit first", e.name)
	if e.hint != "" {
		msg += " (" + e.hint + ")"
	}
	return msg
}

func (e *notTrainedError) Unwrap() error { return ErrNotTrained }

// runtime is the part of a Model that exists once it has weights: the GoMLX store with the variables
// and the compiled prediction graphs.
type runtime struct {
	backend compute.Backend
	store   *model.Store
	predict *model.Exec
}

// resetRuntimeLocked releases the current runtime, if any. m.mu must be held.
func (m *Model) resetRuntimeLocked() {
	if m.rt == nil {
		return
	}
	if m.rt.predict != nil {
		m.rt.predict.Finalize()
	}
	m.rt.store.Finalize()
	m.rt = nil
}

// ensureRuntimeLocked makes sure the model has weights: trained in this process, or loaded from the
// state saved by an earlier Fit. m.mu must be held.
func (m *Model) ensureRuntimeLocked() error {
	if m.rt != nil {
		return nil
	}
	weights, err := m.loadState()
	if err != nil {
		return err
	}
	b, err := backend()
	if err != nil {
		return err
	}
	store := model.NewStore()
	for i, l := range m.layers {
		if _, err := store.CreateVariable(kernelPath(l), weightTensor(weights[i].W)); err != nil {
			return fmt.Errorf("nn: model %q: restoring layer %q: %w", m.name, l.Name, err)
		}
		if _, err := store.CreateVariable(biasPath(l), vecTensor(weights[i].B)); err != nil {
			return fmt.Errorf("nn: model %q: restoring layer %q: %w", m.name, l.Name, err)
		}
	}
	m.rt = &runtime{backend: b, store: store}
	return nil
}

// Predict returns the model's output for every row of X (m x InputSize): an m x OutputSize matrix of
// the last layer's activations (probabilities for a sigmoid layer). The model must have been trained,
// in this process or by an earlier one (an earlier notebook cell).
func (m *Model) Predict(X *mat.Dense) (*mat.Dense, error) {
	if m.err != nil {
		return nil, m.err
	}
	if X == nil {
		return nil, fmt.Errorf("nn: model %q: Predict needs a matrix, got nil", m.name)
	}
	r, c := X.Dims()
	if c != m.inputSize {
		return nil, fmt.Errorf("nn: model %q takes inputs of shape (None, %d), but X has shape (%d, %d)", m.name, m.inputSize, r, c)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.ensureRuntimeLocked(); err != nil {
		return nil, err
	}
	rt := m.rt
	if rt.predict == nil {
		e, err := model.NewExec(rt.backend, rt.store, m.predictGraph)
		if err != nil {
			return nil, fmt.Errorf("nn: model %q: building the prediction graph: %w", m.name, err)
		}
		e.SetMaxCache(-1)
		rt.predict = e
	}
	x := denseToTensor(X)
	defer x.FinalizeAll()
	var outs []*tensors.Tensor
	var err error
	if perr := exceptions.TryCatch[error](func() { outs, err = rt.predict.Call(x) }); perr != nil {
		err = perr
	}
	if err == nil && len(outs) != 1 {
		err = fmt.Errorf("expected 1 output, got %d", len(outs))
	}
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: prediction failed: %w", m.name, err)
	}
	defer outs[0].FinalizeAll()
	flat := tensors.MustCopyFlatData[float32](outs[0])
	res := mat.NewDense(r, m.OutputSize(), nil)
	raw := res.RawMatrix().Data
	for i, v := range flat {
		raw[i] = float64(v)
	}
	return res, nil
}

// MustPredict is like Predict but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustPredict(X *mat.Dense) *mat.Dense {
	p, err := m.Predict(X)
	if err != nil {
		cellerr.Fail(err.Error())
	}
	return p
}

// Weights returns a copy of each dense layer's trained parameters, in layer order: W is
// InputSize x Units and B has Units elements. Like Predict, it needs a model trained in this process
// or by an earlier one.
func (m *Model) Weights() ([]LayerWeights, error) {
	if m.err != nil {
		return nil, m.err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.ensureRuntimeLocked(); err != nil {
		return nil, err
	}
	return m.rt.weights(m)
}

// MustWeights is like Weights but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustWeights() []LayerWeights {
	w, err := m.Weights()
	if err != nil {
		cellerr.Fail(err.Error())
	}
	return w
}

// weights copies the layers' variables out of the store into gonum values.
func (rt *runtime) weights(m *Model) ([]LayerWeights, error) {
	res := make([]LayerWeights, len(m.layers))
	for i, l := range m.layers {
		kv := rt.store.GetVariable(kernelPath(l))
		bv := rt.store.GetVariable(biasPath(l))
		if kv == nil || bv == nil {
			return nil, fmt.Errorf("nn: model %q: layer %q has no weights in the GoMLX store", m.name, l.Name)
		}
		kt, err := kv.Value()
		if err != nil {
			return nil, fmt.Errorf("nn: model %q: reading the kernel of layer %q: %w", m.name, l.Name, err)
		}
		bt, err := bv.Value()
		if err != nil {
			return nil, fmt.Errorf("nn: model %q: reading the bias of layer %q: %w", m.name, l.Name, err)
		}
		if dims := kt.Shape().Dimensions; len(dims) != 2 || dims[0] != l.InputSize || dims[1] != l.Units {
			return nil, fmt.Errorf("nn: model %q: the kernel of layer %q has shape %v, want (%d, %d)", m.name, l.Name, dims, l.InputSize, l.Units)
		}
		if dims := bt.Shape().Dimensions; len(dims) != 1 || dims[0] != l.Units {
			return nil, fmt.Errorf("nn: model %q: the bias of layer %q has shape %v, want (%d,)", m.name, l.Name, dims, l.Units)
		}
		kf := tensors.MustCopyFlatData[float32](kt)
		bf := tensors.MustCopyFlatData[float32](bt)
		w := mat.NewDense(l.InputSize, l.Units, nil)
		for j, v := range kf {
			w.RawMatrix().Data[j] = float64(v)
		}
		bvec := mat.NewVecDense(l.Units, nil)
		for j, v := range bf {
			bvec.SetVec(j, float64(v))
		}
		res[i] = LayerWeights{W: w, B: bvec}
	}
	return res, nil
}

// weightTensor and vecTensor convert gonum values to float32 tensors.
func weightTensor(w *mat.Dense) *tensors.Tensor { return denseToTensor(w) }

func vecTensor(v *mat.VecDense) *tensors.Tensor {
	flat := make([]float32, v.Len())
	for i := range flat {
		flat[i] = float32(v.AtVec(i))
	}
	return tensors.FromFlatDataAndDimensions(flat, len(flat))
}
