package figures

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/autils"
)

// lineWidth is the width of the plotted curves.
var lineWidth = vg.Points(3)

// Activations renders the multiclass lab's activation trio: one row of three
// plots (6 x 2 inches) of a = z (Linear), the sigmoid (Sigmoid) and
// max(0, z) (ReLu) over 100 values of z evenly spaced in [-5, 5], each with
// thin black lines through 0, under the overall title
// "Common Activation Functions".
func Activations() ([]byte, error) {
	funcs := []struct {
		title string
		g     func(float64) float64
	}{
		{"Linear", func(z float64) float64 { return z }},
		{"Sigmoid", autils.Sigmoid},
		{"ReLu", func(z float64) float64 { return math.Max(0, z) }},
	}
	const n = 100
	w, h := 6*vg.Inch, 2*vg.Inch
	cv := newCanvas(w, h)
	top := vg.Points(22)
	cv.Canvas.FillText(textStyle(14, color.Black, text.XCenter, text.YTop), vg.Point{X: w / 2, Y: h - vg.Points(3)}, "Common Activation Functions")
	body := draw.Crop(cv.Canvas, 0, 0, 0, -top)
	tiles := draw.Tiles{Rows: 1, Cols: 3, PadX: vg.Points(10), PadLeft: vg.Points(2), PadRight: vg.Points(6), PadBottom: vg.Points(2)}
	for k, f := range funcs {
		p := styled(plot.New())
		p.Title.Text = f.title
		pts := make(plotter.XYs, n)
		for i := range pts {
			z := -5 + 10*float64(i)/(n-1)
			pts[i] = plotter.XY{X: z, Y: f.g(z)}
		}
		lo, hi := f.g(-5), f.g(5)
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("figures: activation %s: %w", f.title, err)
		}
		l.Color, l.Width = Blue, lineWidth
		p.Add(axisLines(-5, 5, lo, hi)...)
		p.Add(l)
		// matplotlib's 5% margins around the data.
		p.X.Min, p.X.Max = -5.5, 5.5
		p.Y.Min, p.Y.Max = lo-0.05*(hi-lo), hi+0.05*(hi-lo)
		p.X.Tick.Marker, p.Y.Tick.Marker = ticks{5}, ticks{5}
		p.Draw(tiles.At(body, k, 0))
	}
	return cv.PNG()
}

// axisLines are thin black lines through x = 0 and y = 0 across the data.
func axisLines(x0, x1, y0, y1 float64) []plot.Plotter {
	mk := func(a, b plotter.XY) *plotter.Line {
		l, _ := plotter.NewLine(plotter.XYs{a, b})
		l.Color, l.Width = color.Black, vg.Points(0.5)
		return l
	}
	dy := 0.05 * (y1 - y0)
	return []plot.Plotter{
		mk(plotter.XY{X: x0 - 0.5, Y: 0}, plotter.XY{X: x1 + 0.5, Y: 0}),
		mk(plotter.XY{X: 0, Y: y0 - dy}, plotter.XY{X: 0, Y: y1 + dy}),
	}
}

// ShowActivations displays Activations in the current GoNB cell.
func ShowActivations() error { return report(Activations) }

// Loss renders a loss history, one value per epoch, as the multiclass lab's
// plot_loss_tf draws it: 4 x 3 inches, x from 0 to len(loss)-1, y fixed to
// [0, 2] (a larger loss is clipped), x label "Epoch", y label
// "loss (cost)", a legend "loss" and a grid.
func Loss(loss []float64) ([]byte, error) {
	if len(loss) == 0 {
		return nil, errors.New("figures: Loss of an empty history: train the model first (model.Fit records one loss per epoch)")
	}
	pts := make(plotter.XYs, len(loss))
	for i, v := range loss {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("figures: the loss of epoch %d is %v: training diverged, plot a finite history", i+1, v)
		}
		pts[i] = plotter.XY{X: float64(i), Y: v}
	}
	p := styled(plot.New())
	p.X.Label.Text = "Epoch"
	p.Y.Label.Text = "loss (cost)"
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks{8}, ticks{8}
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = gridCol, gridCol
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.8), vg.Points(0.8)
	p.Add(g)
	l, err := plotter.NewLine(pts)
	if err != nil {
		return nil, fmt.Errorf("figures: loss history: %w", err)
	}
	l.Color, l.Width = Blue, lineWidth
	p.Add(l)
	p.Legend.Add("loss", l)
	// The ranges are set after Add, which would widen them to the data.
	last := float64(len(loss) - 1)
	margin := math.Max(0.05*last, 0.05)
	p.X.Min, p.X.Max = -margin, last+margin
	p.Y.Min, p.Y.Max = 0, 2
	p.Legend.Top = true
	p.Legend.XOffs = -vg.Points(4)
	p.Legend.YOffs = -vg.Points(4)
	w, h := 4*vg.Inch, 3*vg.Inch
	cv := newCanvas(w, h)
	// Clip what is above 2, as matplotlib's fixed y limits do.
	p.Draw(draw.Crop(cv.Canvas, vg.Points(2), -vg.Points(6), vg.Points(2), -vg.Points(6)))
	return cv.PNG()
}

// ShowLoss displays Loss(loss) in the current GoNB cell.
func ShowLoss(loss []float64) error {
	return report(func() ([]byte, error) { return Loss(loss) })
}

// ticks places about n ticks at round values (1, 2, 2.5 or 5 times a power
// of ten) the way matplotlib's default locator does, labelled with as many
// decimals as the step needs.
type ticks struct{ n int }

// Ticks implements plot.Ticker.
func (t ticks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: fmt.Sprint(lo)}}
	}
	raw := (hi - lo) / float64(t.n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, s := range []float64{1, 2, 2.5, 5, 10} {
		if s*mag >= raw {
			step = s * mag
			break
		}
	}
	decimals := 0
	for d := step; d != math.Round(d) && decimals < 6; d *= 10 {
		decimals++
	}
	var out []plot.Tick
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+1e-9*step; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		out = append(out, plot.Tick{Value: v, Label: fmt.Sprintf("%.*f", decimals, v)})
	}
	return out
}
