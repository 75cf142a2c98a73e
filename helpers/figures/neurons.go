package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HousePrices renders the neurons lab's first figure (4 x 3 inches): the house sizes x (1000 sqft)
// and prices y (1000s of dollars) as red crosses, with the legend "Data Points".
func HousePrices(x, y []float64) ([]byte, error) {
	pts, err := pairs(x, y)
	if err != nil {
		return nil, err
	}
	s, err := crosses(pts, rgb(0xff, 0, 0), vg.Points(5), "house prices")
	if err != nil {
		return nil, err
	}
	cv := newCanvas(4*vg.Inch, 3*vg.Inch)
	p := styled(plot.New())
	p.Add(s)
	p.X.Label.Text, p.Y.Label.Text = "Size (1000 sqft)", "Price (in 1000s of dollars)"
	p.X.Label.TextStyle.Font.Size, p.Y.Label.TextStyle.Font.Size = 11, 11
	addLegend(p, "Data Points", s)
	p.Legend.Top, p.Legend.Left = true, true
	pad(p, x, y)
	p.Draw(draw.Crop(cv.Canvas, vg.Points(4), vg.Points(-4), vg.Points(4), vg.Points(-4)))
	return cv.PNG()
}

// ShowHousePrices displays HousePrices in the current GoNB cell.
func ShowHousePrices(x, y []float64) error {
	return report(func() ([]byte, error) { return HousePrices(x, y) })
}

// pad sets the plot's ranges to the data's with matplotlib's 5% margins.
func pad(p *plot.Plot, x, y []float64) {
	lo, hi := span(x)
	p.X.Min, p.X.Max = lo-0.05*(hi-lo), hi+0.05*(hi-lo)
	lo, hi = span(y)
	p.Y.Min, p.Y.Max = lo-0.05*(hi-lo), hi+0.05*(hi-lo)
}

func span(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if !(hi > lo) {
		lo, hi = lo-1, hi+1
	}
	return lo, hi
}

// LinearNeuron renders plt_linear (8 x 3 inches): the house data and, on the left, the framework's
// predictions ("Tensorflow prediction" in the course, "GoMLX prediction" here), on the right the
// formula's ("Numpy prediction", here "gonum prediction"), each as a line with the text
// "y=200x+100". The predictions are for the points x.
func LinearNeuron(x, y, predModel, predFormula []float64) ([]byte, error) {
	cv := newCanvas(8*vg.Inch, 3*vg.Inch)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(16), PadLeft: vg.Points(4), PadRight: vg.Points(4), PadBottom: vg.Points(4), PadTop: vg.Points(4)}
	for k, panel := range []struct {
		title string
		pred  []float64
	}{{"GoMLX prediction", predModel}, {"gonum prediction", predFormula}} {
		data, err := pairs(x, y)
		if err != nil {
			return nil, err
		}
		fit, err := pairs(x, panel.pred)
		if err != nil {
			return nil, err
		}
		s, err := crosses(data, rgb(0xff, 0, 0), vg.Points(5), "house prices")
		if err != nil {
			return nil, err
		}
		l := line(fit, Blue, 2)
		p := styled(plot.New())
		p.Title.Text = panel.title
		p.X.Label.Text, p.Y.Label.Text = "Size (1000 sqft)", "Price (in 1000s of dollars)"
		p.Add(l, s)
		addLegend(p, "Data Points", s, "model output", l)
		p.Legend.Top, p.Legend.Left = true, true
		pad(p, x, append(append([]float64(nil), y...), panel.pred...))
		c := tiles.At(cv.Canvas, k, 0)
		p.Draw(c)
		// The course writes the model in magenta at 60% across, 20% up.
		tx, ty := p.Transforms(&c)
		c.FillText(textStyle(11, Magenta, text.XLeft, text.YCenter),
			vg.Point{X: tx(p.X.Min + 0.6*(p.X.Max-p.X.Min)), Y: ty(p.Y.Min + 0.2*(p.Y.Max-p.Y.Min))}, "y = 200x + 100")
	}
	return cv.PNG()
}

