// Package digitplot draws grids of small grayscale digit images with titles,
// the Go counterpart of the course's matplotlib figures
// (plt.subplots(8, 8, figsize=(8, 8)) with imshow(..., cmap='gray')).
//
// Each image is one row of the data matrix: a square picture unrolled column
// by column (the course's 400 values of a 20x20 digit, shown upright with
// X[i].reshape((20,20)).T). Grid renders a figure to PNG bytes with gonum/plot's
// drawing canvas; Show displays it in a GoNB notebook cell.
//
// Figures have the course's size and look: one inch per cell at 72 dpi by
// default (an 8x8 grid is 576 pixels square, as the course's 8 x 8 inch
// figure shows), other sizes through Size (MulticlassGrid, ErrorStripSize);
// every image smoothly resampled to its tile like imshow's, its gray scale
// fitted to the image (smallest value black, largest white); titles in
// DejaVu Sans, matplotlib's font. Digit and ErrorStrip (ShowDigit,
// ShowErrors) draw the multiclass lab's lone digit and error strip.
package digitplot

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"

	xdraw "golang.org/x/image/draw"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/mlspec-go/nnlab/internal/canvas"
	"github.com/mlspec-go/nnlab/internal/display"
	"github.com/mlspec-go/nnlab/internal/nilmat"
	"github.com/mlspec-go/nnlab/internal/notebook"
)

// Size is a figure's size and type sizes, the arguments of matplotlib's
// figsize, dpi and fontsize. Zero fields take the defaults of Grid: one inch
// per cell at 72 dots per inch (an 8x8 grid is 576 x 576 pixels, the size the
// course's 8 x 8 inch figures show at; a lone image 2.25 inches, 162 pixels),
// 12 point titles and a 16 point overall title.
type Size struct {
	Width, Height float64 // inches
	DPI           float64 // dots (pixels) per inch
	TitleSize     float64 // points, the title over each image
	SupTitleSize  float64 // points, the overall title
}

// MulticlassGrid is the size of the multiclass lab's 8x8 grids: a 5 x 5 inch
// figure at 100 dots per inch (what JupyterLab's interactive matplotlib
// canvas uses), 9 point titles and a 14 point overall title.
var MulticlassGrid = Size{Width: 5, Height: 5, DPI: 100, TitleSize: 9, SupTitleSize: 14}

// Week2Grid is MulticlassGrid, under the name copies of the multiclass lab
// fetched before the rename still use.
//
// Deprecated: use MulticlassGrid.
var Week2Grid = MulticlassGrid

// ErrorStripSize is the size of the error strip of ShowErrors: 5 x 1.2
// inches at 100 dots per inch, 10 point titles, 12 point overall title.
var ErrorStripSize = Size{Width: 5, Height: 1.2, DPI: 100, TitleSize: 10, SupTitleSize: 12}

// loneSide is the default side, in inches, of a figure of one image: the
// course draws one at 1 inch (72 pixels), too small to read beside the 8
// inch grids, so a lone image is drawn larger.
const loneSide = 2.25

// withDefaults fills the zero fields of s for a grid of rows x cols.
func (s Size) withDefaults(rows, cols int) Size {
	w, h := float64(cols), float64(rows)
	if rows == 1 && cols == 1 {
		w, h = loneSide, loneSide
	}
	if s.Width <= 0 {
		s.Width = w
	}
	if s.Height <= 0 {
		s.Height = h
	}
	if s.DPI <= 0 {
		s.DPI = 72
	}
	if s.TitleSize <= 0 {
		s.TitleSize = 12
	}
	if s.SupTitleSize <= 0 {
		s.SupTitleSize = 16
	}
	return s
}

// Typeface is the font of every title: DejaVu Sans, matplotlib's default.
const Typeface = canvas.Typeface

// ErrNotNotebook is returned by Show when the program does not run under a
// GoNB kernel, so there is nowhere to display the figure.
var ErrNotNotebook = errors.New("digitplot: not running in a GoNB notebook, figure not displayed")

// stderr receives Show's error messages (GoNB shows it in the cell output).
var stderr io.Writer = os.Stderr

// stdout, when set (by tests), receives ShowErrors' "no errors found"
// instead of os.Stdout.
var stdout io.Writer

