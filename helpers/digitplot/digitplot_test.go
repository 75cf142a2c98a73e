package digitplot

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/gonum/mat"
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

func TestGridSizeOf8x8(t *testing.T) {
	images := make([][]float64, 64)
	titles := make([]string, 64)
	for k := range images {
		images[k] = letterL
		titles[k] = fmt.Sprintf("%d,%d", k%2, 1-k%2)
	}
	b, err := Grid(images, titles, 8, 8, "Label, yhat")
	if err != nil {
		t.Fatal(err)
	}
	im := decode(t, b)
	if got := im.Bounds().Size(); got != (image.Point{768, 840}) {
		t.Errorf("8x8 grid is %v pixels, want 768x840", got)
	}
	if len(b) > 200_000 {
		t.Errorf("PNG of the 8x8 grid has %d bytes, want a modest figure (< 200 kB)", len(b))
	}
	// The title bands hold text: some dark pixels above the first image and
	// in the overall title band.
	l := newLayout(8, 8, 20, true, "Label, yhat")
	if !hasDark(im, image.Rect(0, l.topH, l.cellW, l.topH+l.titleH)) {
		t.Error("no title drawn above the first image")
	}
	if !hasDark(im, image.Rect(0, 0, l.width, l.topH)) {
		t.Error("no overall title drawn")
	}
	// Without titles there is no text band.
	b, err = Grid(images, nil, 8, 8, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, b).Bounds().Size(); got.X != 768 || got.Y >= 840 {
		t.Errorf("untitled 8x8 grid is %v pixels, want 768 wide and shorter than 840", got)
	}
}

func hasDark(im image.Image, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if gray(im, x, y) < 128 {
				return true
			}
		}
	}
	return false
}

// The picture is drawn upright (the transpose of the row-major reshape),
// with crisp 4x4 blocks per data pixel, white where lit and black elsewhere.
func TestGridDrawsUprightAndCrisp(t *testing.T) {
	blank := make([]float64, 400)
	b, err := Grid([][]float64{blank, letterL}, []string{"", "L"}, 2, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	im := decode(t, b)
	l := newLayout(2, 2, 20, true, "")
	r := l.imageRect(1)
	if r.Dx() != 20*l.scale || l.scale < 2 {
		t.Fatalf("image drawn %d pixels wide at scale %d", r.Dx(), l.scale)
	}
	for row := 0; row < 20; row++ {
		for col := 0; col < 20; col++ {
			lit := col == 3 || (row == 19 && col >= 3 && col <= 12)
			want := uint8(0)
			if lit {
				want = 255
			}
			// Every screen pixel of the block has the exact level: no blur.
			for dy := 0; dy < l.scale; dy++ {
				for dx := 0; dx < l.scale; dx++ {
					x, y := r.Min.X+col*l.scale+dx, r.Min.Y+row*l.scale+dy
					if got := gray(im, x, y); got != want {
						t.Fatalf("pixel (row %d, col %d) at screen (%d, %d) = %d, want %d", row, col, x, y, got, want)
					}
				}
			}
		}
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
		var msg bytes.Buffer
		stderr = &msg
		if err := Show(tc.images, tc.titles, tc.rows, tc.cols, ""); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Show error %v, want one containing %q", tc.name, err, tc.want)
		}
		if !strings.Contains(msg.String(), tc.want) {
			t.Errorf("%s: Show printed %q, want the error", tc.name, msg.String())
		}
		stderr = os.Stderr
	}
}

// Outside a GoNB kernel Show renders, displays nothing and says so.
func TestShowOutsideNotebook(t *testing.T) {
	if gonbui.IsNotebook {
		t.Skip("running under GoNB")
	}
	var msg bytes.Buffer
	stderr = &msg
	defer func() { stderr = os.Stderr }()
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
