package figures

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// The coffee-roasting labs' window: temperature 150 to 285 °C, duration 11.5 to 15.5 minutes.
const (
	coffeeT0, coffeeT1 = 150.0, 285.0
	coffeeD0, coffeeD1 = 11.5, 15.5
	coffeeGrid         = 40
)

// roastOverlay is what plt_roast draws: good roasts as red crosses, bad ones as dark-blue rings,
// and the purple edges of the good region (d = -3/85 t + 21 for t in [175, 260], d = 12, t = 175).
func roastOverlay(X, Y mat.Matrix) ([]plot.Plotter, *plotter.Scatter, *plotter.Scatter, error) {
	pos, neg, err := split(X, column(Y, 0))
	if err != nil {
		return nil, nil, nil, err
	}
	good, err := crosses(pos, rgb(0xff, 0, 0), vg.Points(4), "good roasts")
	if err != nil {
		return nil, nil, nil, err
	}
	bad, err := rings(neg, DarkBlue, vg.Points(4.5), "bad roasts")
	if err != nil {
		return nil, nil, nil, err
	}
	var edge plotter.XYs
	for i := range 50 {
		t := 175 + 85*float64(i)/49
		edge = append(edge, plotter.XY{X: t, Y: -3.0/85*t + 21})
	}
	return []plot.Plotter{
		good, bad, line(edge, Purple, 1),
		line(plotter.XYs{{X: coffeeT0 - 10, Y: 12}, {X: coffeeT1 + 10, Y: 12}}, Purple, 1),
		line(plotter.XYs{{X: 175, Y: coffeeD0 - 1}, {X: 175, Y: coffeeD1 + 1}}, Purple, 1),
	}, good, bad, nil
}

// CoffeeRoast renders plt_roast of the coffee-roasting labs: the 200 roasts of X (temperature,
// duration) with labels Y (1 good), and the edges of the good region, titled "Coffee Roasting".
func CoffeeRoast(X, Y mat.Matrix) ([]byte, error) {
	over, good, bad, err := roastOverlay(X, Y)
	if err != nil {
		return nil, err
	}
	cv := newCanvas(5*vg.Inch, 4*vg.Inch)
	p := styled(plot.New())
	p.Title.Text = "Coffee Roasting"
	p.X.Label.Text, p.Y.Label.Text = "Temperature \n(Celsius)", "Duration \n(minutes)"
	p.Add(over...)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 144, 291, 11.3, 15.7
	addLegend(p, "Good Roast", good, "Bad Roast", bad)
	p.Legend.Top = true
	p.Draw(draw.Crop(cv.Canvas, vg.Points(4), vg.Points(-4), vg.Points(4), vg.Points(-4)))
	return cv.PNG()
}

// ShowCoffeeRoast displays CoffeeRoast in the current GoNB cell.
func ShowCoffeeRoast(X, Y mat.Matrix) error {
	return report(func() ([]byte, error) { return CoffeeRoast(X, Y) })
}

// columnOf returns a batch function giving column j of f's output.
func columnOf(f func(*mat.Dense) *mat.Dense, j int) func(*mat.Dense) []float64 {
	return func(pts *mat.Dense) []float64 {
		out := f(pts)
		r, c := out.Dims()
		if p, _ := pts.Dims(); r != p || j >= c {
			notebook.Fail(fmt.Sprintf("figures: the function returned a %dx%d matrix for %d points, want at least %d columns", r, c, p, j+1))
		}
		return column(out, j)
	}
}

// CoffeeLayer renders plt_layer: one heat map per unit of the first layer (three, 16 x 4 inches),
// "Layer 1, unit j", of that unit's output over the window (40 x 40 points, Blues up to 0.5, with a
// colour bar), with the roasts and the edges of the good region over it. layer1 takes raw
// (temperature, duration) rows and returns the layer's outputs, one column per unit; the notebook
// normalizes and then calls the model, as the course's helper does.
func CoffeeLayer(X, Y mat.Matrix, units int, layer1 func(*mat.Dense) *mat.Dense) ([]byte, error) {
	var panels []mapPanel
	for j := range units {
		over, _, _, err := roastOverlay(X, Y)
		if err != nil {
			return nil, err
		}
		mp := mapPanel{
			title: fmt.Sprintf("Layer 1, unit %d", j), xLabel: "Temperature \n(Celsius)",
			batch: columnOf(layer1, j), x0: coffeeT0, x1: coffeeT1, y0: coffeeD0, y1: coffeeD1,
			n: coffeeGrid, hi: 0.5, over: over,
		}
		if j == 0 {
			mp.yLabel = "Duration \n(minutes)"
		}
		panels = append(panels, mp)
	}
	return drawPanels(16*vg.Inch, 4*vg.Inch, 1, units, "", panels)
}

