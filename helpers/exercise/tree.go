package exercise

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/mlspec-go/nnlab/helpers/npfmt"
	"github.com/mlspec-go/nnlab/helpers/pyfmt"
	"github.com/mlspec-go/nnlab/internal/reference/decisiontree"
)

// The decision-tree lab's (C2_W4) checks: the cases and messages of the
// course's public_tests.py, in its order, with Go's types in place of the
// list and int type checks. Its pass lines are the course's own, the
// entropy's with its trailing space.
const (
	treePassed    = " All tests passed."
	entropyPassed = " All tests passed. "
)

// Signatures of the lab's four exercises.
type (
	// EntropyFunc is ComputeEntropy's signature.
	EntropyFunc = func(y []int) float64
	// SplitFunc is SplitDataset's signature.
	SplitFunc = func(X [][]int, nodeIndices []int, feature int) (leftIndices, rightIndices []int)
	// GainFunc is ComputeInformationGain's signature.
	GainFunc = func(X [][]int, y []int, nodeIndices []int, feature int) float64
	// BestSplitFunc is GetBestSplit's signature.
	BestSplitFunc = func(X [][]int, y []int, nodeIndices []int) int
)

// ints returns a slice of n copies of v.
func ints(n, v int) []int { return slices.Repeat([]int{v}, n) }

// cloneRows copies X, so that a learner's function cannot change a case.
func cloneRows(X [][]int) [][]int {
	out := make([][]int, len(X))
	for i := range X {
		out[i] = slices.Clone(X[i])
	}
	return out
}

// callFailed is the Failure for a call of the learner's function that
// panicked, stopped its goroutine or did not return: the case's message and
// what happened.
func callFailed(msg string, err error) *Failure {
	hint := "the function must return a value for these inputs"
	if err == errTimeout {
		hint = "the function did not return: look for a loop that never ends"
	}
	return &Failure{Message: fmt.Sprintf("%s (got %v)", msg, err), Hint: hint}
}

// entropyOf calls the learner's f on a copy of y.
func entropyOf(f EntropyFunc, y []int) (float64, error) {
	in := slices.Clone(y)
	return call(func() float64 { return f(in) })
}

// CheckComputeEntropy checks Exercise 1, ComputeEntropy, with the course's
// cases: ten ones and ten zeros give exactly 0, twelve of each exactly 1,
// [1 0 1 0 1 1 1 0 1] about 0.918295, and the flipped labels the same. It
// prints " All tests passed. " in green, or the course's message of the first
// case that fails, and returns the failure (nil when all pass).
func CheckComputeEntropy(f EntropyFunc) error {
	return run("compute_entropy", entropyPassed, func() *Failure { return entropyCases(f) })
}

func entropyCases(f EntropyFunc) *Failure {
	if f == nil {
		return &Failure{Message: "Expected a function, got nil", Hint: "pass your function itself: exercise.CheckComputeEntropy(ComputeEntropy)"}
	}
	exact := []struct {
		y    []int
		want float64
		msg  string
		hint string
	}{
		{ints(10, 1), 0, "Entropy must be 0 with array of ones", "p1 = 1 gives 0: skip the formula when p1 is 0 or 1 (0·log2(0) counts as 0)"},
		{ints(10, 0), 0, "Entropy must be 0 with array of zeros", "p1 = 0 gives 0: skip the formula when p1 is 0 or 1 (0·log2(0) counts as 0)"},
		{append(ints(12, 0), ints(12, 1)...), 1, "Entropy must be 1 with same ammount of ones and zeros", "p1 is the fraction of ones in y; H = -p1 log2(p1) - (1-p1) log2(1-p1)"},
	}
	for _, c := range exact {
		got, err := entropyOf(f, c.y)
		if err != nil {
			return callFailed(c.msg, err)
		}
		if got != c.want {
			return &Failure{Message: fmt.Sprintf("%s (got %s)", c.msg, pyfmt.Float(got)), Hint: c.hint}
		}
	}
	y := []int{1, 0, 1, 0, 1, 1, 1, 0, 1}
	got, err := entropyOf(f, y)
	if err != nil {
		return callFailed("Wrong value. Something between 0 and 1", err)
	}
	if !isClose(got, 0.918295, 1e-6) {
		return &Failure{Message: fmt.Sprintf("Wrong value. Something between 0 and 1 (got %s, expected 0.918295)", pyfmt.Float(got)),
			Hint: "p1 = 6/9 here: divide the count of ones by len(y), as floats"}
	}
	flipped := make([]int, len(y))
	for i, v := range y {
		flipped[i] = 1 - v
	}
	got2, err := entropyOf(f, flipped)
	if err != nil {
		return callFailed("Wrong value", err)
	}
	if !(math.Abs(got2-got) <= 1e-6) {
		return &Failure{Message: fmt.Sprintf("Wrong value (got %s with the labels flipped, %s before)", pyfmt.Float(got2), pyfmt.Float(got)),
			Hint: "H(p1) must not change when ones and zeros swap: count the ones, y[i] == 1"}
	}
	return nil
}

