// Package digitplot draws grids of small grayscale digit images with titles,
// the Go counterpart of the course's matplotlib figures
// (plt.subplots(8, 8, figsize=(8, 8)) with imshow(..., cmap='gray')).
//
// Each image is one row of the data matrix: a square picture unrolled column
// by column (the course's 400 values of a 20x20 digit, shown upright with
// X[i].reshape((20,20)).T). Grid renders a figure to PNG bytes with gonum/plot's
// drawing canvas; Show displays it in a GoNB notebook cell.
//
// Pixels stay crisp: every image is enlarged by a whole factor with
// nearest-neighbour sampling and drawn at exactly that size, aligned to the
// pixel grid. Like imshow, the gray scale is fitted to each image: its
// smallest value is black and its largest white.
package digitplot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"

	"git.sr.ht/~sbinet/gg"
	"github.com/janpfeifer/gonb/gonbui"
	xdraw "golang.org/x/image/draw"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Figure geometry, in pixels at dpi. An 8x8 grid of 20x20 digits comes out
// 768 pixels wide (matplotlib's figsize=(8, 8) at 96 dpi) and 840 high:
// each digit is drawn 80x80 (4 screen pixels per image pixel) under its title.
const (
	dpi        = 96
	figureSide = 768 // pixels the grid aims to fill across and down
	gapX       = 16  // horizontal space between images
	gapBelow   = 4   // space under each image
	titleBand  = 16  // space above each image holding its title
	supBand    = 40  // space at the top holding the overall title
	topMargin  = 6   // space at the top when there is no overall title
	maxScale   = 8   // largest enlargement of an image pixel
	titleSize  = 10  // points
	supSize    = 16  // points
)

// ErrNotNotebook is returned by Show when the program does not run under a
// GoNB kernel, so there is nowhere to display the figure.
var ErrNotNotebook = errors.New("digitplot: not running in a GoNB notebook, figure not displayed")

// stderr receives Show's error messages (GoNB shows it in the cell output).
var stderr io.Writer = os.Stderr

// layout is the pixel geometry of one figure.
type layout struct {
	rows, cols int
	side       int // image side in data pixels (20 for the course's digits)
	scale      int // screen pixels per data pixel
	img        int // image side on screen: side*scale
	titleH     int // title band above each image (0 without titles)
	topH       int // band above the grid
	cellW      int
	cellH      int
	width      int
	height     int
}

func newLayout(rows, cols, side int, titles bool, suptitle string) layout {
	l := layout{rows: rows, cols: cols, side: side, titleH: 4, topH: topMargin}
	if titles {
		l.titleH = titleBand
	}
	if suptitle != "" {
		l.topH = supBand
	}
	perCell := min(figureSide/cols, figureSide/rows) - gapX
	l.scale = max(1, min(maxScale, perCell/side))
	l.img = side * l.scale
	l.cellW = l.img + gapX
	l.cellH = l.titleH + l.img + gapBelow
	l.width = cols * l.cellW
	l.height = l.topH + rows*l.cellH
	return l
}

// imageRect is where image k is drawn, in pixels from the top-left corner.
func (l layout) imageRect(k int) image.Rectangle {
	r, c := k/l.cols, k%l.cols
	x0 := c*l.cellW + gapX/2
	y0 := l.topH + r*l.cellH + l.titleH
	return image.Rect(x0, y0, x0+l.img, y0+l.img)
}