// layout is the pixel geometry of one figure.
type layout struct {
	rows, cols int
	side       int // image side in data pixels (20 for the course's digits)
	size       Size
	tile       int // image side on screen, in pixels
	titleH     int // title band above each image (0 without titles)
	topH       int // band above the grid
	cellW      float64
	cellH      float64
	width      int
	height     int
}

// pt converts points to pixels at the figure's resolution.
func (l layout) pt(points float64) float64 { return points * l.size.DPI / 72 }

func newLayout(rows, cols, side int, titles bool, suptitle string, s Size) layout {
	s = s.withDefaults(rows, cols)
	l := layout{rows: rows, cols: cols, side: side, size: s}
	l.width = int(math.Round(s.Width * s.DPI))
	l.height = int(math.Round(s.Height * s.DPI))
	l.topH = int(math.Round(l.pt(3)))
	if suptitle != "" {
		l.topH = int(math.Round(l.pt(s.SupTitleSize * 1.7)))
	}
	if titles {
		l.titleH = int(math.Round(l.pt(s.TitleSize*1.25 + 2)))
	}
	l.cellW = float64(l.width) / float64(cols)
	l.cellH = float64(l.height-l.topH) / float64(rows)
	gap := math.Max(2, math.Round(l.pt(3)))
	l.tile = int(math.Floor(math.Min(l.cellW-gap, l.cellH-float64(l.titleH)-gap)))
	l.tile = max(l.tile, 1)
	return l
}

// imageRect is where image k is drawn, in pixels from the top-left corner:
// centred in its cell, under its title.
func (l layout) imageRect(k int) image.Rectangle {
	r, c := k/l.cols, k%l.cols
	x0 := int(math.Round(float64(c)*l.cellW + (l.cellW-float64(l.tile))/2))
	free := l.cellH - float64(l.titleH) - float64(l.tile)
	y0 := int(math.Round(float64(l.topH) + float64(r)*l.cellH + float64(l.titleH) + free/2))
	return image.Rect(x0, y0, x0+l.tile, y0+l.tile)
}

// Grid renders images in a grid of rows x cols, filled row by row, with
// titles[k] above images[k] and suptitle, in a larger font, above the grid.
// It returns the figure as PNG bytes. The figure is one inch per cell at 72
// dots per inch (see Size; GridSize takes another size).
//
// Every image is a square picture of side*side values stored column by column
// (20x20 = 400 for the course's digits), exactly one row of X. titles may be
// nil (no titles); otherwise it needs one entry per image. suptitle may be
// empty. Fewer images than cells leave the last cells blank.
//
// Like matplotlib's imshow, each image is resampled smoothly (bicubic) to
// its tile and its gray scale is fitted to the image: its smallest value is
// black and its largest white. Titles are DejaVu Sans, matplotlib's font.
func Grid(images [][]float64, titles []string, rows, cols int, suptitle string) ([]byte, error) {
	return GridSize(images, titles, rows, cols, suptitle, Size{})
}

// GridSize is Grid drawn at the given figure size (zero fields take Grid's
// defaults): GridSize(images, titles, 8, 8, "Label, image", MulticlassGrid) is
// the multiclass lab's 5 x 5 inch grid.
func GridSize(images [][]float64, titles []string, rows, cols int, suptitle string, size Size) ([]byte, error) {
	side, err := checkGrid(images, titles, rows, cols, size)
	if err != nil {
		return nil, err
	}
	l := newLayout(rows, cols, side, titles != nil, suptitle, size)
	if l.width < cols || l.height < rows {
		return nil, fmt.Errorf("digitplot: a figure of %dx%d pixels is too small for %d x %d images", l.width, l.height, rows, cols)
	}
	cv := canvas.New(l.width, l.height, int(l.size.DPI))
	l.draw(cv, images, titles, suptitle)
	// Everything drawn is gray: an 8-bit gray PNG loses nothing.
	b, err := cv.GrayPNG()
	if err != nil {
		return nil, fmt.Errorf("digitplot: %w", err)
	}
	return b, nil
}

