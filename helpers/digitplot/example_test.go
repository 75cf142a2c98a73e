package digitplot_test

import (
	"bytes"
	"fmt"
	"image/png"
	"os"

	"github.com/mlspec-go/nnlab/helpers/digitplot"
	"gonum.org/v1/gonum/mat"
)

// Eight synthetic 20x20 "digits" as the rows of a data matrix, each row
// stored column by column like the course's X.
func exampleData() (*mat.Dense, []int) {
	X := mat.NewDense(8, 400, nil)
	labels := make([]int, 8)
	for i := 0; i < 8; i++ {
		labels[i] = i % 2
		for r := 2; r < 18; r++ {
			col := 6 + i // a vertical stroke, further right in every row
			X.Set(i, col*20+r, 1)
		}
	}
	return X, labels
}

func ExampleGrid() {
	X, labels := exampleData()
	idx := digitplot.RandomRows(8, 4, 1) // reproducible choice of rows
	titles := make([]string, len(idx))
	for k, i := range idx {
		titles[k] = fmt.Sprint(labels[i])
	}
	pngBytes, err := digitplot.Grid(digitplot.Rows(X, idx), titles, 2, 2, "Label")
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(pngBytes))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rows:", idx)
	fmt.Printf("PNG %dx%d\n", cfg.Width, cfg.Height)
	// Output:
	// rows: [3 4 6 6]
	// PNG 352x400
}

// In a GoNB notebook cell, Show puts the figure in the cell's output. Outside
// a notebook it prints and returns ErrNotNotebook.
func ExampleShow() {
	X, labels := exampleData()
	idx := digitplot.RandomRows(8, 4, 1)
	titles := make([]string, len(idx))
	for k, i := range idx {
		titles[k] = fmt.Sprintf("%d,%d", labels[i], labels[i])
	}
	if err := digitplot.Show(digitplot.Rows(X, idx), titles, 2, 2, "Label, yhat"); err != nil {
		fmt.Fprintln(os.Stdout, "not shown")
	}
	// Output: not shown
}
