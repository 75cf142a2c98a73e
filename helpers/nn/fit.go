package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/mlspec-go/nnlab/internal/cellerr"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/support/exceptions"
	"gonum.org/v1/gonum/mat"
)

// History is what Fit returns: the loss of every epoch (the mean over the epoch's examples of the
// loss each example had when its batch was processed, as Keras reports it).
type History struct {
	Loss []float64
}

// Fit trains the model on X (m x InputSize) and y (m x OutputSize, labels 0 or 1) with the loss and
// optimizer given to Compile, printing Keras's log (see Verbose). Each call starts from fresh initial
// weights (Glorot-uniform kernels, zero biases), so running a training cell again retrains the model.
// After training, the weights are saved on disk so that later processes (later notebook cells) that
// declare the same model get them in Predict and Weights.
func (m *Model) Fit(X, y *mat.Dense, opts ...FitOption) (*History, error) {
	if m.err != nil {
		return nil, m.err
	}
	cfg := defaultFitConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if err := m.checkCompiled(); err != nil {
		return nil, err
	}
	if cfg.epochs < 1 {
		return nil, fmt.Errorf("nn: model %q: Fit needs at least one epoch, got nn.Epochs(%d)", m.name, cfg.epochs)
	}
	if cfg.batchSize < 1 {
		return nil, fmt.Errorf("nn: model %q: Fit needs a positive batch size, got nn.BatchSize(%d)", m.name, cfg.batchSize)
	}
	if X == nil || y == nil {
		return nil, fmt.Errorf("nn: model %q: Fit needs X and y, got a nil matrix", m.name)
	}
	n, cols := X.Dims()
	if cols != m.inputSize {
		return nil, fmt.Errorf("nn: model %q takes inputs of shape (None, %d), but X has shape (%d, %d)", m.name, m.inputSize, n, cols)
	}
	yr, yc := y.Dims()
	if yr != n || yc != m.OutputSize() {
		return nil, fmt.Errorf("nn: model %q: X has shape (%d, %d), so y must have shape (%d, %d), but y has shape (%d, %d)",
			m.name, n, cols, n, m.OutputSize(), yr, yc)
	}
	if err := checkFinite("X", X); err != nil {
		return nil, fmt.Errorf("nn: model %q: %w", m.name, err)
	}
	for i := range yr {
		for j := range yc {
			if v := y.At(i, j); v != 0 && v != 1 {
				return nil, fmt.Errorf("nn: model %q: binary cross-entropy needs labels 0 or 1, but y[%d, %d] = %g", m.name, i, j, v)
			}
		}
	}

	b, err := backend()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()

	store := model.NewStore()
	trained := false
	defer func() {
		if !trained {
			store.Finalize()
		}
	}()
	var shuffleRNG *rand.Rand
	if cfg.seeded {
		store.SetParam(model.ParamInitialSeed, cfg.seed)
		shuffleRNG = rand.New(rand.NewPCG(uint64(cfg.seed), 0x6e6e6c6162))
	} else {
		shuffleRNG = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	exec, err := model.NewExec(b, store, m.trainGraph(m.opt.learningRate))
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: building the training graph: %w", m.name, err)
	}
	defer exec.Finalize()
	exec.SetMaxCache(-1)

	// The data as float32 rows, shuffled on the host every epoch into per-step batch tensors.
	xf, yf := denseToFloat32(X), denseToFloat32(y)
	steps := (n + cfg.batchSize - 1) / cfg.batchSize
	stepsPerCall := cfg.stepsPerCall
	if stepsPerCall <= 0 || stepsPerCall > steps {
		stepsPerCall = steps
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	hist := &History{}
	out := cfg.out
	for epoch := range cfg.epochs {
		if out != nil {
			fmt.Fprintf(out, "Epoch %d/%d\n", epoch+1, cfg.epochs)
		}
		start := time.Now()
		shuffleRNG.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		var sum float64
		for s := 0; s < steps; s += stepsPerCall {
			var batches []*tensors.Tensor
			for k := s; k < min(s+stepsPerCall, steps); k++ {
				rows := perm[k*cfg.batchSize : min((k+1)*cfg.batchSize, n)]
				batches = append(batches, gatherRows(xf, cols, rows), gatherRows(yf, yc, rows))
			}
			var outs []*tensors.Tensor
			err := exceptions.TryCatch[error](func() {
				outs, err = exec.Call(batches)
			})
			for _, t := range batches {
				_ = t.FinalizeAll()
			}
			if err == nil && len(outs) != 1 {
				err = fmt.Errorf("expected 1 output, got %d", len(outs))
			}
			if err != nil {
				return nil, fmt.Errorf("nn: model %q: training step failed: %w", m.name, err)
			}
			sum += float64(tensors.ToScalar[float32](outs[0]))
			_ = outs[0].FinalizeAll()
		}
		epochLoss := sum / float64(n)
		hist.Loss = append(hist.Loss, epochLoss)
		if out != nil {
			fmt.Fprintln(out, progressLine(steps, time.Since(start), epochLoss))
		}
	}

	// The store now holds the trained weights (and Adam's state): keep it for Predict/Weights in this
	// process, and save the weights for later processes.
	m.resetRuntimeLocked()
	m.rt = &runtime{backend: b, store: store}
	trained = true
	weights, err := m.rt.weights(m)
	if err != nil {
		return nil, err
	}
	if err := m.saveState(weights); err != nil {
		return hist, fmt.Errorf("nn: model %q was trained but its weights could not be saved for later cells: %w", m.name, err)
	}
	return hist, nil
}

// MustFit is like Fit but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustFit(X, y *mat.Dense, opts ...FitOption) *History {
	h, err := m.Fit(X, y, opts...)
	if err != nil {
		cellerr.Fail(err.Error())
	}
	return h
}

