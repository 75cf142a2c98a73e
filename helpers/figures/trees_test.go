package figures

import (
	"testing"

	"github.com/mlspec-go/nnlab/helpers/dtree"
	"github.com/mlspec-go/nnlab/internal/reference/decisiontree"
)

var (
	mushroomX = [][]int{{1, 1, 1}, {1, 0, 1}, {1, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 1}, {0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {1, 0, 0}}
	mushroomY = []int{1, 1, 0, 0, 1, 0, 0, 1, 1, 0}
	catX      = [][]int{{1, 1, 1}, {0, 0, 1}, {0, 1, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}, {0, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 1, 0}}
	catY      = []int{1, 1, 0, 0, 1, 1, 0, 1, 0, 0}
	ten       = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
)

func TestSplitFigureErrors(t *testing.T) {
	for name, f := range map[string]func() ([]byte, error){
		"feature 3":  func() ([]byte, error) { return Split(Mushrooms(mushroomX, mushroomY), ten, nil, nil, 3) },
		"row 10":     func() ([]byte, error) { return Split(Mushrooms(mushroomX, mushroomY), []int{10}, nil, nil, 0) },
		"no drawing": func() ([]byte, error) { return Split(Examples{X: mushroomX, Y: mushroomY}, ten, nil, nil, 0) },
	} {
		if _, err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTreeFigureErrors(t *testing.T) {
	if _, err := Tree(Mushrooms(mushroomX, mushroomY), nil); err == nil {
		t.Error("nil tree: no error")
	}
	deep := dtree.Build(mushroomX, mushroomY, ten, 3, func([][]int, []int, []int) int { return 0 }, decisiontree.SplitDataset)
	if _, err := Tree(Mushrooms(mushroomX, mushroomY), deep); err == nil {
		t.Error("depth 3: no error")
	}
}

func TestEntropyErrors(t *testing.T) {
	if _, err := Entropy(1.5); err == nil {
		t.Error("p = 1.5: no error")
	}
}
