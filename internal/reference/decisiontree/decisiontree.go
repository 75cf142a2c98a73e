// Package decisiontree holds the reference answers to the four graded
// exercises of the decision-tree lab (Course 2, Week 4): entropy, the split
// of a node on a feature, information gain and the best split. The lab's
// checks (helpers/exercise) compare a learner's answers with these.
//
// The package is internal on purpose: a notebook is a module of its own, so
// it cannot import it, and the answers stay out of the learners' reach.
package decisiontree

import "math"

// log2 is the base-2 logarithm as math.Log(x)/math.Ln2: with it the lab's
// information gains print with the same 17 digits as numpy's np.log2 gives
// them in the course (math.Log2 differs in the last digits).
func log2(x float64) float64 { return math.Log(x) / math.Ln2 }

// ComputeEntropy returns the entropy, in bits, of the labels y (0 or 1):
// H(p1) = -p1 log2(p1) - (1-p1) log2(1-p1), p1 the fraction of ones. An empty
// or pure y has entropy 0.
func ComputeEntropy(y []int) float64 {
	if len(y) == 0 {
		return 0
	}
	ones := 0
	for _, v := range y {
		if v == 1 {
			ones++
		}
	}
	p1 := float64(ones) / float64(len(y))
	if p1 == 0 || p1 == 1 {
		return 0
	}
	return -p1*log2(p1) - (1-p1)*log2(1-p1)
}

// SplitDataset splits the examples nodeIndices (rows of X) on feature:
// those whose value is 1 go left, every other one right, each list in the
// order of nodeIndices. A branch with no example is an empty, non-nil slice.
func SplitDataset(X [][]int, nodeIndices []int, feature int) (leftIndices, rightIndices []int) {
	leftIndices, rightIndices = []int{}, []int{}
	for _, i := range nodeIndices {
		if X[i][feature] == 1 {
			leftIndices = append(leftIndices, i)
		} else {
			rightIndices = append(rightIndices, i)
		}
	}
	return leftIndices, rightIndices
}

// pick returns y's values at indices.
func pick(y []int, indices []int) []int {
	out := make([]int, len(indices))
	for k, i := range indices {
		out[k] = y[i]
	}
	return out
}

// ComputeInformationGain returns the information gain of splitting the node
// nodeIndices on feature: the node's entropy minus the entropies of its two
// branches, each weighted by its share of the node's examples.
func ComputeInformationGain(X [][]int, y []int, nodeIndices []int, feature int) float64 {
	left, right := SplitDataset(X, nodeIndices, feature)
	if len(nodeIndices) == 0 {
		return 0
	}
	n := float64(len(nodeIndices))
	wLeft, wRight := float64(len(left))/n, float64(len(right))/n
	weighted := wLeft*ComputeEntropy(pick(y, left)) + wRight*ComputeEntropy(pick(y, right))
	return ComputeEntropy(pick(y, nodeIndices)) - weighted
}

// GetBestSplit returns the feature with the largest information gain at the
// node nodeIndices: only a strictly larger gain replaces the best so far, so
// a tie keeps the lower feature, and -1 means no feature gains anything.
func GetBestSplit(X [][]int, y []int, nodeIndices []int) int {
	if len(X) == 0 {
		return -1
	}
	best, bestGain := -1, 0.0
	for f := range len(X[0]) {
		if g := ComputeInformationGain(X, y, nodeIndices, f); g > bestGain {
			best, bestGain = f, g
		}
	}
	return best
}