// splitCase is one case of SplitDataset's checks.
type splitCase struct {
	X                 [][]int
	nodes             []int
	feature           int
	wantLeft, wantRgt []int
}

// splitOf calls the learner's f on copies of the case's inputs.
func splitOf(f SplitFunc, c splitCase) (left, right []int, err error) {
	X, nodes := cloneRows(c.X), slices.Clone(c.nodes)
	type pair struct{ l, r []int }
	p, err := call(func() pair { l, r := f(X, nodes, c.feature); return pair{l, r} })
	return p.l, p.r, err
}

// CheckSplitDataset checks Exercise 2, SplitDataset, with the course's three
// cases (the third on a random matrix with a fourth column). Lists compare by
// their contents: an empty branch may be nil or empty. It prints
// " All tests passed." in green, or the course's message of the first case
// that fails, and returns the failure (nil when all pass).
func CheckSplitDataset(f SplitFunc) error {
	return run("split_dataset", treePassed, func() *Failure { return splitCases(f) })
}

func splitCases(f SplitFunc) *Failure {
	if f == nil {
		return &Failure{Message: "Expected a function, got nil", Hint: "pass your function itself: exercise.CheckSplitDataset(SplitDataset)"}
	}
	hint := "walk nodeIndices in order: X[i][feature] == 1 goes to leftIndices, anything else to rightIndices"
	// Case 1.
	c := splitCase{[][]int{{1, 0, 0}, {1, 0, 1}, {1, 1, 0}, {0, 0, 1}, {0, 1, 0}}, []int{0, 1, 2, 3, 4}, 2, []int{1, 3}, []int{0, 2, 4}}
	left, right, err := splitOf(f, c)
	if err != nil {
		return callFailed("Wrong value for the split on feature 2", err)
	}
	if len(left) != 2 {
		return &Failure{Message: fmt.Sprintf("left must have 2 elements but got: %d", len(left)), Hint: hint}
	}
	if len(right) != 3 {
		return &Failure{Message: fmt.Sprintf("right must have 3 elements but got: %d", len(right)), Hint: hint}
	}
	if !slices.Equal(right, c.wantRgt) {
		return &Failure{Message: "Wrong value for right. Expected: [0 2 4] \ngot: " + pyfmt.List(right), Hint: hint}
	}
	if !slices.Equal(left, c.wantLeft) {
		return &Failure{Message: "Wrong value for left. Expected: [1 3] \ngot: " + pyfmt.List(left), Hint: hint}
	}
	// Case 2.
	c = splitCase{[][]int{{0, 0, 1}, {1, 1, 1}, {0, 1, 1}, {1, 0, 0}, {0, 1, 0}}, []int{0, 1, 2, 3, 4}, 0, []int{1, 3}, []int{0, 2, 4}}
	left, right, err = splitOf(f, c)
	if err != nil {
		return callFailed("Wrong value when target is at index 0.", err)
	}
	if len(left) != 2 {
		return &Failure{Message: fmt.Sprintf("left must have 2 elements but got: %d", len(left)), Hint: hint}
	}
	if len(right) != 3 {
		return &Failure{Message: fmt.Sprintf("right must have 3 elements but got: %d", len(right)), Hint: hint}
	}
	if !slices.Equal(left, c.wantLeft) || !slices.Equal(right, c.wantRgt) {
		return &Failure{Message: "Wrong value when target is at index 0.", Hint: "use the feature you were given, X[i][feature], not a fixed column"}
	}
	// Case 3: random bits and a fourth column (the course's is unseeded; a
	// seeded draw makes the same point and the same expectation).
	rng := rand.New(rand.NewPCG(3, 4))
	col := []int{0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0}
	X := make([][]int, len(col))
	for i := range X {
		X[i] = []int{rng.IntN(2), rng.IntN(2), rng.IntN(2), col[i]}
	}
	c = splitCase{X, []int{1, 2, 3, 6, 7, 9, 10}, 3, []int{1, 3, 6}, []int{2, 7, 9, 10}}
	left, right, err = splitOf(f, c)
	if err != nil {
		return callFailed("Wrong value when target is at index 3.", err)
	}
	if !slices.Equal(left, c.wantLeft) || !slices.Equal(right, c.wantRgt) {
		return &Failure{Message: fmt.Sprintf("Wrong value when target is at index 3. Expected: left [1 3 6], right [2 7 9 10] \ngot: left %s, right %s",
			pyfmt.List(left), pyfmt.List(right)), Hint: "only the examples in nodeIndices belong in the result, in their order"}
	}
	return nil
}