// checkGrid says why images (with titles, nil or one each) do not fit a
// grid of rows x cols at size, or returns their side.
func checkGrid(images [][]float64, titles []string, rows, cols int, size Size) (int, error) {
	if rows <= 0 || cols <= 0 {
		return 0, fmt.Errorf("digitplot: grid of %d x %d cells: rows and cols must be positive", rows, cols)
	}
	if len(images) == 0 {
		return 0, errors.New("digitplot: no images to draw")
	}
	if len(images) > rows*cols {
		return 0, fmt.Errorf("digitplot: %d images do not fit a grid of %d x %d = %d cells", len(images), rows, cols, rows*cols)
	}
	if titles != nil && len(titles) != len(images) {
		return 0, fmt.Errorf("digitplot: %d titles for %d images: give one title per image, or nil", len(titles), len(images))
	}
	if size.Width < 0 || size.Height < 0 || size.DPI < 0 || size.Width*size.Height*size.DPI*size.DPI > 1e8 {
		return 0, fmt.Errorf("digitplot: figure of %g x %g inches at %g dpi: give positive sizes of a sensible figure", size.Width, size.Height, size.DPI)
	}
	return imageSide(images)
}

// draw draws the images, resampled to their tiles, their titles and the
// overall title on cv.
func (l layout) draw(cv *canvas.Canvas, images [][]float64, titles []string, suptitle string) {
	titleStyle := textStyle(vg.Length(l.size.TitleSize))
	for k, im := range images {
		r := l.imageRect(k)
		tile := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
		src := grayImage(im, l.side)
		xdraw.CatmullRom.Scale(tile, tile.Bounds(), src, src.Bounds(), xdraw.Src, nil)
		xdraw.Draw(cv.Image, r, tile, image.Point{}, xdraw.Src)
		if titles != nil && titles[k] != "" {
			pt := l.vgPoint(float64(r.Min.X)+float64(r.Dx())/2, float64(r.Min.Y)-l.pt(2))
			cv.FillText(titleStyle, pt, titles[k])
		}
	}
	if suptitle != "" {
		pt := l.vgPoint(float64(l.width)/2, float64(l.topH)-l.pt(l.size.SupTitleSize*0.45))
		cv.FillText(textStyle(vg.Length(l.size.SupTitleSize)), pt, suptitle)
	}
}

// Show renders the grid like Grid and displays it in the output of the
// current GoNB notebook cell. It never panics: an error (bad arguments, or
// ErrNotNotebook when the program is not run by GoNB) is printed to standard
// error and returned, so a notebook cell can simply call
//
//	digitplot.Show(digitplot.Rows(X, idx), titles, 8, 8, "Label, yhat")
func Show(images [][]float64, titles []string, rows, cols int, suptitle string) error {
	return ShowSize(images, titles, rows, cols, suptitle, Size{})
}

// ShowSize is Show at the given figure size, like GridSize.
func ShowSize(images [][]float64, titles []string, rows, cols int, suptitle string, size Size) error {
	return report(func() ([]byte, error) { return GridSize(images, titles, rows, cols, suptitle, size) })
}

// report renders with render, displays the PNG and prints any error, for
// the Show functions (see display.Show).
func report(render func() ([]byte, error)) error {
	return display.Show(stderr, "digitplot", ErrNotNotebook, render)
}

// digitPixels is the side of Digit's picture: the course's 0.5 inch figure
// at 100 dpi, a little larger so the strokes stay readable.
const digitPixels = 64

// Digit renders one image alone, untitled and small (64 x 64 pixels), the
// counterpart of the multiclass lab's display_digit. image is a square
// picture stored column by column, one row of X.
func Digit(image []float64) ([]byte, error) {
	if len(image) == 0 {
		return nil, errors.New("digitplot: Digit of an empty image: pass one row of X (400 values)")
	}
	dpi := 100.0
	side := float64(digitPixels) / dpi
	return GridSize([][]float64{image}, nil, 1, 1, "", Size{Width: side, Height: side, DPI: dpi})
}

// ShowDigit displays Digit(image) in the current GoNB cell; errors are
// printed and returned, as with Show.
func ShowDigit(image []float64) error {
	return report(func() ([]byte, error) { return Digit(image) })
}

// maxErrors is how many misclassified images the error strip shows.
const maxErrors = 8

