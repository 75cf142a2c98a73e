package exercise

import (
	"math"
	"strings"
	"testing"

	ref "github.com/mlspec-go/nnlab/internal/reference/decisiontree"
)

// log2Entropy is a right answer written with math.Log2 (last digits differ
// from the reference's).
func log2Entropy(y []int) float64 {
	if len(y) == 0 {
		return 0
	}
	ones := 0
	for _, v := range y {
		ones += v
	}
	p := float64(ones) / float64(len(y))
	if p == 0 || p == 1 {
		return 0
	}
	return -p*math.Log2(p) - (1-p)*math.Log2(1-p)
}

// nilSplit returns nil for an empty branch, which is as good as an empty list.
func nilSplit(X [][]int, nodes []int, feature int) (left, right []int) {
	for _, i := range nodes {
		if X[i][feature] == 1 {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	return left, right
}

// gainWith is ComputeInformationGain on an entropy function of choice.
func gainWith(entropy EntropyFunc) GainFunc {
	return func(X [][]int, y []int, nodes []int, feature int) float64 {
		l, r := nilSplit(X, nodes, feature)
		n := float64(len(nodes))
		return entropy(pickLabels(y, nodes)) - (float64(len(l))/n*entropy(pickLabels(y, l)) + float64(len(r))/n*entropy(pickLabels(y, r)))
	}
}

// bestWith is GetBestSplit on a gain and a comparison of choice.
func bestWith(gain GainFunc, better func(g, best float64) bool) BestSplitFunc {
	return func(X [][]int, y []int, nodes []int) int {
		best, bestGain := -1, 0.0
		for f := range len(X[0]) {
			if g := gain(X, y, nodes, f); better(g, bestGain) {
				best, bestGain = f, g
			}
		}
		return best
	}
}

func greater(g, best float64) bool { return g > best }

func TestTreeChecksPassRightAnswers(t *testing.T) {
	buf := quiet(t)
	for name, check := range map[string]func() error{
		"entropy":         func() error { return CheckComputeEntropy(ref.ComputeEntropy) },
		"entropy Log2":    func() error { return CheckComputeEntropy(log2Entropy) },
		"split":           func() error { return CheckSplitDataset(ref.SplitDataset) },
		"split nil":       func() error { return CheckSplitDataset(nilSplit) },
		"gain":            func() error { return CheckComputeInformationGain(ref.ComputeInformationGain) },
		"gain Log2":       func() error { return CheckComputeInformationGain(gainWith(log2Entropy)) },
		"best":            func() error { return CheckGetBestSplit(ref.GetBestSplit) },
		"best Log2":       func() error { return CheckGetBestSplit(bestWith(gainWith(log2Entropy), greater)) },
		"hidden entropy":  func() error { return CheckComputeEntropyHidden(log2Entropy) },
		"hidden split":    func() error { return CheckSplitDatasetHidden(nilSplit) },
		"hidden gain":     func() error { return CheckComputeInformationGainHidden(gainWith(log2Entropy)) },
		"hidden best":     func() error { return CheckGetBestSplitHidden(bestWith(gainWith(log2Entropy), greater)) },
		"hidden best ref": func() error { return CheckGetBestSplitHidden(ref.GetBestSplit) },
	} {
		// The hidden cases are drawn anew at each call: try many draws.
		for range 50 {
			if err := check(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	for _, want := range []string{"\x1b[92m All tests passed. \x1b[0m\n", "\x1b[92m All tests passed.\x1b[0m\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in the checks' output", want)
		}
	}
}

func TestTreeChecksCatchWrongAnswers(t *testing.T) {
	quiet(t)
	blankEntropy := func(y []int) float64 { return 0 }
	// Forgets that an empty list has entropy 0: NaN for empty branches.
	nanEntropy := func(y []int) float64 {
		ones := 0
		for _, v := range y {
			ones += v
		}
		p := float64(ones) / float64(len(y))
		if p == 0 || p == 1 {
			return 0
		}
		return -p*math.Log2(p) - (1-p)*math.Log2(1-p)
	}
	swapped := func(X [][]int, nodes []int, feature int) (left, right []int) {
		l, r := nilSplit(X, nodes, feature)
		return r, l
	}
	allRows := func(X [][]int, nodes []int, feature int) (left, right []int) {
		all := make([]int, len(X))
		for i := range all {
			all[i] = i
		}
		return nilSplit(X, all, feature)
	}
	fixedFeature := func(X [][]int, nodes []int, feature int) (left, right []int) { return nilSplit(X, nodes, 2) }
	unweighted := func(X [][]int, y []int, nodes []int, feature int) float64 {
		l, r := nilSplit(X, nodes, feature)
		return ref.ComputeEntropy(pickLabels(y, nodes)) - (ref.ComputeEntropy(pickLabels(y, l)) + ref.ComputeEntropy(pickLabels(y, r)))
	}
	globalLabels := func(X [][]int, y []int, nodes []int, feature int) float64 {
		l, r := nilSplit(X, nodes, feature)
		n := float64(len(nodes))
		return ref.ComputeEntropy(y) - (float64(len(l))/n*ref.ComputeEntropy(pickLabels(y, l)) + float64(len(r))/n*ref.ComputeEntropy(pickLabels(y, r)))
	}
	panics := func(y []int) float64 { panic("boom") }
	for _, c := range []struct {
		name  string
		check func() error
		want  string // the message's start, as the course's test says it
	}{
		{"blank entropy", func() error { return CheckComputeEntropy(blankEntropy) }, "Entropy must be 1 with same ammount of ones and zeros"},
		{"entropy panics", func() error { return CheckComputeEntropy(panics) }, "Entropy must be 0 with array of ones (got a panic: boom)"},
		{"swapped split", func() error { return CheckSplitDataset(swapped) }, "left must have 2 elements but got: 3"},
		{"all rows", func() error { return CheckSplitDataset(allRows) }, "Wrong value when target is at index 3."},
		{"fixed feature", func() error { return CheckSplitDataset(fixedFeature) }, "left must have 2 elements but got: 3"},
		{"nil split", func() error { return CheckSplitDataset(nil) }, "Expected a function, got nil"},
		{"blank gain", func() error {
			return CheckComputeInformationGain(func([][]int, []int, []int, int) float64 { return 0 })
		}, "Wrong information gain. Expected 0.019973 got: 0.0"},
		{"unweighted", func() error { return CheckComputeInformationGain(unweighted) }, "Wrong information gain. Expected 0.019973 got: -0.9"},
		{"global labels", func() error { return CheckComputeInformationGain(globalLabels) }, "Wrong information gain. Expected 0.311278 got: "},
		{"NaN on empty", func() error { return CheckComputeInformationGain(gainWith(nanEntropy)) }, "Wrong information gain. Expected 0.0 got: nan"},
		{"blank best", func() error { return CheckGetBestSplit(func([][]int, []int, []int) int { return -1 }) }, "If the target is fully correlated with other feature, that feature must be the best split. Expected 0, got -1"},
		{">= keeps the last tie", func() error {
			return CheckGetBestSplit(bestWith(ref.ComputeInformationGain, func(g, b float64) bool { return g >= b }))
		}, "When the target variable is pure, there is no best split to do. Expected -1, got 1"},
		{">= from -1", func() error {
			return CheckGetBestSplit(bestWith(ref.ComputeInformationGain, func(g, b float64) bool { return g >= b && g > 0 }))
		}, "Wrong result. Expected 0, got 1"},
		{"misses the last feature", func() error {
			return CheckGetBestSplit(func(X [][]int, y []int, nodes []int) int {
				return bestWith(ref.ComputeInformationGain, greater)(firstCols(X, len(X[0])-1), y, nodes)
			})
		}, "If the target is fully correlated with other feature, that feature must be the best split. Expected 1, got 0"},
		{"hidden entropy NaN", func() error { return CheckComputeEntropyHidden(nanEntropy) }, "Wrong entropy of []. Expected 0.0, got nan"},
		{"hidden split all rows", func() error { return CheckSplitDatasetHidden(allRows) }, "Wrong split of "},
		{"hidden gain unweighted", func() error { return CheckComputeInformationGainHidden(unweighted) }, "Wrong information gain of "},
	} {
		err := c.check()
		if err == nil {
			t.Errorf("%s: passed", c.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %q, want it to start with %q", c.name, err.Error(), c.want)
		}
	}
}

// firstCols returns the first n columns of X.
func firstCols(X [][]int, n int) [][]int {
	out := make([][]int, len(X))
	for i := range X {
		out[i] = X[i][:n]
	}
	return out
}

// A learner's functions call each other, as in the course: a wrong entropy or
// gain also fails the exercises built on it, and exactly those. These are the
// wrong answers the grading test submits (grading/grading_test.go, class4).
func TestTreeChecksFollowDependencies(t *testing.T) {
	quiet(t)
	lnEntropy := func(y []int) float64 { return log2Entropy(y) * math.Ln2 }
	swapped := func(X [][]int, nodes []int, feature int) (left, right []int) {
		l, r := nilSplit(X, nodes, feature)
		return r, l
	}
	unweighted := func(entropy EntropyFunc, split SplitFunc) GainFunc {
		return func(X [][]int, y []int, nodes []int, feature int) float64 {
			l, r := split(X, nodes, feature)
			return entropy(pickLabels(y, nodes)) - (entropy(pickLabels(y, l)) + entropy(pickLabels(y, r)))
		}
	}
	gain := func(entropy EntropyFunc, split SplitFunc) GainFunc {
		return func(X [][]int, y []int, nodes []int, feature int) float64 {
			l, r := split(X, nodes, feature)
			n := float64(len(nodes))
			return entropy(pickLabels(y, nodes)) - (float64(len(l))/n*entropy(pickLabels(y, l)) + float64(len(r))/n*entropy(pickLabels(y, r)))
		}
	}
	geq := func(g, b float64) bool { return g >= b }
	for _, c := range []struct {
		name    string
		entropy EntropyFunc
		split   SplitFunc
		gain    func(EntropyFunc, SplitFunc) GainFunc
		better  func(g, b float64) bool
		want    [4]bool
	}{
		{"correct", log2Entropy, nilSplit, gain, greater, [4]bool{true, true, true, true}},
		{"natural log", lnEntropy, nilSplit, gain, greater, [4]bool{false, true, false, true}},
		{"unweighted", log2Entropy, nilSplit, unweighted, greater, [4]bool{true, true, false, false}},
		{"swapped and >=", log2Entropy, swapped, gain, geq, [4]bool{true, false, true, false}},
	} {
		g := c.gain(c.entropy, c.split)
		b := bestWith(g, c.better)
		got := [4]bool{
			CheckComputeEntropy(c.entropy) == nil && CheckComputeEntropyHidden(c.entropy) == nil,
			CheckSplitDataset(c.split) == nil && CheckSplitDatasetHidden(c.split) == nil,
			CheckComputeInformationGain(g) == nil && CheckComputeInformationGainHidden(g) == nil,
			CheckGetBestSplit(b) == nil && CheckGetBestSplitHidden(b) == nil,
		}
		if got != c.want {
			t.Errorf("%s: passes %v, want %v", c.name, got, c.want)
		}
	}
}
