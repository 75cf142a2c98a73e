package nn

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/mlspec-go/nnlab/internal/nilmat"
	"github.com/mlspec-go/nnlab/internal/notebook"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"gonum.org/v1/gonum/mat"
)

// History is what Fit returns: the loss of every epoch (the mean over the epoch's examples of the
// loss each example had when its batch was processed, as Keras reports it).
type History struct {
	Loss []float64 `json:"loss"`
}

// Fit trains the model on X (m x InputSize) and y with the loss and optimizer given to Compile, printing
// Keras's log (see Verbose): one "Epoch k/N" line and one progress line per epoch, written together.
// y is m x OutputSize with labels 0 or 1 for BinaryCrossentropy, m x 1 with class numbers
// 0..OutputSize-1 for SparseCategoricalCrossentropy. Each call starts from fresh initial
// weights (Glorot-uniform kernels, zero biases), so running a training cell again retrains the model.
// Before training it checks that the weights can be kept on disk (see StateDir); after training it
// saves them, so that later processes (later notebook cells) that declare the same model get them in
// Predict and Weights.
func (m *Model) Fit(X, y mat.Matrix, opts ...FitOption) (*History, error) {
	return m.fit(X, y, opts, plainNames)
}

// MustFit is like Fit but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustFit(X, y mat.Matrix, opts ...FitOption) *History {
	return notebook.Must(m.fit(X, y, opts, mustNames))
}