// gainX is the 5 x 2 matrix of the course's information-gain and best-split tests.
var gainX = [][]int{{1, 0}, {1, 0}, {1, 0}, {0, 0}, {0, 1}}

// gainOf calls the learner's f on copies of its inputs.
func gainOf(f GainFunc, X [][]int, y, nodes []int, feature int) (float64, error) {
	X, y, nodes = cloneRows(X), slices.Clone(y), slices.Clone(nodes)
	return call(func() float64 { return f(X, y, nodes, feature) })
}

// CheckComputeInformationGain checks Exercise 3, ComputeInformationGain, with
// the course's cases on a 5 x 2 matrix: a pure target gains exactly 0, then
// four gains to within 1e-6, one of them with an empty branch. It prints
// " All tests passed." in green, or the course's message of the first case
// that fails, and returns the failure (nil when all pass).
func CheckComputeInformationGain(f GainFunc) error {
	return run("compute_information_gain", treePassed, func() *Failure { return gainCases(f) })
}

func gainCases(f GainFunc) *Failure {
	if f == nil {
		return &Failure{Message: "Expected a function, got nil", Hint: "pass your function itself: exercise.CheckComputeInformationGain(ComputeInformationGain)"}
	}
	all := []int{0, 1, 2, 3, 4}
	pure := ints(5, 0)
	r1, err := gainOf(f, gainX, pure, all, 0)
	if err != nil {
		return callFailed("Information gain must be 0 when target variable is pure.", err)
	}
	r2, err := gainOf(f, gainX, pure, all, 0)
	if err != nil {
		return callFailed("Information gain must be 0 when target variable is pure.", err)
	}
	if r1 != 0 || r2 != 0 {
		return &Failure{Message: fmt.Sprintf("Information gain must be 0 when target variable is pure. Got %s and %s", pyfmt.Float(r1), pyfmt.Float(r2)),
			Hint: "a pure node and its branches all have entropy 0"}
	}
	y := []int{0, 1, 0, 1, 0}
	for _, c := range []struct {
		nodes   []int
		feature int
		want    float64
		shown   string
		hint    string
	}{
		{all, 0, 0.019973, "0.019973", "gain = H(node) - (w_left H(left) + w_right H(right)), each w the branch's share of the node's examples"},
		{all, 1, 0.170951, "0.170951", "gain = H(node) - (w_left H(left) + w_right H(right)), each w the branch's share of the node's examples"},
		{[]int{0, 1, 2, 3}, 0, 0.311278, "0.311278", "only the examples in nodeIndices count: take the labels y[i] of the node's indices, and w = len(branch) / len(nodeIndices)"},
		{[]int{0, 1, 2, 3}, 1, 0, "0.0", "here the left branch is empty: ComputeEntropy of no labels must be 0 (and its weight is 0)"},
	} {
		got, err := gainOf(f, gainX, y, c.nodes, c.feature)
		if err != nil {
			return callFailed("Wrong information gain. Expected "+c.shown, err)
		}
		if !isClose(got, c.want, 1e-6) {
			return &Failure{Message: fmt.Sprintf("Wrong information gain. Expected %s got: %s", c.shown, pyfmt.Float(got)), Hint: c.hint}
		}
	}
	return nil
}

