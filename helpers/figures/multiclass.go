package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// classPoints returns one scatter of filled dots per class of y, in ClassColors, labelled c0, c1...
func classPoints(X mat.Matrix, y []int, classes int) ([]*plotter.Scatter, error) {
	r, c := X.Dims()
	if len(y) != r || c < 2 {
		return nil, fmt.Errorf("figures: %dx%d points with %d labels: want one label per row of two columns", r, c, len(y))
	}
	if classes > len(ClassColors) {
		return nil, fmt.Errorf("figures: %d classes, but there are colours for %d", classes, len(ClassColors))
	}
	pts := make([]plotter.XYs, classes)
	for i := range r {
		if y[i] < 0 || y[i] >= classes {
			return nil, fmt.Errorf("figures: label %d of row %d is not a class 0 to %d", y[i], i, classes-1)
		}
		pts[y[i]] = append(pts[y[i]], plotter.XY{X: X.At(i, 0), Y: X.At(i, 1)})
	}
	out := make([]*plotter.Scatter, classes)
	for k := range classes {
		s, err := dots(pts[k], ClassColors[k], vg.Points(3), fmt.Sprintf("c%d", k))
		if err != nil {
			return nil, err
		}
		out[k] = s
	}
	return out, nil
}

func addClasses(p *plot.Plot, sc []*plotter.Scatter, legend bool) {
	for k, s := range sc {
		p.Add(s)
		if legend {
			p.Legend.Add(fmt.Sprintf("c%d", k), s)
		}
	}
}

// MulticlassData renders plt_mc (3.5 x 3.5 inches): the points of X coloured by their class y
// (class 0 blue, 1 green, 2 orange, 3 purple), with a legend c0, c1..., titled "Multiclass Data".
func MulticlassData(X mat.Matrix, y []int, classes int) ([]byte, error) {
	sc, err := classPoints(X, y, classes)
	if err != nil {
		return nil, err
	}
	cv := newCanvas(3.5*vg.Inch, 3.5*vg.Inch)
	p := styled(plot.New())
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = "Multiclass Data", "x0", "x1"
	addClasses(p, sc, true)
	p.Legend.Top = true
	p.Draw(draw.Crop(cv.Canvas, vg.Points(4), vg.Points(-4), vg.Points(4), vg.Points(-4)))
	return cv.PNG()
}

// ShowMulticlassData displays MulticlassData in the current GoNB cell.
func ShowMulticlassData(X mat.Matrix, y []int, classes int) error {
	return report(func() ([]byte, error) { return MulticlassData(X, y, classes) })
}

// MulticlassBoundary renders plt_cat_mc (3.5 x 3.5 inches): the points by class and the model's
// decision boundary, the edges between the regions where classify (all points of a grid at once,
// rows (x0, x1); one class per row) picks each class. The grid spans the data with 0.5 to spare, in
// about 100 steps along the longer side, as the course's mesh.
func MulticlassBoundary(X mat.Matrix, y []int, classes int, classify func(*mat.Dense) []int) ([]byte, error) {
	sc, err := classPoints(X, y, classes)
	if err != nil {
		return nil, err
	}
	x0lo, x0hi := span(column(X, 0))
	x1lo, x1hi := span(column(X, 1))
	x0lo, x0hi, x1lo, x1hi = x0lo-0.5, x0hi+0.5, x1lo-0.5, x1hi+0.5
	n := 101
	g := &grid{x0: x0lo, x1: x0hi, y0: x1lo, y1: x1hi, nx: n, ny: n}
	labels := classify(g.points())
	if len(labels) != n*n {
		return nil, fmt.Errorf("figures: classify returned %d classes for %d points", len(labels), n*n)
	}
	p := styled(plot.New())
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = "model decision boundary", "x0", "x1"
	for k := range classes {
		ind := &grid{x0: g.x0, x1: g.x1, y0: g.y0, y1: g.y1, nx: n, ny: n, z: make([]float64, n*n)}
		for i, l := range labels {
			if l == k {
				ind.z[i] = 1
			}
		}
		ct := plotter.NewContour(ind, []float64{0.5}, colours{Purple})
		ct.LineStyles = []draw.LineStyle{{Color: rgb(0x40, 0x40, 0x40), Width: vg.Points(1)}}
		p.Add(ct)
	}
	addClasses(p, sc, true)
	p.Legend.Top = true
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = x0lo, x0hi, x1lo, x1hi
	cv := newCanvas(3.5*vg.Inch, 3.5*vg.Inch)
	p.Draw(draw.Crop(cv.Canvas, vg.Points(4), vg.Points(-4), vg.Points(4), vg.Points(-4)))
	return cv.PNG()
}

