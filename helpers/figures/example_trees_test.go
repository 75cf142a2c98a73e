package figures_test

import (
	"github.com/mlspec-go/nnlab/helpers/dtree"
	"github.com/mlspec-go/nnlab/helpers/figures"
)

// The course's Case 1: all ten mushrooms split on Brown Cap (feature 0).
func ExampleSplit() {
	X := [][]int{{1, 1, 1}, {1, 0, 1}, {1, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 1}, {0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {1, 0, 0}}
	y := []int{1, 1, 0, 0, 1, 0, 0, 1, 1, 0}
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	pixels(figures.Split(figures.Mushrooms(X, y), all, []int{0, 1, 2, 3, 4, 7, 9}, []int{5, 6, 8}, 0))
	// Output: PNG 600x400
}

// A tree of depth 1 built by hand: the root split on Ear Shape.
func ExampleTree() {
	X := [][]int{{1, 1, 1}, {0, 0, 1}, {0, 1, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}, {0, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 1, 0}}
	y := []int{1, 1, 0, 0, 1, 1, 0, 1, 0, 0}
	tree := &dtree.Node{Branch: "Root", Indices: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Feature: 0,
		Left:  &dtree.Node{Branch: "Left", Depth: 1, Indices: []int{0, 3, 4, 5, 7}, Feature: -1},
		Right: &dtree.Node{Branch: "Right", Depth: 1, Indices: []int{1, 2, 6, 8, 9}, Feature: -1}}
	pixels(figures.Tree(figures.Cats(X, y), tree))
	// Output: PNG 1400x1000
}