// bestOf calls the learner's f on copies of its inputs.
func bestOf(f BestSplitFunc, X [][]int, y, nodes []int) (int, error) {
	X, y, nodes = cloneRows(X), slices.Clone(y), slices.Clone(nodes)
	return call(func() int { return f(X, y, nodes) })
}

// CheckGetBestSplit checks Exercise 4, GetBestSplit, with the course's cases:
// -1 for a pure target, the feature a target copies, an exact tie that must
// keep the lower feature, and a 100 x 4 matrix with a random column. It
// prints " All tests passed." in green, or the course's message of the first
// case that fails, and returns the failure (nil when all pass).
func CheckGetBestSplit(f BestSplitFunc) error {
	return run("get_best_split", treePassed, func() *Failure { return bestCases(f) })
}

// pureMsg is the course's message for a pure target.
const pureMsg = "When the target variable is pure, there is no best split to do. Expected -1, got %d"

func bestCases(f BestSplitFunc) *Failure {
	if f == nil {
		return &Failure{Message: "Expected a function, got nil", Hint: "pass your function itself: exercise.CheckGetBestSplit(GetBestSplit)"}
	}
	all := []int{0, 1, 2, 3, 4}
	pureHint := "start from bestFeature := -1 and a best gain of 0, and replace them only for a strictly larger gain"
	got, err := bestOf(f, gainX, ints(5, 0), all)
	if err != nil {
		return callFailed("When the target variable is pure, there is no best split to do.", err)
	}
	if got != -1 {
		return &Failure{Message: fmt.Sprintf(pureMsg, got), Hint: pureHint}
	}
	column := func(j int, flip bool) []int {
		out := make([]int, len(gainX))
		for i := range gainX {
			out[i] = gainX[i][j]
			if flip {
				out[i] = 1 - out[i]
			}
		}
		return out
	}
	for _, c := range []struct {
		y    []int
		want int
	}{{column(0, false), 0}, {column(1, false), 1}, {column(0, true), 0}} {
		got, err = bestOf(f, gainX, c.y, all)
		if err != nil {
			return callFailed("If the target is fully correlated with other feature, that feature must be the best split.", err)
		}
		if got != c.want {
			return &Failure{Message: fmt.Sprintf("If the target is fully correlated with other feature, that feature must be the best split. Expected %d, got %d", c.want, got),
				Hint: "try every feature, 0 to len(X[0])-1, and keep the one with the largest information gain"}
		}
	}
	y := []int{0, 1, 0, 1, 0}
	for _, c := range []struct {
		nodes []int
		want  int
		hint  string
	}{
		{all, 1, "try every feature, 0 to len(X[0])-1, and keep the one with the largest information gain"},
		{[]int{2, 3, 4}, 0, "features 0 and 1 gain exactly the same here: only a strictly larger gain (>, not >=) replaces the best, so the lower feature stays"},
	} {
		got, err = bestOf(f, gainX, y, c.nodes)
		if err != nil {
			return callFailed("Wrong result.", err)
		}
		if got != c.want {
			return &Failure{Message: fmt.Sprintf("Wrong result. Expected %d, got %d", c.want, got), Hint: c.hint}
		}
	}
	// 100 rows: ones, zeros, random bits (seeded; the course's are not) and
	// 50 ones then 50 zeros; the target is the random column.
	rng := rand.New(rand.NewPCG(5, 6))
	X := make([][]int, 100)
	random := make([]int, 100)
	for i := range X {
		random[i] = rng.IntN(2)
		X[i] = []int{1, 0, random[i], 0}
		if i < 50 {
			X[i][3] = 1
		}
	}
	nodes := make([]int, 60)
	for i := range nodes {
		nodes[i] = 20 + i
	}
	got, err = bestOf(f, X, random, nodes)
	if err != nil {
		return callFailed("Wrong result.", err)
	}
	if got != 2 {
		return &Failure{Message: fmt.Sprintf("Wrong result. Expected 2, got %d", got),
			Hint: "X has 4 features here: loop over len(X[0]), not a fixed number"}
	}
	got, err = bestOf(f, X, ints(100, 1), nodes)
	if err != nil {
		return callFailed("When the target variable is pure, there is no best split to do.", err)
	}
	if got != -1 {
		return &Failure{Message: fmt.Sprintf(pureMsg, got), Hint: pureHint}
	}
	return nil
}