// fit validates the arguments, checks that the weights can be saved, trains, and saves. It holds the
// model's lock throughout, so that Compile cannot change the loss or the optimizer between the checks
// and the training.
func (m *Model) fit(X, y mat.Matrix, opts []FitOption, call callNames) (*History, error) {
	if m == nil {
		return nil, m.check()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	data, cfg, err := m.validate(X, y, opts, call)
	if err != nil {
		return nil, err
	}
	dir, err := m.prepareStateDir()
	if err != nil {
		return nil, err
	}
	store, hist, err := m.train(data, cfg)
	if err != nil {
		return nil, err
	}
	// The store now holds the trained weights (and Adam's state): keep it for Predict/Weights in this
	// process, and save the weights for later processes.
	m.resetTrainedLocked()
	m.trained = &trained{store: store, history: hist}
	if err := m.saveState(dir, store, hist); err != nil {
		return hist, fmt.Errorf("nn: model %q was trained but its weights could not be saved for later cells: %w", m.name, err)
	}
	return hist, nil
}

// trainingData is the training set as Fit's loop uses it: X as float32 rows and the function that
// makes the labels of a batch.
type trainingData struct {
	x       []float32
	n, cols int
	yBatch  func(rows []int) *tensors.Tensor
}

// validate checks the model, its compilation, the options and the data, and returns the data ready
// for training with the options applied, or an error a learner can act on.
func (m *Model) validate(X, y mat.Matrix, opts []FitOption, call callNames) (trainingData, fitConfig, error) {
	cfg := defaultFitConfig()
	for _, o := range opts {
		o(&cfg)
	}
	fail := func(err error) (trainingData, fitConfig, error) { return trainingData{}, cfg, err }
	if err := m.check(); err != nil {
		return fail(err)
	}
	if err := m.checkCompiled(call); err != nil {
		return fail(err)
	}
	if cfg.epochs < 1 {
		return fail(fmt.Errorf("nn: model %q: %s needs at least one epoch, got nn.Epochs(%d)", m.name, call.fit, cfg.epochs))
	}
	if cfg.batchSize < 1 {
		return fail(fmt.Errorf("nn: model %q: %s needs a positive batch size, got nn.BatchSize(%d)", m.name, call.fit, cfg.batchSize))
	}
	n, cols, err := dims("X", X)
	if err != nil {
		return fail(fmt.Errorf("nn: model %q: %s: %w", m.name, call.fit, err))
	}
	if cols != m.inputSize {
		return fail(fmt.Errorf("nn: model %q takes inputs of shape (None, %d), but X has shape (%d, %d)", m.name, m.inputSize, n, cols))
	}
	yr, yc, err := dims("y", y)
	if err != nil {
		return fail(fmt.Errorf("nn: model %q: %s: %w", m.name, call.fit, err))
	}
	sparse := m.loss.name == sparseCategoricalName
	wantYC, perRow := m.OutputSize(), ""
	if sparse {
		wantYC, perRow = 1, " (one class number per row)"
	}
	if yr != n || yc != wantYC {
		return fail(fmt.Errorf("nn: model %q: X has shape (%d, %d), so y must have shape (%d, %d)%s, but y has shape (%d, %d)",
			m.name, n, cols, n, wantYC, perRow, yr, yc))
	}
	xf, err := toFloat32("X", X)
	if err != nil {
		return fail(fmt.Errorf("nn: model %q: %w", m.name, err))
	}
	yBatch, err := m.labels(y)
	if err != nil {
		return fail(fmt.Errorf("nn: model %q: %w", m.name, err))
	}
	return trainingData{x: xf, n: n, cols: cols, yBatch: yBatch}, cfg, nil
}

// train trains fresh weights on the data and returns the store that holds them and the loss history,
// printing Keras's log to cfg.out. It needs m.mu held.
func (m *Model) train(data trainingData, cfg fitConfig) (*model.Store, *History, error) {
	b, err := backend()
	if err != nil {
		return nil, nil, err
	}
	store := model.NewStore()
	done := false
	defer func() {
		if !done {
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
	exec, err := try(func() (*model.Exec, error) { return model.NewExec(b, store, m.trainGraph(m.opt.learningRate)) })
	if err != nil {
		return nil, nil, fmt.Errorf("nn: model %q: building the training graph: %w", m.name, err)
	}
	defer exec.Finalize()
	exec.SetMaxCache(-1)

	// The data as float32 rows, shuffled on the host every epoch into per-step batch tensors.
	n := data.n
	steps := (n + cfg.batchSize - 1) / cfg.batchSize
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	hist := &History{}
	for epoch := range cfg.epochs {
		start := time.Now()
		shuffleRNG.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		epochLoss, eerr := m.epoch(exec, data, perm, cfg.batchSize)
		if eerr != nil {
			return nil, nil, eerr
		}
		hist.Loss = append(hist.Loss, epochLoss)
		if cfg.out != nil {
			// One write per epoch, so that a notebook receives whole epochs. The log is for the
			// reader: a writer that fails (a closed pipe) does not undo the training, so its error
			// is not Fit's.
			var buf bytes.Buffer
			fmt.Fprintf(&buf, "Epoch %d/%d\n%s\n", epoch+1, cfg.epochs, progressLine(steps, time.Since(start), epochLoss))
			_, _ = cfg.out.Write(buf.Bytes())
		}
	}
	done = true
	return store, hist, nil
}

// epoch runs one training step per batch of the rows in perm's order and returns Keras's epoch loss:
// the batch losses weighted by the batch sizes.
func (m *Model) epoch(exec *model.Exec, data trainingData, perm []int, batchSize int) (float64, error) {
	var sum float64
	for k := 0; k < len(perm); k += batchSize {
		rows := perm[k:min(k+batchSize, len(perm))]
		xb, yb := gatherRows(data.x, data.cols, rows), data.yBatch(rows)
		out, err := run(exec, xb, yb)
		release(xb, yb)
		if err != nil {
			return 0, fmt.Errorf("nn: model %q: training step failed: %w", m.name, err)
		}
		sum += float64(tensors.ToScalar[float32](out)) * float64(len(rows))
		release(out)
	}
	return sum / float64(len(perm)), nil
}

// History returns the loss history of the model's last training: the one Fit returned in this process,
// or the one saved with the weights by the Fit of an earlier process (an earlier notebook cell), so a
// later cell can plot it without training again. Like Predict, it needs a trained model.
func (m *Model) History() (*History, error) {
	return m.history(plainNames)
}

// MustHistory is like History but stops on error, for notebook cells: in a GoNB cell it prints
// the error's message and fails the cell without a Go stack trace; elsewhere it panics.
func (m *Model) MustHistory() *History {
	return notebook.Must(m.history(mustNames))
}

func (m *Model) history(call callNames) (*History, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.ensureTrainedLocked(call); err != nil {
		return nil, err
	}
	return &History{Loss: append([]float64(nil), m.trained.history.Loss...)}, nil
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

// dims returns the shape of a matrix given to Fit or Predict, or a learner-readable error when there is
// no matrix (nil, also a nil *mat.Dense) or it has no rows.
func dims(name string, a mat.Matrix) (r, c int, err error) {
	if nilmat.Is(a) {
		return 0, 0, fmt.Errorf("%s is a nil matrix: it holds no data", name)
	}
	r, c = a.Dims()
	if r == 0 || c == 0 {
		return r, c, fmt.Errorf("%s has shape (%d, %d): it needs at least one row and one column", name, r, c)
	}
	return r, c, nil
}

// toFloat32 returns the matrix's values as float32, row-major, checking that they are finite numbers
// that float32 can hold.
func toFloat32(name string, a mat.Matrix) ([]float32, error) {
	r, c := a.Dims()
	flat := make([]float32, r*c)
	for i := range r {
		for j := range c {
			v := a.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > math.MaxFloat32 {
				return nil, fmt.Errorf("%s[%d, %d] is %g: the data must be finite numbers (below %g in size, for float32)", name, i, j, v, math.MaxFloat32)
			}
			flat[i*c+j] = float32(v)
		}
	}
	return flat, nil
}

// labels checks the labels y against the loss and returns the function that makes a batch of them:
// float32 0/1 values for the binary loss, float32 targets for the mean squared error, int32 class numbers
// for the sparse one.
func (m *Model) labels(y mat.Matrix) (func(rows []int) *tensors.Tensor, error) {
	r, c := y.Dims()
	if m.loss.name == sparseCategoricalName {
		classes := make([]int32, r)
		for i := range r {
			v := y.At(i, 0)
			if v != math.Trunc(v) || v < 0 || v >= float64(m.OutputSize()) {
				return nil, fmt.Errorf("nn.SparseCategoricalCrossentropy needs class numbers 0 to %d (whole numbers), but row %d of y holds %g",
					m.OutputSize()-1, i, v)
			}
			classes[i] = int32(v)
		}
		return func(rows []int) *tensors.Tensor { return gatherRows(classes, 1, rows) }, nil
	}
	flat := make([]float32, r*c)
	for i := range r {
		for j := range c {
			v := y.At(i, j)
			if m.loss.name == binaryName && v != 0 && v != 1 {
				return nil, fmt.Errorf("binary cross-entropy needs labels 0 or 1, but y[%d, %d] = %g", i, j, v)
			}
			flat[i*c+j] = float32(v)
		}
	}
	return func(rows []int) *tensors.Tensor { return gatherRows(flat, c, rows) }, nil
}

// gatherRows returns a [len(rows), cols] tensor with the given rows of the row-major data.
func gatherRows[T float32 | int32](data []T, cols int, rows []int) *tensors.Tensor {
	out := make([]T, len(rows)*cols)
	for i, r := range rows {
		copy(out[i*cols:(i+1)*cols], data[r*cols:(r+1)*cols])
	}
	return tensors.FromFlatDataAndDimensions(out, len(rows), cols)
}
