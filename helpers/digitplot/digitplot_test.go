package digitplot

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/display"
	"github.com/mlspec-go/nnlab/internal/notebook/notebooktest"
)

// picture builds a column-major 20x20 image from an upright description:
// on(r, c) says whether the pixel in row r (from the top), column c is lit.
func picture(on func(r, c int) bool) []float64 {
	v := make([]float64, 400)
	for c := 0; c < 20; c++ {
		for r := 0; r < 20; r++ {
			if on(r, c) {
				v[c*20+r] = 1
			}
		}
	}
	return v
}

// An "L": a vertical bar in column 3 and a foot along the bottom row.
var letterL = picture(func(r, c int) bool { return c == 3 || (r == 19 && c >= 3 && c <= 12) })

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	im, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("Grid returned an invalid PNG: %v", err)
	}
	return im
}

func gray(im image.Image, x, y int) uint8 {
	r, _, _, _ := im.At(x, y).RGBA()
	return uint8(r >> 8)
}

// The layout of an 8x8 grid is matplotlib's: tiles of about 50 pixels in
// the course's 576-pixel figure, larger without titles. (The pictures
// themselves are checked by TestGoldenPictures.)
func TestGridLayoutOf8x8(t *testing.T) {
	l := newLayout(8, 8, 20, true, "Label, yhat", Size{})
	if l.width != 576 || l.height != 576 {
		t.Errorf("8x8 grid of %dx%d pixels, want 576x576", l.width, l.height)
	}
	if l.tile < 40 || l.tile > 60 {
		t.Errorf("tiles are %d pixels, want about 50 as matplotlib draws them", l.tile)
	}
	l2 := newLayout(8, 8, 20, false, "", Size{})
	if l2.tile <= l.tile {
		t.Errorf("untitled tiles %d pixels, titled %d: want larger without titles", l2.tile, l.tile)
	}
}

// A figure of 2 x 1 images follows the grid: 2 inches wide, 1 high.
func TestGridFollowsShape(t *testing.T) {
	b, err := Grid([][]float64{letterL, letterL}, nil, 1, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, b).Bounds().Size(); got != (image.Point{144, 72}) {
		t.Errorf("1x2 grid is %v pixels, want 144x72", got)
	}
	// A lone image is drawn large enough to read.
	b, err = Grid([][]float64{letterL}, []string{"0, 1"}, 1, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, b).Bounds().Size(); got != (image.Point{162, 162}) {
		t.Errorf("1x1 grid is %v pixels, want 162x162", got)
	}
}