// Errors returns, in row order, the rows i of X whose label y[i] differs
// from yhat[i]. y is a column (m x 1) or a row (1 x m) of integer labels,
// X has m rows, yhat m entries.
func Errors(X, y mat.Matrix, yhat []int) ([]int, error) {
	idx, _, err := misclassified(X, y, yhat)
	return idx, err
}

// misclassified returns what Errors returns and the label of row i.
func misclassified(X, y mat.Matrix, yhat []int) ([]int, func(i int) int, error) {
	label, err := labels(X, y, yhat)
	if err != nil {
		return nil, nil, err
	}
	var idx []int
	for i, p := range yhat {
		if label(i) != p {
			idx = append(idx, i)
		}
	}
	return idx, label, nil
}

// labels checks the shapes of X, y and yhat and returns the label of row i.
func labels(X, y mat.Matrix, yhat []int) (func(i int) int, error) {
	if nilmat.Is(X) || nilmat.Is(y) {
		return nil, errors.New("digitplot: Errors needs X and y, got a nil matrix: pass the data and the labels")
	}
	m, _ := X.Dims()
	yr, yc := y.Dims()
	var label func(i int) int
	switch {
	case yc == 1 && yr == m:
		label = func(i int) int { return int(math.Round(y.At(i, 0))) }
	case yr == 1 && yc == m:
		label = func(i int) int { return int(math.Round(y.At(0, i))) }
	default:
		return nil, fmt.Errorf("digitplot: X has %d rows but y is %d x %d: pass the labels as an %d x 1 column", m, yr, yc, m)
	}
	if len(yhat) != m {
		return nil, fmt.Errorf("digitplot: X has %d rows but yhat has %d predictions: predict every row of X", m, len(yhat))
	}
	return label, nil
}

// ErrorStrip renders the first (at most) 8 misclassified rows of X in one
// row, each titled "label,yhat", under the overall title "Label, yhat": the
// error strip of the multiclass lab (5 x 1.2 inches, see ErrorStripSize).
// It returns the PNG and the number of misclassified rows; with none the
// PNG is nil.
func ErrorStrip(X, y mat.Matrix, yhat []int) ([]byte, int, error) {
	idx, label, err := misclassified(X, y, yhat)
	if err != nil || len(idx) == 0 {
		return nil, 0, err
	}
	shown := idx[:min(len(idx), maxErrors)]
	titles := make([]string, len(shown))
	for k, i := range shown {
		titles[k] = fmt.Sprintf("%d,%d", label(i), yhat[i])
	}
	b, err := GridSize(Rows(X, shown), titles, 1, len(shown), "Label, yhat", ErrorStripSize)
	return b, len(idx), err
}

// ShowErrors lists the rows of X whose label in y differs from the
// prediction yhat and returns how many there are. With none it prints
// "no errors found" and draws nothing; otherwise it displays the first
// (at most) 8 of them in one row, titled "label,yhat" (see ErrorStrip). Errors
// are printed and returned as with Show; the count is returned even when
// the figure could not be shown.
func ShowErrors(X, y mat.Matrix, yhat []int) (int, error) {
	idx, err := Errors(X, y, yhat)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 0, err
	}
	if len(idx) == 0 {
		var w io.Writer = os.Stdout
		if stdout != nil {
			w = stdout
		}
		fmt.Fprintln(w, "no errors found")
		return 0, nil
	}
	err = report(func() ([]byte, error) {
		b, _, stripErr := ErrorStrip(X, y, yhat)
		return b, stripErr
	})
	return len(idx), err
}

// Rows returns rows idx of m as slices, ready for Grid: with X the data
// matrix, Rows(X, idx) are the images of the examples idx. An index out of
// range, or no matrix, ends the notebook cell with a message that says so
// (see notebook.Fail; outside a cell it panics with that message).
func Rows(m mat.Matrix, idx []int) [][]float64 {
	_, c := checkRows("digitplot.Rows", m, idx)
	out := make([][]float64, len(idx))
	for k, i := range idx {
		row := make([]float64, c)
		mat.Row(row, i, m)
		out[k] = row
	}
	return out
}

