package nn

import (
	"fmt"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// InitialWeights returns the weights that Fit with nn.Seed(seed) starts training from: Glorot-uniform
// kernels and zero biases, drawn by the same GoMLX initializers in the same order. Keras creates a
// model's weights when the model is built; here they are created when training starts, and this is
// how a notebook looks at them before training. It neither needs nor changes the trained state.
func (m *Model) InitialWeights(seed int64) ([]LayerWeights, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	b, err := backend()
	if err != nil {
		return nil, err
	}
	store := model.NewStore()
	defer store.Finalize()
	store.SetParam(model.ParamInitialSeed, seed)
	exec, err := try(func() (*model.Exec, error) { return model.NewExec(b, store, m.predictGraph) })
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: building the initialisation graph: %w", m.name, err)
	}
	defer exec.Finalize()
	x := tensors.FromFlatDataAndDimensions(make([]float32, m.inputSize), 1, m.inputSize)
	defer release(x)
	out, err := run(exec, x)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: initialising the weights: %w", m.name, err)
	}
	release(out)
	w, err := m.layerWeights(store)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: %w", m.name, err)
	}
	return w, nil
}

// MustInitialWeights is like InitialWeights but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustInitialWeights(seed int64) []LayerWeights {
	return notebook.Must(m.InitialWeights(seed))
}
