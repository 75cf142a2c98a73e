package figures

import (
	"fmt"
	"image/color"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/internal/canvas"
)

// The figures of week 3's two optional labs ("Model Evaluation and
// Selection", "Diagnosing Bias and Variance"), after the plotting functions
// of their helper file: scatter plots of the data sets and the training and
// cross-validation errors of a series of models. The course draws them at
// 12 x 8 inches (its plot_dataset sets figure.figsize); so do these.

// PureBlue is matplotlib's "b", the blue of the optional labs' cv points and
// errors (the style sheet's Blue is lighter).
var PureBlue = rgb(0x00, 0x00, 0xFF)

// evalWidth and evalHeight are the labs' figure size.
const (
	evalWidth  = 12 * vg.Inch
	evalHeight = 8 * vg.Inch
)

// evalPlot is a plot with the labs' fonts (larger than the other labs', on a
// larger figure), title and axis labels.
func evalPlot(title, xlabel, ylabel string) *plot.Plot {
	p := styled(plot.New())
	p.Title.Text = title
	p.Title.TextStyle.Font = canvas.Sans(14)
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = canvas.Sans(12)
		a.Tick.Label.Font = canvas.Sans(11)
	}
	p.Legend.TextStyle.Font = canvas.Sans(12)
	p.Legend.Top = true
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(6), -vg.Points(6)
	return p
}

// drawEval draws p on a figure of the labs' size, with matplotlib's ticks
// where p has no ticks of its own.
func drawEval(p *plot.Plot) ([]byte, error) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if _, ok := a.Tick.Marker.(plot.DefaultTicks); ok {
			a.Tick.Marker = ticks{8}
		}
	}
	cv := newCanvas(evalWidth, evalHeight)
	p.Draw(draw.Crop(cv.Canvas, vg.Points(6), vg.Points(-6), vg.Points(6), vg.Points(-6)))
	return cv.PNG()
}

// Dataset renders plot_dataset(x, y, title): y against x as red crosses,
// axes "x" and "y".
func Dataset(x, y []float64, title string) ([]byte, error) {
	pts, err := pairs(x, y)
	if err != nil {
		return nil, err
	}
	s, err := crosses(pts, Red, vg.Points(6), "data")
	if err != nil {
		return nil, err
	}
	p := evalPlot(title, "x", "y")
	p.Add(s)
	p.X.Min, p.X.Max = padded(x)
	p.Y.Min, p.Y.Max = padded(y)
	return drawEval(p)
}

// ShowDataset displays Dataset in the current GoNB cell.
func ShowDataset(x, y []float64, title string) error {
	return report(func() ([]byte, error) { return Dataset(x, y, title) })
}

// TrainCVTest renders plot_train_cv_test: the training points as red
// crosses, the cross-validation points as blue dots and the test points as
// green triangles, with a legend, under the title "input vs. target" (the
// course's helper draws that title whatever it is given).
func TrainCVTest(xTrain, yTrain, xCV, yCV, xTest, yTest []float64) ([]byte, error) {
	p := evalPlot("input vs. target", "x", "y")
	var xs, ys [][]float64
	for _, set := range []struct {
		label string
		x, y  []float64
		shape draw.GlyphDrawer
		col   color.Color
	}{
		{"training", xTrain, yTrain, thickCross{}, Red},
		{"cross validation", xCV, yCV, draw.CircleGlyph{}, PureBlue},
		{"test", xTest, yTest, draw.PyramidGlyph{}, Green},
	} {
		pts, err := pairs(set.x, set.y)
		if err != nil {
			return nil, fmt.Errorf("%w (%s set)", err, set.label)
		}
		s, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("figures: %s set: %w", set.label, err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: set.col, Radius: vg.Points(6), Shape: set.shape}
		p.Add(s)
		p.Legend.Add(set.label, s)
		xs, ys = append(xs, set.x), append(ys, set.y)
	}
	p.X.Min, p.X.Max = padded(xs...)
	p.Y.Min, p.Y.Max = padded(ys...)
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(6)
	return drawEval(p)
}

// ShowTrainCVTest displays TrainCVTest in the current GoNB cell.
func ShowTrainCVTest(xTrain, yTrain, xCV, yCV, xTest, yTest []float64) error {
	return report(func() ([]byte, error) { return TrainCVTest(xTrain, yTrain, xCV, yCV, xTest, yTest) })
}