// Batch returns rows idx of m as one matrix, one example per row, so that a
// model predicts them in one call: with X the data matrix, Batch(X, idx) is
// numpy's X[idx]. An index out of range, no index at all, or no matrix ends
// the notebook cell with a message that says so (see notebook.Fail).
func Batch(m mat.Matrix, idx []int) *mat.Dense {
	_, c := checkRows("digitplot.Batch", m, idx)
	if len(idx) == 0 {
		notebook.Fail("digitplot.Batch: no rows asked for (idx is empty): a batch needs at least one row")
	}
	out := mat.NewDense(len(idx), c, nil)
	for k, i := range idx {
		out.SetRow(k, mat.Row(nil, i, m))
	}
	return out
}

// RandomRows returns n row indices drawn uniformly from [0, m), with
// repetition, like calling np.random.randint(m) n times. The same seed always
// gives the same indices (the generator is PCG, fixed by Go's math/rand/v2,
// and the reduction to [0, m) is done here), so notebook figures are
// reproducible. m <= 0 or n < 0 ends the notebook cell with a message that
// says so (see notebook.Fail).
func RandomRows(m, n int, seed int64) []int {
	if m <= 0 || n < 0 {
		notebook.Fail(fmt.Sprintf("digitplot.RandomRows(%d, %d, seed): m, the number of rows to draw from, must be positive, "+
			"and n, how many to draw, 0 or more", m, n))
	}
	src := rand.NewPCG(uint64(seed), 0x6469676974706c74) // "digitplt"
	out := make([]int, n)
	for i := range out {
		out[i] = int(uniform(src, uint64(m)))
	}
	return out
}

// checkRows returns m's shape, or ends the cell (notebook.Fail) when m is nil
// or an index of idx is not one of its rows.
func checkRows(fn string, m mat.Matrix, idx []int) (int, int) {
	if nilmat.Is(m) {
		notebook.Fail(fn + ": the matrix is nil: pass the data, e.g. X")
	}
	r, c := m.Dims()
	for _, i := range idx {
		if i < 0 || i >= r {
			notebook.Fail(fmt.Sprintf("%s: row %d is out of range: the matrix has %d rows, numbered 0 to %d", fn, i, r, r-1))
		}
	}
	return r, c
}

// uniform returns a uniform value in [0, n) (Lemire's multiply-and-reject).
func uniform(src rand.Source, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

// imageSide checks that all images are squares of one size and returns it.
func imageSide(images [][]float64) (int, error) {
	n := len(images[0])
	side := int(math.Round(math.Sqrt(float64(n))))
	if n == 0 || side*side != n {
		return 0, fmt.Errorf("digitplot: image 0 has %d values, not a square picture (400 for 20x20)", n)
	}
	for k, im := range images {
		if len(im) != n {
			return 0, fmt.Errorf("digitplot: image %d has %d values, image 0 has %d: all images need one size", k, len(im), n)
		}
	}
	return side, nil
}

// grayImage maps a column-major side x side picture to gray levels the way
// imshow(cmap='gray') does: the image's minimum black, its maximum white,
// linear in between (256 levels). A constant image is black; NaN is white
// (matplotlib leaves it transparent over the white figure).
func grayImage(v []float64, side int) *image.Gray {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if !math.IsNaN(x) {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	g := image.NewGray(image.Rect(0, 0, side, side))
	for c := 0; c < side; c++ {
		for r := 0; r < side; r++ {
			x := v[c*side+r] // column-major: the picture is reshape(side, side).T
			var level uint8
			switch {
			case math.IsNaN(x):
				level = 255
			case hi > lo:
				level = uint8(min(255, math.Floor((x-lo)/(hi-lo)*256)))
			}
			g.SetGray(c, r, color.Gray{Y: level})
		}
	}
	return g
}

func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    canvas.Sans(size),
		XAlign:  text.XCenter,
		YAlign:  text.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// vgPoint converts pixels from the top-left corner to vg's points from the
// bottom-left corner.
func (l layout) vgPoint(x, y float64) vg.Point {
	return vg.Point{X: l.px(x), Y: l.px(float64(l.height) - y)}
}

func (l layout) px(p float64) vg.Length { return vg.Length(p) * vg.Inch / vg.Length(l.size.DPI) }
