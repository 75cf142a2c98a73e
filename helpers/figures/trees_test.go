package figures

import (
	"image"
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

// reds counts the pixels of a red cap's colour in the rectangle r of im.
func reds(im image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := im.At(x, y)
			cr, cg, cb, _ := c.RGBA()
			if cr>>8 > 0xB0 && cg>>8 < 0x40 && cb>>8 < 0x40 {
				n++
			}
		}
	}
	return n
}

func TestSplitFigure(t *testing.T) {
	b, err := SplitFigure(Mushrooms(mushroomX, mushroomY), ten, []int{0, 1, 2, 3, 4, 7, 9}, []int{5, 6, 8}, 0)
	im := decode(t, b, err)
	size(t, im, 600, 400)
	// Split on Brown Cap: the red caps are all in the right branch (right
	// half of the lower half) and none in the left one.
	lower := im.Bounds().Max.Y / 2
	if n := reds(im, image.Rect(0, lower, 300, 400)); n != 0 {
		t.Errorf("%d red pixels in the brown-cap branch", n)
	}
	if n := reds(im, image.Rect(300, lower, 600, 400)); n < 100 {
		t.Errorf("only %d red pixels in the red-cap branch", n)
	}
	for name, f := range map[string]func() ([]byte, error){
		"feature 3":  func() ([]byte, error) { return SplitFigure(Mushrooms(mushroomX, mushroomY), ten, nil, nil, 3) },
		"row 10":     func() ([]byte, error) { return SplitFigure(Mushrooms(mushroomX, mushroomY), []int{10}, nil, nil, 0) },
		"no drawing": func() ([]byte, error) { return SplitFigure(Examples{X: mushroomX, Y: mushroomY}, ten, nil, nil, 0) },
	} {
		if _, err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTreeFigure(t *testing.T) {
	tree := dtree.Build(mushroomX, mushroomY, ten, 2, decisiontree.GetBestSplit, decisiontree.SplitDataset)
	b, err := TreeFigure(Mushrooms(mushroomX, mushroomY), tree)
	im := decode(t, b, err)
	size(t, im, 1400, 1000)
	cats := dtree.Build(catX, catY, ten, 1, decisiontree.GetBestSplit, decisiontree.SplitDataset)
	b, err = TreeFigure(Cats(catX, catY), cats)
	size(t, decode(t, b, err), 1400, 1000)
	if _, err := TreeFigure(Mushrooms(mushroomX, mushroomY), nil); err == nil {
		t.Error("nil tree: no error")
	}
	deep := dtree.Build(mushroomX, mushroomY, ten, 3, func([][]int, []int, []int) int { return 0 }, decisiontree.SplitDataset)
	if _, err := TreeFigure(Mushrooms(mushroomX, mushroomY), deep); err == nil {
		t.Error("depth 3: no error")
	}
}

func TestEntropyFigure(t *testing.T) {
	b, err := Entropy(0)
	size(t, decode(t, b, err), 600, 400)
	if _, err := Entropy(1.5); err == nil {
		t.Error("p = 1.5: no error")
	}
}