// treeCase is a small data set drawn for the hidden checks.
type treeCase struct {
	X     [][]int
	y     []int
	nodes []int
}

// hiddenTreeCases draws hiddenCount data sets of 4 to 14 examples with 1 to
// 4 binary features and binary labels, each with a node of a random subset of
// its examples in random order (sometimes all of them, sometimes one).
func hiddenTreeCases(rng *rand.Rand) []treeCase {
	cases := make([]treeCase, 0, hiddenCount)
	for len(cases) < hiddenCount {
		m, n := 4+rng.IntN(11), 1+rng.IntN(4)
		c := treeCase{X: make([][]int, m), y: make([]int, m)}
		for i := range m {
			c.X[i] = make([]int, n)
			for j := range n {
				c.X[i][j] = rng.IntN(2)
			}
			c.y[i] = rng.IntN(2)
		}
		c.nodes = rng.Perm(m)[:1+rng.IntN(m)]
		cases = append(cases, c)
	}
	return cases
}

// hiddenRNG is a generator seeded when a hidden check runs.
func hiddenRNG() *rand.Rand { return rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())) }

// CheckComputeEntropyHidden runs ComputeEntropy on label lists drawn when the
// check runs (0 to 30 labels, an empty list among them), against the
// reference to within numpy's isclose with atol 1e-6 (exactly for a pure or
// empty list). It prints nothing when all pass; autograded notebooks call it
// from their hidden tests.
func CheckComputeEntropyHidden(f EntropyFunc) error {
	rng := hiddenRNG()
	ys := [][]int{{}}
	for range hiddenCount {
		y := make([]int, 1+rng.IntN(30))
		for i := range y {
			y[i] = rng.IntN(2)
		}
		ys = append(ys, y)
	}
	return run("compute_entropy (hidden cases)", "", func() *Failure {
		if f == nil {
			return entropyCases(f)
		}
		for _, y := range ys {
			want := decisiontree.ComputeEntropy(y)
			got, err := entropyOf(f, y)
			msg := "Wrong entropy of " + pyfmt.List(y)
			if err != nil {
				return callFailed(msg, err)
			}
			if (want == 0 && got != 0) || !isClose(got, want, 1e-6) {
				return &Failure{Message: fmt.Sprintf("%s. Expected %s, got %s", msg, pyfmt.Float(want), pyfmt.Float(got)),
					Hint: "p1 = ones / len(y); 0 when y is empty or p1 is 0 or 1"}
			}
		}
		return nil
	})
}

// CheckSplitDatasetHidden runs SplitDataset on data sets drawn when the check
// runs, on every feature, against the reference (contents and order). It
// prints nothing when all pass; autograded notebooks call it from their
// hidden tests.
func CheckSplitDatasetHidden(f SplitFunc) error {
	cases := hiddenTreeCases(hiddenRNG())
	return run("split_dataset (hidden cases)", "", func() *Failure {
		if f == nil {
			return splitCases(f)
		}
		for _, c := range cases {
			for feature := range len(c.X[0]) {
				wl, wr := decisiontree.SplitDataset(c.X, c.nodes, feature)
				l, r, err := splitOf(f, splitCase{c.X, c.nodes, feature, wl, wr})
				msg := fmt.Sprintf("Wrong split of %s on feature %d of X = %s", pyfmt.List(c.nodes), feature, npfmt.Sprint(c.X))
				if err != nil {
					return callFailed(msg, err)
				}
				if !slices.Equal(l, wl) || !slices.Equal(r, wr) {
					return &Failure{Message: fmt.Sprintf("%s. Expected: left %s, right %s \ngot: left %s, right %s", msg,
						pyfmt.List(wl), pyfmt.List(wr), pyfmt.List(l), pyfmt.List(r)),
						Hint: "walk nodeIndices in order: X[i][feature] == 1 goes left, anything else right"}
				}
			}
		}
		return nil
	})
}