// progressLine formats the end-of-epoch line of Keras's progress bar:
// "32/32 [==============================] - 0s 1ms/step - loss: 0.6348".
func progressLine(steps int, elapsed time.Duration, loss float64) string {
	perStep := elapsed.Seconds() / float64(steps)
	var unit string
	switch {
	case perStep >= 1 || perStep == 0:
		unit = fmt.Sprintf("%.0fs/step", perStep)
	case perStep >= 1e-3:
		unit = fmt.Sprintf("%.0fms/step", perStep*1e3)
	default:
		unit = fmt.Sprintf("%.0fus/step", perStep*1e6)
	}
	var lossStr string
	if math.Abs(loss) > 1e-3 {
		lossStr = fmt.Sprintf("%.4f", loss)
	} else {
		lossStr = fmt.Sprintf("%.4e", loss)
	}
	return fmt.Sprintf("%d/%d [%s] - %.0fs %s - loss: %s",
		steps, steps, strings.Repeat("=", 30), elapsed.Seconds(), unit, lossStr)
}

// denseToFloat32 returns the matrix's values as float32, row-major.
func denseToFloat32(a *mat.Dense) []float32 {
	r, c := a.Dims()
	flat := make([]float32, r*c)
	for i := range r {
		for j, v := range a.RawRowView(i) {
			flat[i*c+j] = float32(v)
		}
	}
	return flat
}

// gatherRows returns a [len(rows), cols] tensor with the given rows of the row-major data.
func gatherRows(data []float32, cols int, rows []int) *tensors.Tensor {
	out := make([]float32, len(rows)*cols)
	for i, r := range rows {
		copy(out[i*cols:(i+1)*cols], data[r*cols:(r+1)*cols])
	}
	return tensors.FromFlatDataAndDimensions(out, len(rows), cols)
}

// denseToTensor converts a gonum matrix to a float32 GoMLX tensor of the same shape.
func denseToTensor(a *mat.Dense) *tensors.Tensor {
	r, c := a.Dims()
	return tensors.FromFlatDataAndDimensions(denseToFloat32(a), r, c)
}

func checkFinite(name string, a *mat.Dense) error {
	r, c := a.Dims()
	for i := range r {
		for j, v := range a.RawRowView(i)[:c] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%s[%d, %d] is %g: the data must be finite numbers", name, i, j, v)
			}
		}
	}
	return nil
}
