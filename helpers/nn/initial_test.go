package nn

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

// InitialWeights(seed) is where Fit with Seed(seed) starts: with a learning rate so small that one
// epoch cannot move float32 weights, the trained weights equal the initial ones.
func TestInitialWeightsAreFitsStartingPoint(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := Sequential("init_start", Input(400), Dense(25, Sigmoid), Dense(15, Sigmoid), Dense(1, Sigmoid))
	m.Compile(BinaryCrossentropy(), Adam(1e-12))
	X, y := toyData(32, 400, 3)

	init, err := m.InitialWeights(5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Weights(); err == nil {
		t.Fatal("InitialWeights stored a trained state: Weights succeeded before any Fit")
	}
	if _, err := m.Fit(X, y, Epochs(1), Seed(5), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	trained := m.MustWeights()
	for i := range init {
		if !mat.EqualApprox(init[i].W, trained[i].W, 1e-7) {
			t.Errorf("layer %d: InitialWeights(5).W differs from the start of Fit with Seed(5)", i)
		}
		if !mat.EqualApprox(init[i].B, trained[i].B, 1e-7) {
			t.Errorf("layer %d: InitialWeights(5).B differs from the start of Fit with Seed(5)", i)
		}
		if mat.Norm(init[i].B, 2) != 0 {
			t.Errorf("layer %d: initial bias is not zero", i)
		}
	}
	other := m.MustInitialWeights(6)
	if mat.Equal(other[0].W, init[0].W) {
		t.Error("InitialWeights(6) equals InitialWeights(5)")
	}
	again := m.MustInitialWeights(5)
	if !mat.Equal(again[0].W, init[0].W) {
		t.Error("InitialWeights(5) is not deterministic")
	}
}
