package figures

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ReLUStart are the ReLU lab's slider values at the start: w1, b1, w2, b2 all 0.
var ReLUStart = [4]float64{0, 0, 0, 0}

// The fixed unit 0 of the ReLU lab and the target it builds: three straight pieces over [0, 3].
const (
	reluW0, reluB0 = -2.0, 2.0
	reluPoints     = 300
)

// reluTarget is plt_base's target: -2x+2 on the first third, x-1 on the second, 3x-5 on the last,
// each over 100 of the 300 points of linspace(0, 3, 300).
func reluTarget() (x, y []float64) {
	x = make([]float64, reluPoints)
	y = make([]float64, reluPoints)
	for i := range x {
		x[i] = 3 * float64(i) / (reluPoints - 1)
		switch {
		case i < 100:
			y[i] = -2*x[i] + 2
		case i < 200:
			y[i] = 1*x[i] - 3 + 2
		default:
			y[i] = 3*x[i] - 7 + 2
		}
	}
	return x, y
}

// ReLUExample renders the ReLU lab's "Explore Non-Linear Activation" figure (8 x 4.5 inches) for the
// parameters of units 1 and 2 (unit 0 is fixed at w = -2, b = 2): on the left "Match Target", the
// target (blue) and the sum of the three ReLU units' outputs (orange); on the right, for each unit,
// its z = wx + b (blue) and its a = max(0, z) (magenta). The course sets w1, b1, w2, b2 with
// sliders from -4 to 4; the sum matches the target at w1 = 1, b1 = -1, w2 = 2, b2 = -4.
func ReLUExample(w1, b1, w2, b2 float64) ([]byte, error) {
	for _, v := range []float64{w1, b1, w2, b2} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("figures: ReLUExample needs finite parameters, got w1=%v b1=%v w2=%v b2=%v", w1, b1, w2, b2)
		}
	}
	x, target := reluTarget()
	units := []struct {
		title string
		w, b  float64
	}{{"Unit 0 (fixed) ", reluW0, reluB0}, {"Unit 1", w1, b1}, {"Unit 2", w2, b2}}
	yhat := make(plotter.XYs, len(x))
	for i := range x {
		yhat[i].X = x[i]
		for _, u := range units {
			yhat[i].Y += math.Max(0, u.w*x[i]+u.b)
		}
	}
	tgt := xys(x, target)

	w, h := 8*vg.Inch, 4.5*vg.Inch
	cv := newCanvas(w, h)
	top := vg.Points(22)
	cv.Canvas.FillText(textStyle(12, color.Black, text.XCenter, text.YTop), vg.Point{X: w / 2, Y: h - vg.Points(3)}, "Explore Non-Linear Activation")
	body := draw.Crop(cv.Canvas, vg.Points(4), vg.Points(-4), vg.Points(4), -top)
	left := draw.Crop(body, 0, -(body.Max.X-body.Min.X)*0.45, 0, 0)
	right := draw.Crop(body, (body.Max.X-body.Min.X)*0.6, 0, 0, 0)

	p := styled(plot.New())
	p.Title.Text = "Match Target"
	lt, ly := line(tgt, Blue, 2), line(yhat, Orange, 2)
	p.Add(lt, ly)
	addLegend(p, "target", lt, "y", ly)
	p.Legend.Top = true
	p.X.Label.Text = "x"
	p.Draw(left)

	tiles := draw.Tiles{Rows: 3, Cols: 1, PadY: vg.Points(6)}
	for k, u := range units {
		z := make(plotter.XYs, len(x))
		a := make(plotter.XYs, len(x))
		for i := range x {
			z[i] = plotter.XY{X: x[i], Y: u.w*x[i] + u.b}
			a[i] = plotter.XY{X: x[i], Y: math.Max(0, z[i].Y)}
		}
		q := styled(plot.New())
		q.Title.Text = u.title
		lz, la := line(z, Blue, 1.5), line(a, Magenta, 1)
		q.Add(lz, la)
		addLegend(q, "z", lz, "a", la)
		q.Legend.Top, q.Legend.Left = true, true
		q.Draw(tiles.At(right, 0, k))
	}
	return cv.PNG()
}

// ShowReLUExample displays ReLUExample in the current GoNB cell.
func ShowReLUExample(w1, b1, w2, b2 float64) error {
	return report(func() ([]byte, error) { return ReLUExample(w1, b1, w2, b2) })
}
