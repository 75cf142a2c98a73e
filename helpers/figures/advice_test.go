package figures

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
)

// weekThree is the week-3 lab's data as its notebook makes it.
type weekThree struct {
	xTrain, yTrain, xCV, yCV, xTest, yTest, xIdeal, yIdeal []float64
	XTrain, XCV, XTest                                     *mat.Dense
	cTrain, cCV, cTest                                     []int
	centers                                                [][]float64
	std                                                    float64
}

func lab3() weekThree {
	var w weekThree
	x, y, xi, yi := labdata.GenData(40, 5, 0.7)
	train, rest := sklearn.TrainTestSplit(len(x), 0.4, 1)
	xr, yr := sklearn.Take(x, rest), sklearn.Take(y, rest)
	cv, test := sklearn.TrainTestSplit(len(xr), 0.5, 1)
	w.xTrain, w.yTrain = sklearn.Take(x, train), sklearn.Take(y, train)
	w.xCV, w.yCV, w.xTest, w.yTest = sklearn.Take(xr, cv), sklearn.Take(yr, cv), sklearn.Take(xr, test), sklearn.Take(yr, test)
	w.xIdeal, w.yIdeal = xi, yi
	X, c, centers, _, std := labdata.GenBlobs()
	btrain, brest := sklearn.TrainTestSplit(len(c), 0.5, 1)
	Xr, cr := sklearn.TakeRows(X, brest), sklearn.Take(c, brest)
	bcv, btest := sklearn.TrainTestSplit(len(cr), 0.2, 1)
	w.XTrain, w.cTrain = sklearn.TakeRows(X, btrain), sklearn.Take(c, btrain)
	w.XCV, w.cCV = sklearn.TakeRows(Xr, bcv), sklearn.Take(cr, bcv)
	w.XTest, w.cTest = sklearn.TakeRows(Xr, btest), sklearn.Take(cr, btest)
	w.centers, w.std = centers, std
	return w
}

func TestLogScaleZero(t *testing.T) {
	s := logScaleZero{}
	if got := s.Normalize(1e-7, 1000, 1e-7); got != 0 {
		t.Errorf("min at %v, want 0", got)
	}
	if got := s.Normalize(1e-7, 1000, 1000); math.Abs(got-1) > 1e-12 {
		t.Errorf("max at %v, want 1", got)
	}
	if got := s.Normalize(1e-7, 1000, 0); got > -20 {
		t.Errorf("0 at %v, want far left of the axis (plot.LogScale panics)", got)
	}
	lo, hi := positiveLogLimits([]float64{0, 1e-6, 1e-5, 1, 100})
	if !(lo < 1e-6 && lo > 1e-7 && hi > 100 && hi < 1000) {
		t.Errorf("limits %v..%v, want just around 1e-6..100, ignoring 0", lo, hi)
	}
	var labels []string
	for _, tk := range (logTicks{}).Ticks(lo, hi) {
		labels = append(labels, tk.Label)
	}
	if got := len(labels); got != 9 || labels[0] != "10⁻⁶" || labels[8] != "10²" || labels[6] != "10⁰" {
		t.Errorf("ticks %q", labels)
	}
}

// TestPrimitives draws each helper alone on a blank plot and finds its pixels where they belong.
func TestPrimitives(t *testing.T) {
	render := func(pl plot.Plotter) image.Image {
		p := plot.New()
		p.HideAxes()
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		p.Add(pl)
		cv := newCanvas(2*vg.Inch, 2*vg.Inch)
		p.Draw(cv.Canvas)
		b, err := cv.PNG()
		if err != nil {
			t.Fatal(err)
		}
		img, _ := png.Decode(bytes.NewReader(b))
		return img
	}
	isRed := func(img image.Image, x, y int) bool {
		r, g, _, _ := img.At(x, y).RGBA()
		return r>>8 > 200 && g>>8 < 100
	}
	redText := textStyle(20, Red, text.XLeft, text.YBottom)
	img := render(axesText{0.75, 0.75, "M", redText})
	top, bottom := 0, 0
	for y := range 200 {
		for x := range 200 {
			if isRed(img, x, y) {
				if y < 100 {
					top++
				} else {
					bottom++
				}
			}
		}
	}
	if top == 0 || bottom != 0 {
		t.Errorf("text at axes (0.75, 0.75): %d red pixels above the middle, %d below", top, bottom)
	}
	// A left-pointing triangle: more ink left of its centre at its tip's height than right of it.
	cv := newCanvas(2*vg.Inch, 2*vg.Inch)
	cv.Canvas.DrawGlyph(draw.GlyphStyle{Color: Red, Radius: vg.Points(20), Shape: leftTriangleGlyph{}}, vg.Point{X: vg.Inch, Y: vg.Inch})
	b, err := cv.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, _ = png.Decode(bytes.NewReader(b))
	if !isRed(img, 100-15, 100) || isRed(img, 100+15, 100-13) || !isRed(img, 100+8, 100-12) {
		t.Error("left triangle: tip on the left, flat side on the right expected")
	}
	// Boundaries: two classes split at x = 0.5 give one vertical line there.
	m := mesh{x0: 0, y0: 0, h: 0.1, nx: 11, ny: 11}
	class := make([]int, 121)
	for j := range 11 {
		for i := range 11 {
			if i >= 6 {
				class[j*11+i] = 1
			}
		}
	}
	img = render(boundaries{m, class, draw.LineStyle{Color: Red, Width: vg.Points(2)}})
	// One thin vertical line, a little right of the middle (x = 0.55), in every row.
	var first []int
	for y := 20; y < 180; y += 20 {
		var xs []int
		for x := range 200 {
			if isRed(img, x, y) {
				xs = append(xs, x)
			}
		}
		if len(xs) == 0 || xs[len(xs)-1]-xs[0] > 4 || xs[0] <= 100 || xs[0] > 130 {
			t.Fatalf("boundary: row %d has red at %v, want one line a little right of the middle", y, xs)
		}
		if first == nil {
			first = xs
		} else if xs[0] != first[0] {
			t.Fatalf("boundary: not vertical (%v then %v)", first, xs)
		}
	}
}

// TestMesh: plot_cat_decision_boundary's mesh over the lab's training and test blobs.
func TestMesh(t *testing.T) {
	w := lab3()
	for _, c := range []struct {
		X      *mat.Dense
		points int
	}{{w.XTrain, 34600}, {w.XTest, 33600}} {
		r, _ := c.X.Dims()
		m := newMesh(c.X, r)
		if m.nx*m.ny != c.points || len(m.points()) != 2*c.points {
			t.Errorf("mesh %dx%d, want %d points", m.nx, m.ny, c.points)
		}
	}
}

// The week-3 pictures are checked by TestGoldenPictures; a learner's
// predictor that panics is an error.
func TestWeekThreeErrors(t *testing.T) {
	w := lab3()
	if _, err := NN(func(*mat.Dense) []int { panic("boom") }, w.XTrain, w.cTrain, 6, w.XCV, w.cCV, "x"); err == nil {
		t.Error("a predictor that panics: want an error")
	}
}
