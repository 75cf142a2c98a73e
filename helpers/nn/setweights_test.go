package nn

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// SetWeights stores the weights as float32, a later process (a new Model value) predicts with them,
// and LayerOutput agrees with Predict on the last layer.
func TestSetWeightsPersistsAndPredicts(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	decl := func() *Model {
		return Sequential("set", Input(2), Dense(3, Sigmoid).Named("layer1"), Dense(1, Sigmoid).Named("layer2"))
	}
	ws := []LayerWeights{
		NewLayerWeights([][]float64{{-8.94, 0.29, 12.89}, {-0.17, -7.34, 10.79}}, []float64{-9.87, -9.28, 1.01}),
		NewLayerWeights([][]float64{{-31.38}, {-27.86}, {-32.79}}, []float64{15.54}),
	}
	if _, err := decl().Predict(mat.NewDense(1, 2, nil)); !errors.Is(err, ErrNotTrained) {
		t.Fatalf("Predict before SetWeights: %v, want ErrNotTrained", err)
	}
	if err := decl().SetWeights(ws); err != nil {
		t.Fatal(err)
	}
	later := decl()
	got, err := later.Weights()
	if err != nil {
		t.Fatal(err)
	}
	for i := range ws {
		r, c := ws[i].W.Dims()
		for a := range r {
			for b := range c {
				if want := float64(float32(ws[i].W.At(a, b))); got[i].W.At(a, b) != want {
					t.Errorf("layer %d W[%d,%d] = %v, want %v", i, a, b, got[i].W.At(a, b), want)
				}
			}
		}
		for j := range c {
			if want := float64(float32(ws[i].B.AtVec(j))); got[i].B.AtVec(j) != want {
				t.Errorf("layer %d b[%d] = %v, want %v", i, j, got[i].B.AtVec(j), want)
			}
		}
	}
	X := mat.NewDense(3, 2, []float64{-0.47, 0.42, -0.47, 3.16, 1.2, -0.9})
	p, err := later.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	out, err := later.LayerOutput(X, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if d := math.Abs(p.At(i, 0) - out.At(i, 0)); d > 1e-6 {
			t.Errorf("row %d: Predict %v, LayerOutput %v", i, p.At(i, 0), out.At(i, 0))
		}
	}
	// Layer 0 by the formula: sigmoid(x·w_j + b_j).
	h, _ := later.LayerOutput(X, 0)
	for i := range 3 {
		for j := range 3 {
			z := X.At(i, 0)*got[0].W.At(0, j) + X.At(i, 1)*got[0].W.At(1, j) + got[0].B.AtVec(j)
			if want := 1 / (1 + math.Exp(-z)); math.Abs(h.At(i, j)-want) > 1e-12 {
				t.Errorf("layer 0 unit %d row %d = %v, want %v", j, i, h.At(i, j), want)
			}
		}
	}
}

func TestSetWeightsErrors(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	m := Sequential("bad", Input(2), Dense(3, ReLU), Dense(1, Linear))
	ok0 := LayerWeights{W: mat.NewDense(2, 3, nil), B: mat.NewVecDense(3, nil)}
	ok1 := LayerWeights{W: mat.NewDense(3, 1, nil), B: mat.NewVecDense(1, nil)}
	for _, tc := range []struct {
		name string
		ws   []LayerWeights
		want string
	}{
		{"one layer short", []LayerWeights{ok0}, "has 2 dense layers"},
		{"W transposed", []LayerWeights{{W: mat.NewDense(3, 2, nil), B: mat.NewVecDense(3, nil)}, ok1}, "takes W of shape (2, 3), got (3, 2)"},
		{"b too long", []LayerWeights{ok0, {W: mat.NewDense(3, 1, nil), B: mat.NewVecDense(2, nil)}}, "takes b of shape (1,), got (2,)"},
		{"nil bias", []LayerWeights{ok0, {W: mat.NewDense(3, 1, nil)}}, "needs both W and B"},
	} {
		err := m.SetWeights(tc.ws)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := m.LayerOutput(mat.NewDense(1, 2, nil), 2); err == nil || !strings.Contains(err.Error(), "dense layers 0 to 1") {
		t.Errorf("LayerOutput of layer 2: %v", err)
	}
}

func TestNormalization(t *testing.T) {
	var n Normalization
	if _, err := n.Apply(mat.NewDense(1, 1, nil)); err == nil {
		t.Error("Apply before Adapt: no error")
	}
	X := mat.NewDense(4, 2, []float64{1, 5, 2, 5, 3, 5, 4, 5})
	if err := n.Adapt(X); err != nil {
		t.Fatal(err)
	}
	if m, v := n.Mean(), n.Variance(); m[0] != 2.5 || m[1] != 5 || v[0] != 1.25 || v[1] != 0 {
		t.Errorf("mean %v variance %v, want [2.5 5] [1.25 0] (population variance)", m, v)
	}
	out, err := n.Apply(X)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.At(0, 0), -1.5/math.Sqrt(1.25); math.Abs(got-want) > 1e-15 {
		t.Errorf("normalized x[0,0] = %v, want %v", got, want)
	}
	if out.At(0, 1) != 0 {
		t.Errorf("a constant column normalizes to %v, want 0", out.At(0, 1))
	}
	if _, err := n.Apply(mat.NewDense(1, 3, nil)); err == nil || !strings.Contains(err.Error(), "adapted to 2 columns") {
		t.Errorf("Apply to 3 columns: %v", err)
	}
}