// Grid renders images in a grid of rows x cols, filled row by row, with
// titles[k] above images[k] and suptitle, in a larger font, above the grid.
// It returns the figure as PNG bytes.
//
// Every image is a square picture of side*side values stored column by column
// (20x20 = 400 for the course's digits), exactly one row of X. titles may be
// nil (no titles); otherwise it needs one entry per image. suptitle may be
// empty. Fewer images than cells leave the last cells blank.
func Grid(images [][]float64, titles []string, rows, cols int, suptitle string) ([]byte, error) {
	if rows <= 0 || cols <= 0 {
		return nil, fmt.Errorf("digitplot: grid of %d x %d cells: rows and cols must be positive", rows, cols)
	}
	if len(images) == 0 {
		return nil, errors.New("digitplot: no images to draw")
	}
	if len(images) > rows*cols {
		return nil, fmt.Errorf("digitplot: %d images do not fit a grid of %d x %d = %d cells", len(images), rows, cols, rows*cols)
	}
	if titles != nil && len(titles) != len(images) {
		return nil, fmt.Errorf("digitplot: %d titles for %d images: give one title per image, or nil", len(titles), len(images))
	}
	side, err := imageSide(images)
	if err != nil {
		return nil, err
	}
	l := newLayout(rows, cols, side, titles != nil, suptitle)

	// A canvas whose context samples images nearest-neighbour, so nothing
	// is blurred even if an image were scaled while drawn.
	ctx := gg.NewContextForRGBA(image.NewRGBA(image.Rect(0, 0, l.width, l.height)))
	ctx.SetLineCapButt()
	ctx.InvertY()
	ctx.SetInterpolator(xdraw.NearestNeighbor)
	vc := vgimg.NewWith(vgimg.UseImageWithContext(ctx.Image().(*image.RGBA), ctx), vgimg.UseDPI(dpi))
	c := draw.New(vc)

	titleStyle := textStyle(titleSize)
	for k, im := range images {
		r := l.imageRect(k)
		c.DrawImage(l.vgRect(r), enlarge(grayImage(im, side), l.scale))
		if titles != nil && titles[k] != "" {
			pt := l.vgPoint(float64(r.Min.X)+float64(l.img)/2, float64(r.Min.Y)-3)
			c.FillText(titleStyle, pt, titles[k])
		}
	}
	if suptitle != "" {
		pt := l.vgPoint(float64(l.width)/2, float64(l.topH)-10)
		c.FillText(textStyle(supSize), pt, suptitle)
	}

	// Everything drawn is gray, so an 8-bit gray PNG loses nothing and is
	// a fraction of the size of an RGBA one.
	rgba := vc.Image()
	gray := image.NewGray(rgba.Bounds())
	xdraw.Draw(gray, gray.Bounds(), rgba, rgba.Bounds().Min, xdraw.Src)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, gray); err != nil {
		return nil, fmt.Errorf("digitplot: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// Show renders the grid like Grid and displays it in the output of the
// current GoNB notebook cell. It never panics: an error (bad arguments, or
// ErrNotNotebook when the program is not run by GoNB) is printed to standard
// error and returned, so a notebook cell can simply call
//
//	digitplot.Show(digitplot.Rows(X, idx), titles, 8, 8, "Label, yhat")
func Show(images [][]float64, titles []string, rows, cols int, suptitle string) error {
	err := show(images, titles, rows, cols, suptitle)
	if err != nil {
		fmt.Fprintln(stderr, err)
	}
	return err
}

func show(images [][]float64, titles []string, rows, cols int, suptitle string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("digitplot: drawing failed: %v", r)
		}
	}()
	pngBytes, err := Grid(images, titles, rows, cols, suptitle)
	if err != nil {
		return err
	}
	if !gonbui.IsNotebook {
		return ErrNotNotebook
	}
	gonbui.DisplayPNG(pngBytes)
	// GoNB reads displays from a pipe concurrently with the cell's stdout: wait until the figure
	// has been taken, so it is not lost when the cell ends and keeps its place among the outputs.
	gonbui.Sync()
	if err := gonbui.Error(); err != nil {
		return fmt.Errorf("digitplot: sending the figure to GoNB: %w", err)
	}
	return nil
}

// Rows returns rows idx of m as slices, ready for Grid: with X the data
// matrix, Rows(X, idx) are the images of the examples idx. It panics, like
// gonum's At, if an index is out of range.
func Rows(m mat.Matrix, idx []int) [][]float64 {
	_, c := m.Dims()
	out := make([][]float64, len(idx))
	for k, i := range idx {
		row := make([]float64, c)
		mat.Row(row, i, m)
		out[k] = row
	}
	return out
}

// RandomRows returns n row indices drawn uniformly from [0, m), with
// repetition, like calling np.random.randint(m) n times. The same seed always
// gives the same indices (the generator is PCG, fixed by Go's math/rand/v2,
// and the reduction to [0, m) is done here), so notebook figures are
// reproducible. It panics if m <= 0 or n < 0.
func RandomRows(m, n int, seed int64) []int {
	if m <= 0 || n < 0 {
		panic(fmt.Sprintf("digitplot.RandomRows(%d, %d, seed): need m > 0 and n >= 0", m, n))
	}
	src := rand.NewPCG(uint64(seed), 0x6469676974706c74) // "digitplt"
	out := make([]int, n)
	for i := range out {
		out[i] = int(uniform(src, uint64(m)))
	}
	return out
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

// enlarge repeats every pixel into a k x k block.
func enlarge(src *image.Gray, k int) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(image.Rect(0, 0, b.Dx()*k, b.Dy()*k))
	for y := 0; y < dst.Bounds().Dy(); y++ {
		for x := 0; x < dst.Bounds().Dx(); x++ {
			dst.SetGray(x, y, src.GrayAt(b.Min.X+x/k, b.Min.Y+y/k))
		}
	}
	return dst
}

func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: size},
		XAlign:  text.XCenter,
		YAlign:  text.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// vgPoint converts pixels from the top-left corner to vg's points from the
// bottom-left corner.
func (l layout) vgPoint(x, y float64) vg.Point {
	return vg.Point{X: px(x), Y: px(float64(l.height) - y)}
}

func (l layout) vgRect(r image.Rectangle) vg.Rectangle {
	return vg.Rectangle{
		Min: l.vgPoint(float64(r.Min.X), float64(r.Max.Y)),
		Max: l.vgPoint(float64(r.Max.X), float64(r.Min.Y)),
	}
}

func px(p float64) vg.Length { return vg.Length(p) * vg.Inch / dpi }
