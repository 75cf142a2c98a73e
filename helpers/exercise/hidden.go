package exercise

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// hiddenCount is the number of random cases each hidden check draws.
const hiddenCount = 4

// CheckDenseHidden runs Exercise 2's MyDense on cases drawn at random when the
// check runs (sizes, weights, biases and activation), so that no answer can be
// written for the cases in advance: only a dense layer passes. It prints
// nothing when every case passes (the visible check has already said
// "All tests passed!"); a failure is reported as CheckDense reports one.
// Autograded notebooks call it from their hidden tests.
func CheckDenseHidden(f DenseFunc) error {
	cases := hiddenCases(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())), false)
	return run("MyDense (hidden cases)", "", func() *Failure { return checkDenseCases(f, "MyDense", cases) })
}

// CheckDenseVHidden is CheckDenseHidden for Exercise 3's MyDenseV, with
// batches of random sizes.
func CheckDenseVHidden(f DenseVFunc) error {
	cases := hiddenCases(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())), true)
	return run("MyDenseV (hidden cases)", "", func() *Failure { return checkDenseVCases(f, "MyDenseV", cases) })
}

// activations the hidden cases draw from, with their names.
var hiddenActivations = []struct {
	name string
	g    func(float64) float64
}{
	{"g(z) = z", identity},
	{"g(z) = 3z", triple},
	{"g = tanh", math.Tanh},
	{"g(z) = max(0, z)", func(z float64) float64 { return math.Max(0, z) }},
}

// hiddenCases draws hiddenCount cases (one example each, or batches of 1 to 5
// when batch is set) and computes their expected results with a plain loop.
func hiddenCases(rng *rand.Rand, batch bool) []denseCase {
	var cases []denseCase
	for k := range hiddenCount {
		m, n, units := 1, 2+rng.IntN(5), 1+rng.IntN(5)
		if batch {
			m = 1 + rng.IntN(5)
		}
		act := hiddenActivations[rng.IntN(len(hiddenActivations))]
		draw := func(r, c int) [][]float64 {
			rows := make([][]float64, r)
			for i := range rows {
				rows[i] = make([]float64, c)
				for j := range rows[i] {
					rows[i][j] = math.Round((rng.Float64()*4-2)*100) / 100
				}
			}
			return rows
		}
		x, w, b := draw(m, n), draw(n, units), draw(1, units)[0]
		want := make([][]float64, m)
		for i := range want {
			want[i] = make([]float64, units)
			for j := range units {
				z := b[j]
				for l := range n {
					z += x[i][l] * w[l][j]
				}
				want[i][j] = act.g(z)
			}
		}
		cases = append(cases, denseCase{
			name: fmt.Sprintf("hidden case %d: %d example(s) of %d values, %d units, %s", k+1, m, n, units, act.name),
			x:    x, w: w, b: b, g: act.g, want: want,
			hint: "compute g(a_in . W[:, j] + b[j]) for every unit j, with the g you were given",
		})
	}
	return cases
}