// The picture is drawn upright (the transpose of the row-major reshape) and
// smoothly resampled: white on the stroke, black far from it, gray levels
// at its edges.
func TestGridDrawsUprightAndSmooth(t *testing.T) {
	blank := make([]float64, 400)
	b, err := Grid([][]float64{blank, letterL}, []string{"", "L"}, 2, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	im := decode(t, b)
	l := newLayout(2, 2, 20, true, "", Size{})
	r := l.imageRect(1)
	s := float64(r.Dx()) / 20 // screen pixels per data pixel
	at := func(row, col float64) uint8 {
		return gray(im, r.Min.X+int((col+0.5)*s), r.Min.Y+int((row+0.5)*s))
	}
	// The vertical bar is in column 3, the foot in row 19: upright.
	for _, p := range [][2]float64{{5, 3}, {10, 3}, {19, 8}} {
		if g := at(p[0], p[1]); g < 200 {
			t.Errorf("stroke at row %g, col %g drawn at level %d, want white", p[0], p[1], g)
		}
	}
	for _, p := range [][2]float64{{5, 10}, {3, 15}, {10, 0}} {
		if g := at(p[0], p[1]); g > 40 {
			t.Errorf("background at row %g, col %g drawn at level %d, want black", p[0], p[1], g)
		}
	}
	// Along a row across the bar, levels rise and fall through grays.
	var grays int
	y := r.Min.Y + int(10.5*s)
	for x := r.Min.X; x < r.Min.X+int(6*s); x++ {
		if g := gray(im, x, y); g > 30 && g < 225 {
			grays++
		}
	}
	if grays < 2 {
		t.Errorf("%d gray pixels across the bar's edges, want a smoothed edge (not 4x4 blocks)", grays)
	}
	// A constant image is black, like imshow's.
	r0 := l.imageRect(0)
	if got := gray(im, r0.Min.X+5, r0.Min.Y+5); got != 0 {
		t.Errorf("constant image drawn at level %d, want 0", got)
	}
	// The unused cells stay white.
	r3 := l.imageRect(3)
	if got := gray(im, r3.Min.X+5, r3.Min.Y+5); got != 255 {
		t.Errorf("empty cell drawn at level %d, want 255", got)
	}
}

// imshow scales each image on its own: min black, max white, 256 levels.
func TestGrayLevels(t *testing.T) {
	v := make([]float64, 4) // column-major 2x2: (0,0), (1,0), (0,1), (1,1)
	v[0], v[1], v[2], v[3] = -0.5, 0, 0.5, 1.5
	g := grayImage(v, 2)
	want := map[image.Point]uint8{{0, 0}: 0, {0, 1}: 64, {1, 0}: 128, {1, 1}: 255}
	for p, w := range want {
		if got := g.GrayAt(p.X, p.Y).Y; got != w {
			t.Errorf("pixel x=%d y=%d: level %d, want %d", p.X, p.Y, got, w)
		}
	}
}

func TestGridErrors(t *testing.T) {
	one := [][]float64{letterL}
	msg := notebooktest.Capture(t, &stderr)
	for _, tc := range []struct {
		name       string
		images     [][]float64
		titles     []string
		rows, cols int
		want       string
	}{
		{"zero rows", one, nil, 0, 8, "rows and cols must be positive"},
		{"negative cols", one, nil, 1, -1, "rows and cols must be positive"},
		{"too many images", [][]float64{letterL, letterL, letterL}, nil, 1, 2, "do not fit"},
		{"no images", nil, nil, 1, 1, "no images"},
		{"titles mismatch", [][]float64{letterL, letterL}, []string{"0"}, 1, 2, "1 titles for 2 images"},
		{"not square", [][]float64{make([]float64, 399)}, nil, 1, 1, "not a square"},
		{"sizes differ", [][]float64{letterL, make([]float64, 100)}, nil, 1, 2, "image 1 has 100 values"},
	} {
		_, err := Grid(tc.images, tc.titles, tc.rows, tc.cols, "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
		// Show reports the same error instead of panicking, and prints it.
		msg.Reset()
		if err := Show(tc.images, tc.titles, tc.rows, tc.cols, ""); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Show error %v, want one containing %q", tc.name, err, tc.want)
		}
		if !strings.Contains(msg.String(), tc.want) {
			t.Errorf("%s: Show printed %q, want the error", tc.name, msg.String())
		}
	}
}

// Outside a GoNB kernel Show renders, displays nothing and says so.
func TestShowOutsideNotebook(t *testing.T) {
	if display.CanDisplay() {
		t.Skip("running under GoNB")
	}
	msg := notebooktest.Capture(t, &stderr)
	if err := Show([][]float64{letterL}, []string{"1"}, 1, 1, "t"); err != ErrNotNotebook {
		t.Errorf("Show outside GoNB: %v, want ErrNotNotebook", err)
	}
	if !strings.Contains(msg.String(), "not running in a GoNB notebook") {
		t.Errorf("Show printed %q, want a note that it is not in a notebook", msg.String())
	}
}

func TestRandomRows(t *testing.T) {
	a := RandomRows(1000, 64, 42)
	b := RandomRows(1000, 64, 42)
	c := RandomRows(1000, 64, 43)
	if len(a) != 64 {
		t.Fatalf("got %d indices, want 64", len(a))
	}
	same := true
	for i := range a {
		if a[i] < 0 || a[i] >= 1000 {
			t.Errorf("index %d out of [0, 1000)", a[i])
		}
		if a[i] != b[i] {
			t.Fatalf("seed 42 gave different indices: %v vs %v", a, b)
		}
		same = same && a[i] == c[i]
	}
	if same {
		t.Error("seeds 42 and 43 gave the same indices")
	}
	// The stream is fixed forever: notebooks rely on the exact pictures.
	if got, want := fmt.Sprint(RandomRows(1000, 5, 1)), goldenRandomRows; got != want {
		t.Errorf("RandomRows(1000, 5, 1) = %s, want %s", got, want)
	}
	// Both halves of the data (zeros 0-499, ones 500-999) show up.
	var low, high int
	for _, i := range RandomRows(1000, 1000, 7) {
		if i < 500 {
			low++
		} else {
			high++
		}
	}
	if low < 400 || high < 400 {
		t.Errorf("1000 draws: %d below 500, %d above: not uniform", low, high)
	}
	if got := RandomRows(1, 3, 0); fmt.Sprint(got) != "[0 0 0]" {
		t.Errorf("RandomRows(1, 3, 0) = %v", got)
	}
}

const goldenRandomRows = "[488 501 781 854 129]"

func TestRows(t *testing.T) {
	m := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	got := fmt.Sprint(Rows(m, []int{2, 0, 2}))
	if want := "[[5 6] [1 2] [5 6]]"; got != want {
		t.Errorf("Rows = %s, want %s", got, want)
	}
}

// A learner's wrong index or count ends the cell with a message that says what is wrong (outside a
// cell: a panic with that message, not gonum's).
func TestSelectionMistakes(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	m := mat.NewDense(3, 2, nil)
	var declared *mat.Dense // declared but never made, as a learner may forget to
	for name, c := range map[string]struct {
		call func()
		want string
	}{
		"Rows out of range": {func() { Rows(m, []int{0, 3}) }, "digitplot.Rows: row 3 is out of range: the matrix has 3 rows, numbered 0 to 2"},
		"Batch negative":    {func() { Batch(m, []int{-1}) }, "digitplot.Batch: row -1 is out of range"},
		"Batch empty":       {func() { Batch(m, nil) }, "digitplot.Batch: no rows asked for"},
		"Batch nil":         {func() { Batch(nil, []int{0}) }, "digitplot.Batch: the matrix is nil"},
		"Rows nil *Dense":   {func() { Rows(declared, []int{0}) }, "digitplot.Rows: the matrix is nil"},
		"Batch nil *Dense":  {func() { Batch(declared.T(), []int{0}) }, "digitplot.Batch: the matrix is nil"},
		"RandomRows from 0": {func() { RandomRows(0, 3, 1) }, "m, the number of rows to draw from, must be positive"},
		"RandomRows n < 0":  {func() { RandomRows(10, -1, 1) }, "n, how many to draw, 0 or more"},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, c.want) {
					t.Errorf("recovered %q, want %q", r, c.want)
				}
			}()
			c.call()
			t.Error("no failure")
		})
	}
}