// ShowLinearNeuron displays LinearNeuron in the current GoNB cell.
func ShowLinearNeuron(x, y, predModel, predFormula []float64) error {
	return report(func() ([]byte, error) { return LinearNeuron(x, y, predModel, predFormula) })
}

// LogisticData renders the neurons lab's "one variable plot" (4 x 3 inches): the points with y = 1
// as red crosses, those with y = 0 as hollow blue circles, y from -0.08 to 1.1.
func LogisticData(x, y []float64) ([]byte, error) {
	over, err := logisticPoints(x, y)
	if err != nil {
		return nil, err
	}
	cv := newCanvas(4*vg.Inch, 3*vg.Inch)
	p := styled(plot.New())
	p.Title.Text = "one variable plot"
	p.X.Label.Text, p.Y.Label.Text = "x", "y"
	p.Add(over[0], over[1])
	addLegend(p, "y=1", over[0].(plot.Thumbnailer), "y=0", over[1].(plot.Thumbnailer))
	p.Legend.Top, p.Legend.Left = true, true
	lo, hi := span(x)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo-0.05*(hi-lo), hi+0.05*(hi-lo), -0.08, 1.1
	p.Draw(draw.Crop(cv.Canvas, vg.Points(4), vg.Points(-4), vg.Points(4), vg.Points(-4)))
	return cv.PNG()
}

// ShowLogisticData displays LogisticData in the current GoNB cell.
func ShowLogisticData(x, y []float64) error {
	return report(func() ([]byte, error) { return LogisticData(x, y) })
}

func logisticPoints(x, y []float64) ([]plot.Plotter, error) {
	var pos, neg plotter.XYs
	if len(x) != len(y) {
		return nil, fmt.Errorf("figures: %d x values but %d labels", len(x), len(y))
	}
	for i := range x {
		if y[i] == 1 {
			pos = append(pos, plotter.XY{X: x[i], Y: 1})
		} else {
			neg = append(neg, plotter.XY{X: x[i], Y: 0})
		}
	}
	a, err := crosses(pos, rgb(0xff, 0, 0), vg.Points(5), "y=1")
	if err != nil {
		return nil, err
	}
	b, err := rings(neg, Blue, vg.Points(5), "y=0")
	if err != nil {
		return nil, err
	}
	return []plot.Plotter{a, b}, nil
}

// LogisticNeuron renders plt_logistic (10 x 3.5 inches): for the framework's model (left, "GoMLX
// Model") and the formula (right, "gonum Model"), the model's probability f(x) as a background
// over x in [0, 5] and y in [0, 1] (Blues up to 0.5, with a colour bar), the curve f, and the data.
func LogisticNeuron(x, y []float64, fModel, fFormula func(x float64) float64) ([]byte, error) {
	var panels []mapPanel
	for _, panel := range []struct {
		title string
		f     func(float64) float64
	}{{"GoMLX Model", fModel}, {"gonum Model", fFormula}} {
		over, err := logisticPoints(x, y)
		if err != nil {
			return nil, err
		}
		var curve plotter.XYs
		for i := range 101 {
			v := 5 * float64(i) / 100
			curve = append(curve, plotter.XY{X: v, Y: panel.f(v)})
		}
		f := panel.f
		panels = append(panels, mapPanel{
			title: panel.title, xLabel: "x", yLabel: "y",
			f:  func(x, _ float64) float64 { return f(x) },
			x0: 0, x1: 5, y0: -0.08, y1: 1.1, n: 50, hi: 0.5, vmin: ptr(0), vmax: ptr(1),
			over: append([]plot.Plotter{line(curve, Blue, 2)}, over...),
		})
	}
	return drawPanels(10*vg.Inch, 3.5*vg.Inch, 1, 2, "", panels)
}

// ShowLogisticNeuron displays LogisticNeuron in the current GoNB cell.
func ShowLogisticNeuron(x, y []float64, fModel, fFormula func(x float64) float64) error {
	return report(func() ([]byte, error) { return LogisticNeuron(x, y, fModel, fFormula) })
}