// ShowCoffeeLayer displays CoffeeLayer in the current GoNB cell.
func ShowCoffeeLayer(X, Y mat.Matrix, units int, layer1 func(*mat.Dense) *mat.Dense) error {
	return report(func() ([]byte, error) { return CoffeeLayer(X, Y, units, layer1) })
}

// CoffeeOutputUnit stands for plt_output_unit, whose 3-D scatter of the output unit over the cube
// of the three first-layer outputs gonum/plot cannot draw: three heat maps (12 x 3.5 inches) of the
// output over (unit 0, unit 1) in [0, 1] with unit 2 fixed at 0, 0.5 and 1. output takes rows of
// three first-layer outputs and returns the output unit's value (one column).
func CoffeeOutputUnit(output func(*mat.Dense) *mat.Dense) ([]byte, error) {
	var panels []mapPanel
	for k, a2 := range []float64{0, 0.5, 1} {
		mp := mapPanel{
			title: fmt.Sprintf("Layer 2, output unit (unit 2 = %g)", a2), xLabel: "unit 0",
			batch: func(pts *mat.Dense) []float64 {
				r, _ := pts.Dims()
				in := mat.NewDense(r, 3, nil)
				for i := range r {
					in.SetRow(i, []float64{pts.At(i, 0), pts.At(i, 1), a2})
				}
				return columnOf(output, 0)(in)
			},
			x0: 0, x1: 1, y0: 0, y1: 1, n: 20, hi: 0.5, vmin: ptr(0), vmax: ptr(1),
		}
		if k == 0 {
			mp.yLabel = "unit 1"
		}
		panels = append(panels, mp)
	}
	return drawPanels(12*vg.Inch, 3.5*vg.Inch, 1, 3, "", panels)
}

// ShowCoffeeOutputUnit displays CoffeeOutputUnit in the current GoNB cell.
func ShowCoffeeOutputUnit(output func(*mat.Dense) *mat.Dense) error {
	return report(func() ([]byte, error) { return CoffeeOutputUnit(output) })
}

func ptr(v float64) *float64 { return &v }

// CoffeeNetwork renders plt_network (8 x 4 inches): on the left "network probability", the network's
// output over the window with the roasts; on the right "network decision", the roasts the network
// calls good (output >= 0.5) as orange crosses and the others as rings. predict takes raw
// (temperature, duration) rows and returns the probability of a good roast (one column).
func CoffeeNetwork(X, Y mat.Matrix, predict func(*mat.Dense) *mat.Dense) ([]byte, error) {
	over, _, _, err := roastOverlay(X, Y)
	if err != nil {
		return nil, err
	}
	cv := newCanvas(8*vg.Inch, 4*vg.Inch)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(14), PadLeft: vg.Points(4), PadRight: vg.Points(4), PadBottom: vg.Points(4), PadTop: vg.Points(4)}
	left := mapPanel{
		title: "network probability", xLabel: "Temperature \n(Celsius)", yLabel: "Duration \n(minutes)",
		batch: columnOf(predict, 0), x0: coffeeT0, x1: coffeeT1, y0: coffeeD0, y1: coffeeD1,
		n: coffeeGrid, hi: 0.5, over: over,
	}
	if err = left.draw(tiles.At(cv.Canvas, 0, 0)); err != nil {
		return nil, err
	}
	Xd := mat.DenseCopyOf(X)
	yhat := columnOf(predict, 0)(Xd)
	for i := range yhat {
		if yhat[i] >= 0.5 {
			yhat[i] = 1
		} else {
			yhat[i] = 0
		}
	}
	pos, neg, err := split(Xd, yhat)
	if err != nil {
		return nil, err
	}
	good, err := crosses(pos, Orange, vg.Points(4), "predicted good roasts")
	if err != nil {
		return nil, err
	}
	bad, err := rings(neg, DarkBlue, vg.Points(4.5), "predicted bad roasts")
	if err != nil {
		return nil, err
	}
	p := styled(plot.New())
	p.Title.Text, p.X.Label.Text = "network decision", "Temperature \n(Celsius)"
	p.Add(over[2:]...)
	p.Add(good, bad)
	addLegend(p, "Predicted Good Roast", good, "Predicted Bad Roast", bad)
	p.Legend.Top = true
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 144, 291, 11.3, 15.7
	p.Draw(tiles.At(cv.Canvas, 1, 0))
	return cv.PNG()
}

// ShowCoffeeNetwork displays CoffeeNetwork in the current GoNB cell.
func ShowCoffeeNetwork(X, Y mat.Matrix, predict func(*mat.Dense) *mat.Dense) error {
	return report(func() ([]byte, error) { return CoffeeNetwork(X, Y, predict) })
}
