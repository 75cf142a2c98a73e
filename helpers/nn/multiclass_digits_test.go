package nn

import (
	"testing"

	"github.com/mlspec-go/nnlab/autils"
)

// TestTrainMulticlassOnDigits trains the multiclass lab's network as its notebook does (relu, relu,
// linear; sparse cross-entropy from logits; Adam 0.001; batch 32; 40 epochs) on the lab's 5000 digits
// and checks the plausible ranges of C2_W2.md: a first loss of about 1.4-1.9, under 0.5 by epoch 4, a
// last loss of 0.02-0.06 (here up to 0.1), X[1015] predicted a two, and few training errors.
func TestTrainMulticlassOnDigits(t *testing.T) {
	if testing.Short() {
		t.Skip("40 epochs on 5000 digits")
	}
	t.Setenv(StateDirEnv, t.TempDir())
	X, y := autils.LoadDataMulticlass()
	m := Sequential("my_model", Input(400),
		Dense(25, ReLU).Named("L1"), Dense(15, ReLU).Named("L2"), Dense(10, Linear).Named("L3"))
	m.Compile(SparseCategoricalCrossentropy(true), Adam(0.001))
	h, err := m.Fit(X, y, Epochs(40), Seed(1234), Verbose(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("losses: first %.4f, epoch 4 %.4f, last %.4f", h.Loss[0], h.Loss[3], h.Loss[39])
	if h.Loss[0] < 1.2 || h.Loss[0] > 2.1 || h.Loss[3] > 0.5 || h.Loss[39] > 0.1 {
		t.Errorf("losses %.4f (first), %.4f (epoch 4), %.4f (last): outside the course's plausible ranges", h.Loss[0], h.Loss[3], h.Loss[39])
	}
	p := m.MustPredict(X)
	if got := Argmax(p.Slice(1015, 1016, 0, 10)); got != 2 {
		t.Errorf("X[1015] (a two) predicted %d", got)
	}
	errs := 0
	for i, c := range ArgmaxRows(p) {
		if float64(c) != y.At(i, 0) {
			errs++
		}
	}
	t.Logf("%d errors out of 5000 images", errs)
	if errs > 150 {
		t.Errorf("%d errors out of 5000 images; the course sees 15 to 44", errs)
	}
}
