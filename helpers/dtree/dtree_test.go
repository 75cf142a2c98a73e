package dtree

import (
	"reflect"
	"testing"

	"github.com/mlspec-go/nnlab/internal/reference/decisiontree"
)

var (
	mushroomsX = [][]int{{1, 1, 1}, {1, 0, 1}, {1, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 1}, {0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {1, 0, 0}}
	mushroomsY = []int{1, 1, 0, 0, 1, 0, 0, 1, 1, 0}
	catsX      = [][]int{{1, 1, 1}, {0, 0, 1}, {0, 1, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}, {0, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 1, 0}}
	catsY      = []int{1, 1, 0, 0, 1, 1, 0, 1, 0, 0}
	all        = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
)

func TestPrintsAsTheCourse(t *testing.T) {
	for _, c := range []struct {
		name     string
		x        [][]int
		y        []int
		maxDepth int
		want     string
	}{
		{"mushrooms", mushroomsX, mushroomsY, 2, ` Depth 0, Root: Split on feature: 2
- Depth 1, Left: Split on feature: 0
  -- Left leaf node with indices [0, 1, 4, 7]
  -- Right leaf node with indices [5]
- Depth 1, Right: Split on feature: 1
  -- Left leaf node with indices [8]
  -- Right leaf node with indices [2, 3, 6, 9]
`},
		{"cats depth 1", catsX, catsY, 1, ` Depth 0, Root: Split on feature: 0
 - Left leaf node with indices [0, 3, 4, 5, 7]
 - Right leaf node with indices [1, 2, 6, 8, 9]
`},
		{"cats depth 2", catsX, catsY, 2, ` Depth 0, Root: Split on feature: 0
- Depth 1, Left: Split on feature: 1
  -- Left leaf node with indices [0, 4, 5, 7]
  -- Right leaf node with indices [3]
- Depth 1, Right: Split on feature: 2
  -- Left leaf node with indices [1]
  -- Right leaf node with indices [2, 6, 8, 9]
`},
	} {
		tree := Build(c.x, c.y, all, c.maxDepth, decisiontree.GetBestSplit, decisiontree.SplitDataset)
		if got := tree.String(); got != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

func TestSplitsAreTheCourseList(t *testing.T) {
	tree := Build(mushroomsX, mushroomsY, all, 2, decisiontree.GetBestSplit, decisiontree.SplitDataset)
	want := []Split{
		{[]int{0, 1, 4, 5, 7}, []int{2, 3, 6, 8, 9}, 2},
		{[]int{0, 1, 4, 7}, []int{5}, 0},
		{[]int{8}, []int{2, 3, 6, 9}, 1},
	}
	if got := tree.Splits(); !reflect.DeepEqual(got, want) {
		t.Errorf("splits %v, want %v", got, want)
	}
	if Class(mushroomsY, []int{5}) != 0 || Class(mushroomsY, []int{8}) != 1 || Class(mushroomsY, nil) != 0 {
		t.Error("Class")
	}
}

// A node that is pure before the depth limit is a leaf (the course's Python
// prints "Split on feature: -1" and splits on the last feature).
func TestPureNodeIsALeaf(t *testing.T) {
	tree := Build(mushroomsX, mushroomsY, []int{0, 1, 4, 7}, 2, decisiontree.GetBestSplit, decisiontree.SplitDataset)
	if want := " Root leaf node with indices [0, 1, 4, 7]\n"; tree.String() != want {
		t.Errorf("got %q, want %q", tree.String(), want)
	}
}
