package nn

import (
	"fmt"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Goroutines sharing one model, and a second model of the same notebook loading its saved
// weights, all at once: what a Go program may do (in a notebook each cell is a process of its
// own). A third model trains meanwhile, and is compiled again. `make lint` runs this test under the
// race detector.
func TestConcurrentUse(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := toyData(64, 8, 3)
	trained := toyModel(t, "concurrent_model")
	if _, err := trained.Fit(X, y, Epochs(2), Seed(1), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	want, err := trained.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	loaded := toyModel(t, "concurrent_model") // same name and layers: loads on first use
	other := toyModel(t, "concurrent_other")

	var wg sync.WaitGroup
	errs := make(chan error, 16)
	wg.Go(func() {
		if _, ferr := other.Fit(X, y, Epochs(2), Seed(2), Verbose(nil)); ferr != nil {
			errs <- fmt.Errorf("Fit of another model: %w", ferr)
		}
	})
	// Compile while the model trains (a notebook program may recompile in a goroutine): it waits for
	// Fit, and Loss and Optimizer read what it set.
	wg.Go(func() {
		other.Compile(BinaryCrossentropy(), Adam(0.01))
		if l, ok := other.Loss(); !ok || l.String() != BinaryCrossentropy().String() {
			errs <- fmt.Errorf("Loss after Compile: %v, %v", l, ok)
		}
		if o, ok := other.Optimizer(); !ok || o.LearningRate() != 0.01 {
			errs <- fmt.Errorf("Optimizer after Compile: %v, %v", o, ok)
		}
	})
	for i := range 3 {
		for name, m := range map[string]*Model{"trained": trained, "loaded": loaded} {
			wg.Go(func() {
				got, perr := m.Predict(X)
				switch {
				case perr != nil:
					errs <- fmt.Errorf("%s model, goroutine %d: Predict: %w", name, i, perr)
				case !mat.EqualApprox(got, want, 1e-6):
					errs <- fmt.Errorf("%s model, goroutine %d: Predict differs from the trained model's", name, i)
				}
				if _, werr := m.Weights(); werr != nil {
					errs <- fmt.Errorf("%s model, goroutine %d: Weights: %w", name, i, werr)
				}
				if h, herr := m.History(); herr != nil || len(h.Loss) != 2 {
					errs <- fmt.Errorf("%s model, goroutine %d: History: %v, %v; want 2 epochs", name, i, h, herr)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
