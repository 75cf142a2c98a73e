package digitplot

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/autils"
	"github.com/mlspec-go/nnlab/internal/canvas/canvastest"
)

// titled returns rows idx of X as images and their labels in y as titles,
// as the labs' cells make them.
func titled(X, y *mat.Dense, idx []int, title func(label, i int) string) ([][]float64, []string) {
	titles := make([]string, len(idx))
	for k, i := range idx {
		titles[k] = title(int(y.At(i, 0)), i)
	}
	return Rows(X, idx), titles
}

// TestGoldenPictures draws every picture of the notebooks, from the labs'
// digits, and compares it with testdata/NAME.png within canvastest.Delta
// (go test -regen rewrites them).
func TestGoldenPictures(t *testing.T) {
	X, y := autils.LoadData()
	Xm, ym := autils.LoadDataMulticlass()
	m, _ := X.Dims()
	mm, _ := Xm.Dims()
	label := func(l, _ int) string { return fmt.Sprint(l) }
	binary, binaryTitles := titled(X, y, RandomRows(m, 64, 1), label)
	yhat, yhatTitles := titled(X, y, RandomRows(m, 64, 2), func(l, i int) string { return fmt.Sprintf("%d,%d", l, (l+i/600)%2) })
	multi, multiTitles := titled(Xm, ym, RandomRows(mm, 64, 1), label)
	lone, loneTitle := titled(X, y, []int{1}, func(l, _ int) string { return fmt.Sprintf("%d, 0.02", l) })
	// The multiclass lab's model gets a few digits wrong.
	predicted := make([]int, mm)
	for i := range predicted {
		predicted[i] = int(ym.At(i, 0))
		if i%250 == 7 {
			predicted[i] = (predicted[i] + 3) % 10
		}
	}
	for _, p := range []struct {
		name string
		draw func() ([]byte, error)
	}{
		{"grid-binary", func() ([]byte, error) { return Grid(binary, binaryTitles, 8, 8, "") }},
		{"grid-binary-yhat", func() ([]byte, error) { return Grid(yhat, yhatTitles, 8, 8, "Label, yhat") }},
		{"grid-lone", func() ([]byte, error) { return Grid(lone, loneTitle, 1, 1, "") }},
		{"grid-multiclass", func() ([]byte, error) { return GridSize(multi, multiTitles, 8, 8, "Label, image", MulticlassGrid) }},
		{"digit", func() ([]byte, error) { return Digit(Xm.RawRowView(1015)) }},
		{"error-strip", func() ([]byte, error) {
			b, n, err := ErrorStrip(Xm, ym, predicted)
			if err == nil && n != 20 {
				err = fmt.Errorf("%d errors, want 20", n)
			}
			return b, err
		}},
	} {
		b, err := p.draw()
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		canvastest.Golden(t, p.name, b)
	}
}
