// Package dtree builds the small decision trees of the course's week-4 labs
// from the split functions a learner writes, and prints them as the course's
// build_tree_recursive does:
//
//	 Depth 0, Root: Split on feature: 2
//	- Depth 1, Left: Split on feature: 0
//	  -- Left leaf node with indices [0, 1, 4, 7]
//	  -- Right leaf node with indices [5]
//	...
//
// Unlike the course's, the builder keeps no global list: it returns the tree
// as a *Node, which the figures package draws. The examples are rows of
// binary features ([][]int), the labels 0 or 1 ([]int), a node the indices of
// its examples, as in the course.
package dtree

import (
	"fmt"
	"strings"

	"github.com/mlspec-go/nnlab/helpers/pyfmt"
)

// SplitFunc splits the examples nodeIndices of X on feature: indices whose
// feature is 1 go left, the others right (the lab's SplitDataset).
type SplitFunc func(X [][]int, nodeIndices []int, feature int) (left, right []int)

// BestSplitFunc returns the feature to split the node nodeIndices on, or -1
// when no feature gains anything (the lab's GetBestSplit).
type BestSplitFunc func(X [][]int, y []int, nodeIndices []int) int

// Node is one node of a tree: its examples, and for an inner node the feature
// it splits on and its two branches.
type Node struct {
	// Branch is "Root", "Left" or "Right", as the course names nodes.
	Branch string
	// Depth is 0 at the root.
	Depth int
	// Indices are the examples at the node, in the order the split kept.
	Indices []int
	// Feature is the feature the node splits on, -1 for a leaf.
	Feature int
	// Left holds the examples whose feature is 1, Right the others; both nil
	// for a leaf.
	Left, Right *Node
}

// Leaf reports whether n has no branches.
func (n *Node) Leaf() bool { return n.Left == nil && n.Right == nil }

// Build grows a tree from the root nodeIndices down to maxDepth (the root is
// depth 0): at each node above maxDepth, bestSplit chooses the feature and
// split splits the node on it. A node where bestSplit returns -1 (nothing
// gains) becomes a leaf before maxDepth; the course's Python would split it on
// its last feature instead (X[i][-1]).
func Build(X [][]int, y []int, nodeIndices []int, maxDepth int, bestSplit BestSplitFunc, split SplitFunc) *Node {
	return BuildTreeRecursive(X, y, nodeIndices, "Root", maxDepth, 0, bestSplit, split)
}

// BuildTreeRecursive is the course's build_tree_recursive: it builds the
// subtree of the node nodeIndices named branchName at currentDepth, and
// returns it instead of printing it (Node.String prints it the course's way).
func BuildTreeRecursive(X [][]int, y []int, nodeIndices []int, branchName string, maxDepth, currentDepth int, bestSplit BestSplitFunc, split SplitFunc) *Node {
	n := &Node{Branch: branchName, Depth: currentDepth, Indices: nodeIndices, Feature: -1}
	if currentDepth >= maxDepth {
		return n
	}
	f := bestSplit(X, y, nodeIndices)
	if f < 0 {
		return n
	}
	n.Feature = f
	left, right := split(X, nodeIndices, f)
	n.Left = BuildTreeRecursive(X, y, left, "Left", maxDepth, currentDepth+1, bestSplit, split)
	n.Right = BuildTreeRecursive(X, y, right, "Right", maxDepth, currentDepth+1, bestSplit, split)
	return n
}

// String returns the lines the course prints while it builds the tree, one
// node a line, parents before children and left before right: an inner node
// as "<d dashes> Depth d, <branch>: Split on feature: f", a leaf as
// "<d spaces><d dashes> <branch> leaf node with indices [...]" (Python's
// print puts the space between its two arguments; the root's prefix is empty,
// so its line starts with a space).
func (n *Node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *Node) write(b *strings.Builder) {
	d := n.Depth
	if n.Leaf() {
		fmt.Fprintf(b, "%s%s %s leaf node with indices %s\n", strings.Repeat(" ", d), strings.Repeat("-", d), n.Branch, pyfmt.List(n.Indices))
		return
	}
	fmt.Fprintf(b, "%s Depth %d, %s: Split on feature: %d\n", strings.Repeat("-", d), d, n.Branch, n.Feature)
	n.Left.write(b)
	n.Right.write(b)
}

// Splits returns the course's tree list: for each inner node, parents first
// and left before right (the order build_tree_recursive appends in), its
// left indices, right indices and feature.
func (n *Node) Splits() []Split {
	if n.Leaf() {
		return nil
	}
	out := []Split{{Left: n.Left.Indices, Right: n.Right.Indices, Feature: n.Feature}}
	return append(append(out, n.Left.Splits()...), n.Right.Splits()...)
}

// Split is one entry of the course's tree list, (left_indices, right_indices,
// best_feature).
type Split struct {
	Left, Right []int
	Feature     int
}

// Class returns the class the course's figure gives the examples indices:
// the largest label among them (1 if any example is 1), 0 when there is none.
func Class(y []int, indices []int) int {
	c := 0
	for _, i := range indices {
		c = max(c, y[i])
	}
	return c
}
