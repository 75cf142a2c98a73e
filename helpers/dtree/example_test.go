package dtree_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/dtree"
)

// A tree of depth 1 from a split function and a best-split rule that always
// picks feature 0.
func ExampleBuildTreeRecursive() {
	X := [][]int{{1, 0}, {0, 1}, {1, 1}}
	y := []int{1, 0, 1}
	split := func(X [][]int, nodeIndices []int, feature int) (left, right []int) {
		for _, i := range nodeIndices {
			if X[i][feature] == 1 {
				left = append(left, i)
			} else {
				right = append(right, i)
			}
		}
		return left, right
	}
	first := func(X [][]int, y []int, nodeIndices []int) int { return 0 }
	tree := dtree.BuildTreeRecursive(X, y, []int{0, 1, 2}, "Root", 1, 0, first, split)
	fmt.Print(tree)
	// Output:
	//  Depth 0, Root: Split on feature: 0
	//  - Left leaf node with indices [0, 2]
	//  - Right leaf node with indices [1]
}