// BinaryDataset renders plot_bc_dataset(x, y, title): the two columns of X
// against each other, red crosses where y is 1 and blue dots where it is 0,
// axes "x1" and "x2", and the legend "y=1", "y=0".
func BinaryDataset(X mat.Matrix, y []float64, title string) ([]byte, error) {
	if _, c := X.Dims(); c != 2 {
		return nil, fmt.Errorf("figures: BinaryDataset needs 2 columns of inputs, got %d", c)
	}
	pos, neg, err := split(X, y)
	if err != nil {
		return nil, err
	}
	one, err := crosses(pos, Red, vg.Points(6), "y=1")
	if err != nil {
		return nil, err
	}
	zero, err := dots(neg, PureBlue, vg.Points(6), "y=0")
	if err != nil {
		return nil, err
	}
	p := evalPlot(title, "x1", "x2")
	p.Add(one, zero)
	addLegend(p, "y=1", one, "y=0", zero)
	p.X.Min, p.X.Max = padded(column(X, 0))
	p.Y.Min, p.Y.Max = padded(column(X, 1))
	return drawEval(p)
}

// ShowBinaryDataset displays BinaryDataset in the current GoNB cell.
func ShowBinaryDataset(X mat.Matrix, y []float64, title string) error {
	return report(func() ([]byte, error) { return BinaryDataset(X, y, title) })
}

// MSECurve is one pair of lines of an MSE figure: the training errors (red)
// and the cross-validation errors (blue) of a series of models, labelled
// Label+"training MSEs" and Label+"CV MSEs", dotted if Dotted.
type MSECurve struct {
	Label     string
	Train, CV []float64
	Dotted    bool
}

// MSEPlot is what an MSE figure of the optional labs draws: each curve's
// errors at X (with round markers), and a dashed line at Baseline if
// HasBaseline.
type MSEPlot struct {
	Title, XLabel string
	X             []float64
	// XTicks, if not nil, labels one tick at each X (plt.xticks(degrees), or
	// the lambdas that matplotlib spaces evenly as categories).
	XTicks      []string
	Curves      []MSECurve
	Baseline    float64
	HasBaseline bool
}

// MSEs renders the optional labs' error figures: plot_train_cv_mses,
// train_plot_poly, train_plot_reg_params, train_plot_diff_datasets and
// train_plot_learning_curve, with the y axis labelled "MSE".
func MSEs(m MSEPlot) ([]byte, error) {
	if len(m.Curves) == 0 {
		return nil, fmt.Errorf("figures: MSEs needs at least one curve")
	}
	if m.XTicks != nil && len(m.XTicks) != len(m.X) {
		return nil, fmt.Errorf("figures: %d tick labels for %d x values", len(m.XTicks), len(m.X))
	}
	p := evalPlot(m.Title, m.XLabel, "MSE")
	ys := [][]float64{}
	for _, c := range m.Curves {
		for _, s := range []struct {
			label string
			err   []float64
			col   color.Color
		}{{c.Label + "training MSEs", c.Train, Red}, {c.Label + "CV MSEs", c.CV, PureBlue}} {
			if len(s.err) != len(m.X) {
				return nil, fmt.Errorf("figures: %s: %d errors for %d x values", s.label, len(s.err), len(m.X))
			}
			l := line(xys(m.X, s.err), s.col, 1.5)
			if c.Dotted {
				l.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
			}
			sc, err := plotter.NewScatter(xys(m.X, s.err))
			if err != nil {
				return nil, fmt.Errorf("figures: %s: %w", s.label, err)
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: s.col, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
			p.Add(l, sc)
			p.Legend.Add(s.label, l, sc)
			ys = append(ys, s.err)
		}
	}
	if m.HasBaseline {
		base := make([]float64, len(m.X))
		for i := range base {
			base[i] = m.Baseline
		}
		l := line(xys(m.X, base), Blue, 1.5)
		l.Dashes = []vg.Length{vg.Points(5.5), vg.Points(2.4)}
		p.Add(l)
		p.Legend.Add("baseline", l)
		ys = append(ys, base)
	}
	p.X.Min, p.X.Max = padded(m.X)
	p.Y.Min, p.Y.Max = padded(ys...)
	p.Legend.Left = crowdedRight(p, m.X, ys)
	if p.Legend.Left {
		p.Legend.XOffs = vg.Points(6)
	}
	if m.XTicks != nil {
		tks := make(plot.ConstantTicks, len(m.X))
		for i, x := range m.X {
			tks[i] = plot.Tick{Value: x, Label: m.XTicks[i]}
		}
		p.X.Tick.Marker = tks
	}
	return drawEval(p)
}

// crowdedRight says whether more of the points (xs, each of ys) lie in the top right corner of p than
// in its top left one, where the legend goes instead (a simple form of matplotlib's loc="best").
func crowdedRight(p *plot.Plot, xs []float64, ys [][]float64) bool {
	var left, right int
	for _, y := range ys {
		for i, x := range xs {
			fx, fy := (x-p.X.Min)/(p.X.Max-p.X.Min), (y[i]-p.Y.Min)/(p.Y.Max-p.Y.Min)
			switch {
			case fy < 0.7:
			case fx > 0.6:
				right++
			case fx < 0.4:
				left++
			}
		}
	}
	return right > left
}

// ShowMSEs displays MSEs in the current GoNB cell.
func ShowMSEs(m MSEPlot) error {
	return report(func() ([]byte, error) { return MSEs(m) })
}