// ShowMulticlassBoundary displays MulticlassBoundary in the current GoNB cell.
func ShowMulticlassBoundary(X mat.Matrix, y []int, classes int, classify func(*mat.Dense) []int) error {
	return report(func() ([]byte, error) { return MulticlassBoundary(X, y, classes, classify) })
}

// MulticlassLayerReLU renders plt_layer_relu (8 x 3.5 inches): for each unit j of the ReLU layer with
// weights W1 (2 x units) and b1, "Layer 1 Unit j", a heat map of max(0, x·W1[:,j] + b1[j]) over x0 in
// [-8, 8] and x1 in [-5, 4] (Blues up to 0.7, with a colour bar), a line where the unit switches on,
// and the points by class.
func MulticlassLayerReLU(X mat.Matrix, y []int, classes int, W1 mat.Matrix, b1 mat.Vector) ([]byte, error) {
	_, units := W1.Dims()
	var panels []mapPanel
	for j := range units {
		sc, err := classPoints(X, y, classes)
		if err != nil {
			return nil, err
		}
		w0, w1, b := W1.At(0, j), W1.At(1, j), b1.AtVec(j)
		var over []plot.Plotter
		for _, s := range sc {
			over = append(over, s)
		}
		mp := mapPanel{
			title: fmt.Sprintf("Layer 1 Unit %d", j), xLabel: "x0",
			f:  func(x0, x1 float64) float64 { return math.Max(0, w0*x0+w1*x1+b) },
			x0: -8, x1: 8, y0: -5, y1: 4, n: 40, hi: 0.7, over: over,
			// The line where the unit switches on: z = 0.
			contours: []float64{0}, contourF: func(x0, x1 float64) float64 { return w0*x0 + w1*x1 + b },
		}
		if j == 0 {
			mp.yLabel = "x1"
		}
		panels = append(panels, mp)
	}
	return drawPanels(8*vg.Inch, 3.5*vg.Inch, 1, units, "", panels)
}

// ShowMulticlassLayerReLU displays MulticlassLayerReLU in the current GoNB cell.
func ShowMulticlassLayerReLU(X mat.Matrix, y []int, classes int, W1 mat.Matrix, b1 mat.Vector) error {
	return report(func() ([]byte, error) { return MulticlassLayerReLU(X, y, classes, W1, b1) })
}

// MulticlassOutputLinear renders plt_output_layer_linear (7 x 6 inches): for each output unit i of
// the linear layer with weights W2 (2 x units) and b2, "Linear Output Unit i", a heat map of
// a·W2[:,i] + b2[i] over the first layer's outputs a (a0 and a1 from -0.25 to their largest value
// in A), with A's points by class on top. A holds the first layer's outputs for the data.
func MulticlassOutputLinear(A mat.Matrix, y []int, classes int, W2 mat.Matrix, b2 mat.Vector) ([]byte, error) {
	_, units := W2.Dims()
	_, a0hi := span(column(A, 0))
	_, a1hi := span(column(A, 1))
	var panels []mapPanel
	for i := range units {
		sc, err := classPoints(A, y, classes)
		if err != nil {
			return nil, err
		}
		var over []plot.Plotter
		for _, s := range sc {
			over = append(over, s)
		}
		w0, w1, b := W2.At(0, i), W2.At(1, i), b2.AtVec(i)
		panels = append(panels, mapPanel{
			title: fmt.Sprintf("Linear Output Unit %d", i), xLabel: "a0", yLabel: "a1",
			f:  func(a0, a1 float64) float64 { return w0*a0 + w1*a1 + b },
			x0: -0.25, x1: a0hi, y0: -0.25, y1: a1hi, n: 40, hi: 0.7, over: over,
		})
	}
	rows := (units + 1) / 2
	return drawPanels(7*vg.Inch, 3*vg.Length(rows)*vg.Inch, rows, 2, "", panels)
}

// ShowMulticlassOutputLinear displays MulticlassOutputLinear in the current GoNB cell.
func ShowMulticlassOutputLinear(A mat.Matrix, y []int, classes int, W2 mat.Matrix, b2 mat.Vector) error {
	return report(func() ([]byte, error) { return MulticlassOutputLinear(A, y, classes, W2, b2) })
}