// CheckComputeInformationGainHidden runs ComputeInformationGain on data sets
// drawn when the check runs, on every feature, against the reference to
// within numpy's isclose with atol 1e-6. It prints nothing when all pass;
// autograded notebooks call it from their hidden tests.
func CheckComputeInformationGainHidden(f GainFunc) error {
	cases := hiddenTreeCases(hiddenRNG())
	return run("compute_information_gain (hidden cases)", "", func() *Failure {
		if f == nil {
			return gainCases(f)
		}
		for _, c := range cases {
			for feature := range len(c.X[0]) {
				want := decisiontree.ComputeInformationGain(c.X, c.y, c.nodes, feature)
				got, err := gainOf(f, c.X, c.y, c.nodes, feature)
				msg := fmt.Sprintf("Wrong information gain of %s on feature %d with X = %s and y = %s", pyfmt.List(c.nodes), feature, npfmt.Sprint(c.X), npfmt.Sprint(c.y))
				if err != nil {
					return callFailed(msg, err)
				}
				if !isClose(got, want, 1e-6) {
					return &Failure{Message: fmt.Sprintf("%s. Expected %s got: %s", msg, pyfmt.Float(want), pyfmt.Float(got)),
						Hint: "only the node's examples count: y[i] for i in nodeIndices, and weights len(branch) / len(nodeIndices)"}
				}
			}
		}
		return nil
	})
}

// CheckGetBestSplitHidden runs GetBestSplit on data sets drawn when the check
// runs, against the reference. Data sets where rounding could decide the
// answer (see clearBest) are drawn again, so that any correct answer passes;
// a tie of equal counts must keep the lower feature. It prints nothing when all pass;
// autograded notebooks call it from their hidden tests.
func CheckGetBestSplitHidden(f BestSplitFunc) error {
	rng := hiddenRNG()
	var cases []treeCase
	for len(cases) < hiddenCount {
		for _, c := range hiddenTreeCases(rng) {
			if len(cases) < hiddenCount && clearBest(c) {
				cases = append(cases, c)
			}
		}
	}
	return run("get_best_split (hidden cases)", "", func() *Failure {
		if f == nil {
			return bestCases(f)
		}
		for _, c := range cases {
			want := decisiontree.GetBestSplit(c.X, c.y, c.nodes)
			got, err := bestOf(f, c.X, c.y, c.nodes)
			msg := fmt.Sprintf("Wrong best split of %s with X = %s and y = %s", pyfmt.List(c.nodes), npfmt.Sprint(c.X), npfmt.Sprint(c.y))
			if err != nil {
				return callFailed(msg, err)
			}
			if got != want {
				return &Failure{Message: fmt.Sprintf("%s. Expected %d, got %d", msg, want, got),
					Hint: "the feature of the largest gain; a tie keeps the lower feature; -1 when no gain is above 0"}
			}
		}
		return nil
	})
}

// clearBest reports whether the best split of c is the same for any correct
// computation of the gains, whatever the order of its sums or its logarithm:
// a gain near 0 must be exactly 0 (a pure node or an empty branch), and two
// gains within 1e-9 of each other must come from the same counts of examples
// and ones in the same branches (so every formula gives them equal).
func clearBest(c treeCase) bool {
	type counts struct{ nl, ol, nr, or int }
	var gains []float64
	var sigs []counts
	pure := decisiontree.ComputeEntropy(pickLabels(c.y, c.nodes)) == 0
	for feature := range len(c.X[0]) {
		l, r := decisiontree.SplitDataset(c.X, c.nodes, feature)
		sig := counts{len(l), sum(pickLabels(c.y, l)), len(r), sum(pickLabels(c.y, r))}
		g := decisiontree.ComputeInformationGain(c.X, c.y, c.nodes, feature)
		if math.Abs(g) < 1e-9 && !pure && len(l) > 0 && len(r) > 0 {
			return false
		}
		for k, h := range gains {
			if math.Abs(g-h) < 1e-9 && sig != sigs[k] {
				return false
			}
		}
		gains, sigs = append(gains, g), append(sigs, sig)
	}
	return true
}

func pickLabels(y, indices []int) []int {
	out := make([]int, len(indices))
	for k, i := range indices {
		out[k] = y[i]
	}
	return out
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}
