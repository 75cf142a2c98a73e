package exercise

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// quiet sends the checks' output to a buffer for the test's duration.
func quiet(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	old := Output
	Output = &buf
	t.Cleanup(func() { Output = old })
	return &buf
}

// myDense is a correct answer to Exercise 2: a loop over the units.
func myDense(aIn *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
	_, units := W.Dims()
	out := mat.NewVecDense(units, nil)
	for j := 0; j < units; j++ {
		out.SetVec(j, g(mat.Dot(aIn, W.ColView(j))+b.AtVec(j)))
	}
	return out
}

// myDenseV is a correct answer to Exercise 3: one matrix product.
func myDenseV(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
	var Z mat.Dense
	Z.Mul(A, W)
	Z.Apply(func(i, j int, z float64) float64 { return g(z + b.AtVec(j)) }, &Z)
	return &Z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func TestCheckDensePassesACorrectAnswer(t *testing.T) {
	buf := quiet(t)
	if err := CheckDense(myDense); err != nil {
		t.Fatalf("CheckDense(correct) = %v", err)
	}
	if got := buf.String(); got != green+"All tests passed!"+reset+"\n" {
		t.Errorf("output = %q", got)
	}
}

func TestCheckDenseCatchesWrongAnswers(t *testing.T) {
	wrong := map[string]struct {
		f        DenseFunc
		wantHint string
	}{
		"no bias": {func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			return myDense(a, W, mat.NewVecDense(b.Len(), nil), g)
		}, "bias"},
		"ignores g": {func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			return myDense(a, W, b, func(z float64) float64 { return z })
		}, "activation"},
		"sigmoid instead of g": {func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			return myDense(a, W, b, sigmoid)
		}, "applies the sigmoid itself"},
		"first column only": {func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			_, units := W.Dims()
			out := mat.NewVecDense(units, nil)
			for j := 0; j < units; j++ {
				out.SetVec(j, g(mat.Dot(a, W.ColView(0))+b.AtVec(j)))
			}
			return out
		}, "dot product"},
		"returns nil": {func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			return nil
		}, "return"},
		"panics": {func(a *mat.VecDense, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.VecDense {
			var Z mat.Dense
			Z.Mul(W, a) // wrong order: 4x2 times 4x1
			return mat.VecDenseCopyOf(Z.ColView(0))
		}, "shapes"},
	}
	for name, w := range wrong {
		t.Run(name, func(t *testing.T) {
			buf := quiet(t)
			err := CheckDense(w.f)
			var f *Failure
			if !errors.As(err, &f) {
				t.Fatalf("CheckDense(%s) = %v, want a *Failure", name, err)
			}
			if !strings.Contains(f.Hint, w.wantHint) {
				t.Errorf("hint %q does not mention %q", f.Hint, w.wantHint)
			}
			out := buf.String()
			if strings.Contains(out, "All tests passed") || !strings.Contains(out, "expected:") || !strings.Contains(out, "found:") {
				t.Errorf("output does not report the failure:\n%s", out)
			}
		})
	}
}

func TestCheckDenseV(t *testing.T) {
	quiet(t)
	if err := CheckDenseV(myDenseV); err != nil {
		t.Fatalf("CheckDenseV(correct) = %v", err)
	}
	wrong := map[string]DenseVFunc{
		"bias on first row only": func(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
			var Z mat.Dense
			Z.Mul(A, W)
			Z.Apply(func(i, j int, z float64) float64 {
				if i == 0 {
					z += b.AtVec(j)
				}
				return g(z)
			}, &Z)
			return &Z
		},
		"transposed result": func(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
			return mat.DenseCopyOf(myDenseV(A, W, b, g).T())
		},
		"ignores g": func(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
			return myDenseV(A, W, b, func(z float64) float64 { return z })
		},
		"nil": nil,
	}
	var f *Failure
	if err := CheckDenseV(func(A, W *mat.Dense, b *mat.VecDense, g func(float64) float64) *mat.Dense {
		return myDenseV(A, W, b, sigmoid)
	}); !errors.As(err, &f) || !strings.Contains(f.Hint, "applies the sigmoid itself") {
		t.Errorf("CheckDenseV(sigmoid instead of g) = %v, want the hard-coded sigmoid hint", err)
	}
	for name, f := range wrong {
		if err := CheckDenseV(f); err == nil {
			t.Errorf("CheckDenseV(%s) passed a wrong answer", name)
		}
	}
}