func BenchmarkGrid8x8(b *testing.B) {
	images := make([][]float64, 64)
	titles := make([]string, 64)
	for k := range images {
		images[k] = letterL
		titles[k] = "1,1"
	}
	for b.Loop() {
		if _, err := Grid(images, titles, 8, 8, "Label, yhat"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestErrorStrip(t *testing.T) {
	X := mat.NewDense(20, 400, nil)
	y := mat.NewDense(20, 1, nil)
	yhat := make([]int, 20)
	for i := 0; i < 20; i++ {
		X.SetRow(i, letterL)
		y.Set(i, 0, float64(i%10))
		yhat[i] = i % 10
	}
	// No errors: nothing drawn, "no errors found" printed, 0 returned.
	out := notebooktest.Capture(t, &stdout)
	if n, err := ShowErrors(X, y, yhat); n != 0 || err != nil || out.String() != "no errors found\n" {
		t.Errorf("ShowErrors without errors = %d, %v, printed %q; want 0, nil, \"no errors found\"", n, err, out.String())
	}
	if b, n, err := ErrorStrip(X, y, yhat); b != nil || n != 0 || err != nil {
		t.Errorf("ErrorStrip without errors = %d bytes, %d, %v; want nothing", len(b), n, err)
	}
	// One error is drawn alone.
	yhat[7] = 3
	b, n, err := ErrorStrip(X, y, yhat)
	if err != nil || n != 1 {
		t.Fatalf("ErrorStrip with one error = %d, %v", n, err)
	}
	if b == nil {
		t.Error("ErrorStrip with one error drew nothing")
	}
	// Twelve errors: all counted, in row order.
	for i := 8; i < 19; i++ {
		yhat[i] = (i + 1) % 10
	}
	idx, err := Errors(X, y, yhat)
	if err != nil || fmt.Sprint(idx) != "[7 8 9 10 11 12 13 14 15 16 17 18]" {
		t.Fatalf("Errors = %v, %v", idx, err)
	}
	_, n, err = ErrorStrip(X, y, yhat)
	if err != nil || n != 12 {
		t.Fatalf("ErrorStrip = %d, %v; want 12", n, err)
	}
	// Labels as a row work too; mismatched shapes are explained.
	yRow := mat.NewDense(1, 20, nil)
	for i := 0; i < 20; i++ {
		yRow.Set(0, i, float64(i%10))
	}
	if idx2, err := Errors(X, yRow, yhat); err != nil || fmt.Sprint(idx2) != fmt.Sprint(idx) {
		t.Errorf("Errors with a row of labels = %v, %v", idx2, err)
	}
	msg := notebooktest.Capture(t, &stderr)
	if _, err := ShowErrors(X, mat.NewDense(19, 1, nil), yhat); err == nil || !strings.Contains(err.Error(), "X has 20 rows but y is 19 x 1") {
		t.Errorf("ShowErrors with 19 labels: %v", err)
	}
	var noLabels *mat.Dense
	if _, err := Errors(X, noLabels, yhat); err == nil || !strings.Contains(err.Error(), "got a nil matrix") {
		t.Errorf("Errors with a nil *mat.Dense of labels: %v, want a nil-matrix error", err)
	}
	if _, err := ShowErrors(X, y, yhat[:5]); err == nil || !strings.Contains(err.Error(), "yhat has 5 predictions") {
		t.Errorf("ShowErrors with 5 predictions: %v", err)
	}
	if !strings.Contains(msg.String(), "yhat has 5 predictions") {
		t.Errorf("ShowErrors printed %q, want the error", msg.String())
	}
}

func TestDigit(t *testing.T) {
	l := newLayout(1, 1, 20, false, "", Size{Width: 0.64, Height: 0.64, DPI: 100})
	if r := l.imageRect(0); r.Dx() < 50 {
		t.Errorf("the digit is drawn %d pixels wide, want most of the figure", r.Dx())
	}
	if _, err := Digit(nil); err == nil {
		t.Error("Digit(nil) gave no error")
	}
	msg := notebooktest.Capture(t, &stderr)
	if err := ShowDigit(make([]float64, 10)); err == nil || !strings.Contains(msg.String(), "not a square") {
		t.Errorf("ShowDigit of 10 values: %v, printed %q", err, msg.String())
	}
}
