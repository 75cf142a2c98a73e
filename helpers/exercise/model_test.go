package exercise

import (
	"errors"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/helpers/nn"
)

func TestCheckModel(t *testing.T) {
	buf := quiet(t)
	good := nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.Sigmoid), nn.Dense(1, nn.Sigmoid))
	if err := CheckModel(good); err != nil {
		t.Fatalf("CheckModel(correct model) = %v", err)
	}
	if !strings.Contains(buf.String(), "All tests passed!") {
		t.Errorf("output = %q", buf.String())
	}

	wrong := map[string]struct {
		model *nn.Model
		want  string // in the failure's case name
	}{
		"nil":            {nil, "model"},
		"no layers":      {nn.Sequential("my_model"), "model"},
		"two layers":     {nn.Sequential("m", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(1, nn.Sigmoid)), "number of layers"},
		"input 401":      {nn.Sequential("m", nn.Input(401), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.Sigmoid), nn.Dense(1, nn.Sigmoid)), "input shape"},
		"units swapped":  {nn.Sequential("m", nn.Input(400), nn.Dense(15, nn.Sigmoid), nn.Dense(25, nn.Sigmoid), nn.Dense(1, nn.Sigmoid)), "layer 1 (dense) output shape"},
		"relu in middle": {nn.Sequential("m", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.ReLU), nn.Dense(1, nn.Sigmoid)), "layer 2 (dense_1) activation"},
		"linear output":  {nn.Sequential("m", nn.Input(400), nn.Dense(25, nn.Sigmoid), nn.Dense(15, nn.Sigmoid), nn.Dense(1, nn.Linear)), "layer 3 (dense_2) activation"},
	}
	for name, w := range wrong {
		t.Run(name, func(t *testing.T) {
			buf := quiet(t)
			err := CheckModel(w.model)
			var f *Failure
			if !errors.As(err, &f) {
				t.Fatalf("CheckModel = %v, want a *Failure", err)
			}
			if f.Case != w.want {
				t.Errorf("failed case %q, want %q", f.Case, w.want)
			}
			if !strings.Contains(buf.String(), "Test failed: "+w.want) {
				t.Errorf("output does not name the failed case:\n%s", buf.String())
			}
		})
	}
}
