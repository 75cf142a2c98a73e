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
	// PNG 144x144
}

// The multiclass lab's grid is a 5 x 5 inch figure.
func ExampleGridSize() {
	X, labels := exampleData()
	titles := make([]string, 8)
	for i := range titles {
		titles[i] = fmt.Sprint(labels[i])
	}
	pngBytes, err := digitplot.GridSize(digitplot.Rows(X, []int{0, 1, 2, 3, 4, 5, 6, 7}), titles, 8, 8, "Label, image", digitplot.MulticlassGrid)
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, _ := png.DecodeConfig(bytes.NewReader(pngBytes))
	fmt.Printf("PNG %dx%d\n", cfg.Width, cfg.Height)
	// Output: PNG 500x500
}

// Digit draws one row of X alone, small and untitled; ShowDigit displays it.
func ExampleDigit() {
	X, _ := exampleData()
	pngBytes, err := digitplot.Digit(digitplot.Rows(X, []int{3})[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, _ := png.DecodeConfig(bytes.NewReader(pngBytes))
	fmt.Printf("PNG %dx%d\n", cfg.Width, cfg.Height)
	// Output: PNG 64x64
}

// ErrorStrip draws the misclassified rows (at most 8) with "label,yhat"
// titles and counts them; ShowErrors displays the strip in a notebook.
func ExampleErrorStrip() {
	X, labels := exampleData()
	y := mat.NewDense(8, 1, nil)
	yhat := make([]int, 8)
	for i, l := range labels {
		y.Set(i, 0, float64(l))
		yhat[i] = l
	}
	yhat[2], yhat[5] = 1, 0 // two wrong predictions
	idx, _ := digitplot.Errors(X, y, yhat)
	pngBytes, n, err := digitplot.ErrorStrip(X, y, yhat)
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, _ := png.DecodeConfig(bytes.NewReader(pngBytes))
	fmt.Println("rows:", idx)
	fmt.Printf("%d errors out of %d images, strip %dx%d\n", n, len(labels), cfg.Width, cfg.Height)
	// Output:
	// rows: [2 5]
	// 2 errors out of 8 images, strip 500x120
}

// With no errors ShowErrors says so, draws nothing and returns 0.
func ExampleShowErrors() {
	X, labels := exampleData()
	y := mat.NewDense(8, 1, nil)
	for i, l := range labels {
		y.Set(i, 0, float64(l))
	}
	n, err := digitplot.ShowErrors(X, y, labels)
	fmt.Println(n, err)
	// Output:
	// no errors found
	// 0 <nil>
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

// Batch picks rows of a data matrix as one matrix, ready for a single
// model.MustPredict call.
func ExampleBatch() {
	X := mat.NewDense(4, 2, []float64{
		0, 1,
		2, 3,
		4, 5,
		6, 7,
	})
	b := digitplot.Batch(X, []int{3, 0})
	fmt.Println(mat.Formatted(b))
	// Output:
	// ⎡6  7⎤
	// ⎣0  1⎦
}
