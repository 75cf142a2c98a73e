package figures

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/internal/learner"
)

// SoftmaxStart is the initial z of the softmax figure, the sliders' start.
var SoftmaxStart = []float64{1, 2, 3, 4}

// Range of the softmax figure's z values (its sliders' range).
const (
	SliderMin = 0.1
	SliderMax = 10.0
)

// learnerTimeout bounds the call of the learner's softmax: a correct one returns in microseconds.
const learnerTimeout = 10 * time.Second

// applySoftmax calls the learner's f on a copy of z and checks its answer:
// one finite value per input. A panic in f, or no answer in time, is returned
// as an error (see internal/learner).
func applySoftmax(f func([]float64) []float64, z []float64) ([]float64, error) {
	if f == nil {
		return nil, fmt.Errorf("figures: Softmax needs a function, got nil: pass your MySoftmax")
	}
	in := append([]float64(nil), z...)
	a, err := learner.Call(learnerTimeout, func() []float64 { return f(in) })
	if err != nil {
		return nil, fmt.Errorf("figures: your softmax failed on z = %v: %w", z, err)
	}
	if len(a) != len(z) {
		return nil, fmt.Errorf("figures: your softmax returned %d values for the %d values of z = %v: return one value per input", len(a), len(z), z)
	}
	for j, v := range a {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("figures: your softmax returned a[%d] = %v for z = %v: every value must be a finite number", j, v, z)
		}
	}
	return a, nil
}

// Softmax renders the softmax figure for the values z (4 of them, each in
// [0.1, 10]): 8 x 4 inches; over the top 65%, on the left a horizontal bar
// chart "z input to softmax" of z0..z3 (bottom to top) in blue on [0, 10],
// on the right "softmax(z)", bars a0..a3 = f(z) in dark red on [0, 1]; below
// the left chart the four sliders z0 (lowest) to z3 at their values. f is the
// learner's softmax; its panics and wrong answers are returned as errors.
func Softmax(f func([]float64) []float64, z []float64) ([]byte, error) {
	if len(z) != 4 {
		return nil, fmt.Errorf("figures: the softmax figure has 4 inputs z0..z3, got %d values", len(z))
	}
	for j, v := range z {
		if !(v >= SliderMin-1e-9 && v <= SliderMax+1e-9) {
			return nil, fmt.Errorf("figures: z%d = %v is outside the sliders' range [%g, %g]", j, v, SliderMin, SliderMax)
		}
	}
	a, err := applySoftmax(f, z)
	if err != nil {
		return nil, err
	}
	w, h := 8*vg.Inch, 4*vg.Inch
	cv := newCanvas(w, h)
	split := h * 0.35
	if err := softmaxBars(draw.Crop(cv.Canvas, 0, 0, split, 0), z, a); err != nil {
		return nil, err
	}
	sliders(cv.Canvas, w, split, z)
	return cv.PNG()
}

// softmaxBars draws, side by side on c, the bar charts of z on [0, 10] and
// of a = softmax(z) on [0, 1].
func softmaxBars(c draw.Canvas, z, a []float64) error {
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(30), PadLeft: vg.Points(8), PadRight: vg.Points(14), PadTop: vg.Points(4)}
	for k, chart := range []struct {
		title, prefix string
		values        []float64
		max           float64
		col           color.Color
	}{
		{"z input to softmax", "z", z, 10, Blue},
		{"softmax(z)", "a", a, 1, DarkRed},
	} {
		p := styled(plot.New())
		p.Title.Text = chart.title
		bars, err := plotter.NewBarChart(plotter.Values(chart.values), vg.Points(26))
		if err != nil {
			return fmt.Errorf("figures: softmax bars: %w", err)
		}
		bars.Horizontal = true
		bars.Color = chart.col
		bars.LineStyle.Width = 0
		g := plotter.NewGrid()
		g.Horizontal.Width = 0
		g.Vertical.Color, g.Vertical.Width = gridCol, vg.Points(0.8)
		p.Add(g, bars)
		names := make([]string, len(chart.values))
		for j := range names {
			names[j] = fmt.Sprintf("%s%d", chart.prefix, j)
		}
		p.NominalY(names...)
		p.Y.Tick.Length = 0
		p.X.Min, p.X.Max = 0, chart.max
		p.Y.Min, p.Y.Max = -0.6, 3.6
		p.X.Tick.Marker = ticks{5}
		p.Draw(tiles.At(c, k, 0))
	}
	return nil
}

// sliders draws the four sliders as they stand at z, under the left chart
// of a figure w wide whose lower band is split high: z3 on top.
func sliders(c draw.Canvas, w, split vg.Length, z []float64) {
	label := textStyle(8, color.Black, text.XRight, text.YCenter)
	value := textStyle(8, color.Black, text.XLeft, text.YCenter)
	x0, x1 := w*0.08, w*0.42
	for j := 0; j < 4; j++ {
		y := split * vg.Length(0.2+0.2*float64(j))
		c.FillText(label, vg.Point{X: x0 - vg.Points(6), Y: y}, fmt.Sprintf("z%d", j))
		c.FillText(value, vg.Point{X: x1 + vg.Points(6), Y: y}, fmt.Sprintf("%.1f", z[j]))
		track := draw.LineStyle{Color: gridCol, Width: vg.Points(5)}
		c.StrokeLine2(track, x0, y, x1, y)
		xv := x0 + (x1-x0)*vg.Length((z[j]-SliderMin)/(SliderMax-SliderMin))
		c.StrokeLine2(draw.LineStyle{Color: Blue, Width: vg.Points(5)}, x0, y, xv, y)
		c.FillPolygon(Blue, circle(vg.Point{X: xv, Y: y}, vg.Points(5), 20))
	}
}

// circle is a polygon of n sides around c.
func circle(c vg.Point, r vg.Length, n int) []vg.Point {
	pts := make([]vg.Point, n)
	for i := range pts {
		t := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = vg.Point{X: c.X + r*vg.Length(math.Cos(t)), Y: c.Y + r*vg.Length(math.Sin(t))}
	}
	return pts
}

// ShowSoftmax displays the softmax figure with its sliders at their starting
// state, z = 1, 2, 3, 4 (SoftmaxStart), and the bars a = f(z) from the
// learner's softmax f (see Softmax). The figure is a still PNG: it stays in
// the saved notebook and in its exported page, and the cell returns at once,
// so "Run All" and headless runs go on. ShowSoftmaxAt draws other values of
// z. Why the sliders are not live: docs/design.md, "No live sliders".
func ShowSoftmax(f func([]float64) []float64) error {
	return ShowSoftmaxAt(f, SoftmaxStart)
}

// ShowSoftmaxAt displays Softmax(f, z): the softmax figure with the sliders
// at z (4 values in [0.1, 10]), to see what another input does.
func ShowSoftmaxAt(f func([]float64) []float64, z []float64) error {
	return report(func() ([]byte, error) { return Softmax(f, z) })
}
