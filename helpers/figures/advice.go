package figures

import (
	"errors"
	"fmt"
	"image/color"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/internal/canvas"
)

// The figures of the week-3 lab ("Advice for Applying Machine Learning",
// C2_W3), after the plotting functions of its helper file.

// More colours of the week-3 lab: matplotlib's named colours it uses.
var (
	Red       = rgb(0xFF, 0x00, 0x00) // "red"
	OrangeRed = rgb(0xFF, 0x45, 0x00) // "orangered"
	Green     = rgb(0x00, 0x80, 0x00) // "g"
)

// ClassColors are the dark colours of the course's six classes, plt.cm.Paired((1,3,7,9,5,11)) (the
// multiclass and blob labs' dkcolors): class 0 is blue, 1 green, 2 orange, 3 purple, 4 red and 5
// brown. ClassColorsLight are their light partners, Paired((0,2,6,8,4,10)).
var (
	ClassColors      = []color.RGBA{Paired[1], Paired[3], Paired[7], Paired[9], Paired[5], Paired[11]}
	ClassColorsLight = []color.RGBA{Paired[0], Paired[2], Paired[6], Paired[8], Paired[4], Paired[10]}
)

// Points is a named set of points of the regression figures, drawn as dots of
// one colour.
type Points struct {
	Label string
	X, Y  []float64
	Color color.Color
}

// Tuning holds what the three tuning figures of the lab draw: the training
// and cross-validation points, the curves of each setting evaluated at X
// (YPred[k] for setting k), and the errors of each setting.
type Tuning struct {
	XTrain, YTrain, XCV, YCV []float64
	X                        []float64
	YPred                    [][]float64
	ErrTrain, ErrCV          []float64
	// XIdeal, YIdeal: the noise-free curve, drawn dashed when given.
	XIdeal, YIdeal []float64
}

// regressionPanel is a plot of points and curves with the course's styling:
// the axis limits are those of the points alone (frozen before the curves
// are drawn, which are clipped to them).
type regressionPanel struct {
	p *plot.Plot
}

func newRegressionPanel(title string, titleSize, radius vg.Length, ideal [2][]float64, sets ...Points) (*regressionPanel, error) {
	p := styled(plot.New())
	p.Title.Text = title
	p.Title.TextStyle.Font = canvas.Sans(titleSize)
	p.X.Label.Text, p.Y.Label.Text = "x", "y"
	var xs, ys [][]float64
	if ideal[0] != nil {
		l, err := plotter.NewLine(xys(ideal[0], ideal[1]))
		if err != nil {
			return nil, fmt.Errorf("figures: y_ideal: %w", err)
		}
		l.Color, l.Width, l.Dashes = OrangeRed, vg.Points(1), []vg.Length{vg.Points(3.7), vg.Points(1.6)}
		p.Add(l)
		p.Legend.Add("y_ideal", l)
		xs, ys = append(xs, ideal[0]), append(ys, ideal[1])
	}
	for _, s := range sets {
		sc, err := plotter.NewScatter(xys(s.X, s.Y))
		if err != nil {
			return nil, fmt.Errorf("figures: %s points: %w", s.Label, err)
		}
		sc.Shape, sc.Color, sc.Radius = draw.CircleGlyph{}, s.Color, radius
		p.Add(sc)
		p.Legend.Add(s.Label, sc)
		xs, ys = append(xs, s.X), append(ys, s.Y)
	}
	p.X.Min, p.X.Max = padded(xs...)
	p.Y.Min, p.Y.Max = padded(ys...)
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks{6}, ticks{6}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(4), -vg.Points(4)
	return &regressionPanel{p}, nil
}

// curve adds a thin line with a legend entry.
func (r *regressionPanel) curve(x, y []float64, label string, col color.Color, width vg.Length) error {
	l, err := plotter.NewLine(xys(x, y))
	if err != nil {
		return fmt.Errorf("figures: curve %s: %w", label, err)
	}
	l.Color, l.Width = col, width
	r.p.Add(l)
	if label != "" {
		r.p.Legend.Add(label, l)
	}
	return nil
}

// RegressionData renders the lab's plots of its data sets (4 x 4 inches):
// the ideal curve y = x² dashed, then each set of points, under title, with a
// legend at the upper left.
func RegressionData(title string, xIdeal, yIdeal []float64, sets ...Points) ([]byte, error) {
	r, err := newRegressionPanel(title, 14, vg.Points(3), [2][]float64{xIdeal, yIdeal}, sets...)
	if err != nil {
		return nil, err
	}
	return single(r.p, 4*vg.Inch, 4*vg.Inch)
}

// ShowRegressionData displays RegressionData in the current GoNB cell.
func ShowRegressionData(title string, xIdeal, yIdeal []float64, sets ...Points) error {
	return report(func() ([]byte, error) { return RegressionData(title, xIdeal, yIdeal, sets...) })
}

// TrainTest renders plt_train_test: the training (red) and test (blue) points,
// the model's predictions yPred at x as a thin line clipped to the points'
// range, and the ideal curve, titled "Poor Performance on Test Data".
func TrainTest(xTrain, yTrain, xTest, yTest, x, yPred, xIdeal, yIdeal []float64, degree int) ([]byte, error) {
	r, err := newRegressionPanel("Poor Performance on Test Data", 12, vg.Points(3), [2][]float64{xIdeal, yIdeal},
		Points{"train", xTrain, yTrain, Red}, Points{"test", xTest, yTest, Blue})
	if err != nil {
		return nil, err
	}
	if err := r.curve(x, yPred, fmt.Sprintf("predicted, degree=%d", degree), Blue, vg.Points(0.5)); err != nil {
		return nil, err
	}
	return single(r.p, 4*vg.Inch, 4*vg.Inch)
}

// ShowTrainTest displays TrainTest in the current GoNB cell.
func ShowTrainTest(xTrain, yTrain, xTest, yTest, x, yPred, xIdeal, yIdeal []float64, degree int) error {
	return report(func() ([]byte, error) {
		return TrainTest(xTrain, yTrain, xTest, yTest, x, yPred, xIdeal, yIdeal, degree)
	})
}

// cycle is the style sheet's colour cycle.
var cycle = []color.Color{Blue, Orange, Magenta, Purple, DarkRed}

// predictionsPanel is the left panel of the tuning figures: the training and
// cross-validation points and the curves of the settings in show, labelled by
// label(k).
func predictionsPanel(t Tuning, show []int, label func(k int) string, width vg.Length, pointRadius vg.Length, alpha float64) (*plot.Plot, error) {
	var ideal [2][]float64
	if t.XIdeal != nil {
		ideal = [2][]float64{t.XIdeal, t.YIdeal}
	}
	r, err := newRegressionPanel("predictions vs data", 12, pointRadius, ideal,
		Points{"train", t.XTrain, t.YTrain, withAlpha(Red, alpha)}, Points{"cv", t.XCV, t.YCV, withAlpha(Orange, alpha)})
	if err != nil {
		return nil, err
	}
	for n, k := range show {
		if k >= len(t.YPred) {
			return nil, fmt.Errorf("figures: no predictions for setting %d (got %d)", k, len(t.YPred))
		}
		if err := r.curve(t.X, t.YPred[k], label(k), cycle[n%len(cycle)], width); err != nil {
			return nil, err
		}
	}
	return r.p, nil
}

// errorPanel is the right panel of the tuning figures: the training and cv
// errors against the settings xs.
func errorPanel(title, xlabel string, xs []float64, t Tuning, markers bool, lw vg.Length) (*plot.Plot, error) {
	if len(t.ErrTrain) != len(xs) || len(t.ErrCV) != len(xs) {
		return nil, fmt.Errorf("figures: %d settings but %d training and %d cv errors", len(xs), len(t.ErrTrain), len(t.ErrCV))
	}
	p := styled(plot.New())
	p.Title.Text = title
	p.Title.TextStyle.Font = canvas.Sans(12)
	p.X.Label.Text, p.Y.Label.Text = xlabel, "error"
	for _, s := range []struct {
		label string
		err   []float64
		col   color.Color
	}{{"train error", t.ErrTrain, Blue}, {"cv error", t.ErrCV, Orange}} {
		l, err := plotter.NewLine(xys(xs, s.err))
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", s.label, err)
		}
		l.Color, l.Width = s.col, lw
		p.Add(l)
		if markers {
			sc, _ := plotter.NewScatter(xys(xs, s.err))
			sc.Shape, sc.Color, sc.Radius = draw.CircleGlyph{}, s.col, vg.Points(3)
			p.Add(sc)
			p.Legend.Add(s.label, l, sc)
		} else {
			p.Legend.Add(s.label, l)
		}
	}
	p.X.Min, p.X.Max = padded(xs)
	p.Y.Min, p.Y.Max = padded(t.ErrTrain, t.ErrCV)
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks{6}, ticks{6}
	p.Legend.Top = true
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(4), -vg.Points(4)
	return p, nil
}

// OptimalDegree renders plt_optimal_degree: on the left the data and the
// curves of degrees 1, 2, ... (t.YPred[d-1]); on the right the training and
// cv errors against the degree, with a line and an arrow at optimalDegree.
func OptimalDegree(t Tuning, optimalDegree int) ([]byte, error) {
	n := len(t.ErrTrain)
	show := make([]int, len(t.YPred))
	for k := range show {
		show[k] = k
	}
	left, err := predictionsPanel(t, show, func(k int) string { return fmt.Sprint(k + 1) }, vg.Points(0.5), vg.Points(3), 1)
	if err != nil {
		return nil, err
	}
	degrees := make([]float64, n)
	for d := range degrees {
		degrees[d] = float64(d + 1)
	}
	right, err := errorPanel("error vs degree", "degree", degrees, t, true, vg.Points(2))
	if err != nil {
		return nil, err
	}
	right.Add(vline{float64(optimalDegree), draw.LineStyle{Color: Magenta, Width: vg.Points(1)}})
	right.Add(annotation{X: float64(optimalDegree), Y: 80000, Text: "optimal degree", InAxes: true, FX: 0.3, FY: 0.8,
		Style: textStyle(10, color.Black, text.XLeft, text.YBottom), Arrow: draw.LineStyle{Color: DarkRed, Width: vg.Points(1)}})
	return panels("Find Optimal Degree", 8*vg.Inch, 4*vg.Inch, left, right)
}

// ShowOptimalDegree displays OptimalDegree in the current GoNB cell.
func ShowOptimalDegree(t Tuning, optimalDegree int) error {
	return report(func() ([]byte, error) { return OptimalDegree(t, optimalDegree) })
}

// TuneRegularization renders plt_tune_regularization: on the left the data
// and the curves of lambdas 0, 3, 7 and 9 of lambdas; on the right the
// errors against lambda on a log axis (lambda = 0 is off its left edge, as in
// matplotlib), a line and an arrow at the optimal lambda, and where the high
// variance and high bias sides are.
func TuneRegularization(t Tuning, lambdas []float64, optimal int) ([]byte, error) {
	if optimal < 0 || optimal >= len(lambdas) {
		return nil, fmt.Errorf("figures: optimal index %d out of %d lambdas", optimal, len(lambdas))
	}
	var show []int
	for _, k := range []int{0, 3, 7, 9} {
		if k < len(lambdas) {
			show = append(show, k)
		}
	}
	left, err := predictionsPanel(t, show, func(k int) string { return fmt.Sprintf("λ =%s", PyFloat(lambdas[k])) }, vg.Points(0.5), vg.Points(3), 1)
	if err != nil {
		return nil, err
	}
	right, err := errorPanel("error vs regularization", "regularization (lambda)", lambdas, t, false, lineWidth)
	if err != nil {
		return nil, err
	}
	right.X.Scale, right.X.Tick.Marker = logScaleZero{}, logTicks{}
	right.X.Min, right.X.Max = positiveLogLimits(lambdas)
	right.Legend.Top, right.Legend.Left = true, true
	right.Legend.XOffs = vg.Points(4)
	right.Add(vline{lambdas[optimal], draw.LineStyle{Color: color.Black, Width: vg.Points(1)}})
	right.Add(annotation{X: lambdas[optimal], Y: 150000, Text: "optimal lambda", Offset: vg.Point{X: -vg.Points(80), Y: vg.Points(10)},
		Style: textStyle(8, color.Black, text.XLeft, text.YBottom), Arrow: draw.LineStyle{Color: color.Black, Width: vg.Points(1)}})
	right.Add(axesText{0.05, 0.44, "High\nVariance", textStyle(12, Blue, text.XLeft, text.YCenter)})
	right.Add(axesText{0.95, 0.44, "High\nBias", textStyle(12, Blue, text.XRight, text.YCenter)})
	return panels("Tuning Regularization", 8*vg.Inch, 4*vg.Inch, left, right)
}

// ShowTuneRegularization displays TuneRegularization in the current GoNB cell.
func ShowTuneRegularization(t Tuning, lambdas []float64, optimal int) error {
	return report(func() ([]byte, error) { return TuneRegularization(t, lambdas, optimal) })
}

// TuneM renders plt_tune_m: on the left the largest set's points and the
// curves of every third size; on the right the errors against the number of
// examples.
func TuneM(t Tuning, mRange []int, degree int) ([]byte, error) {
	var show []int
	for k := 0; k < len(mRange) && k < len(t.YPred); k += 3 {
		show = append(show, k)
	}
	left, err := predictionsPanel(t, show, func(k int) string { return fmt.Sprintf("m =%d", mRange[k]) }, vg.Points(1), vg.Points(1.5), 0.4)
	if err != nil {
		return nil, err
	}
	left.Add(axesText{0.05, 0.5, fmt.Sprintf("degree = %d", degree), textStyle(10, Blue, text.XLeft, text.YCenter)})
	ms := make([]float64, len(mRange))
	for k, m := range mRange {
		ms[k] = float64(m)
	}
	right, err := errorPanel("error vs number of examples", "Number of Examples (m)", ms, t, false, lineWidth)
	if err != nil {
		return nil, err
	}
	right.Add(axesText{0.05, 0.5, "High\nVariance", textStyle(12, Blue, text.XLeft, text.YCenter)})
	right.Add(axesText{0.95, 0.5, "Good \nGeneralization", textStyle(12, Blue, text.XRight, text.YCenter)})
	return panels("Tuning number of examples", 8*vg.Inch, 4*vg.Inch, left, right)
}

// ShowTuneM displays TuneM in the current GoNB cell.
func ShowTuneM(t Tuning, mRange []int, degree int) error {
	return report(func() ([]byte, error) { return TuneM(t, mRange, degree) })
}

// PyFloat prints v as Python's repr of a float does for the lab's lambdas
// (0.0, 0.0001, 1.0, 100.0): the shortest digits that give v back, with ".0"
// after a whole number, where Go's %v prints 0, 1 and 100.
func PyFloat(v float64) string {
	s := fmt.Sprint(v)
	for _, r := range s {
		if r == '.' || r == 'e' {
			return s
		}
	}
	return s + ".0"
}

// single draws one plot on a figure of w x h.
func single(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	cv := newCanvas(w, h)
	p.Draw(draw.Crop(cv.Canvas, vg.Points(4), -vg.Points(8), vg.Points(4), -vg.Points(4)))
	return cv.PNG()
}

// panels draws plots side by side under a suptitle (none if "").
func panels(suptitle string, w, h vg.Length, ps ...*plot.Plot) ([]byte, error) {
	cv := newCanvas(w, h)
	body := cv.Canvas
	if suptitle != "" {
		top := vg.Points(20)
		cv.Canvas.FillText(textStyle(12, color.Black, text.XCenter, text.YTop), vg.Point{X: w / 2, Y: h - vg.Points(4)}, suptitle)
		body = draw.Crop(cv.Canvas, 0, 0, 0, -top)
	}
	tiles := draw.Tiles{Rows: 1, Cols: len(ps), PadX: vg.Points(16), PadLeft: vg.Points(4), PadRight: vg.Points(8), PadBottom: vg.Points(4), PadTop: vg.Points(6)}
	for k, p := range ps {
		p.Draw(tiles.At(body, k, 0))
	}
	return cv.PNG()
}

// classScatter adds the points of X (rows i with label y[i]) class by class,
// in the colours cols, with the glyph shape, each class in the legend as
// "c0" ... when legend is set.
func classScatter(p *plot.Plot, X mat.Matrix, y []int, classes int, cols []color.RGBA, shape draw.GlyphDrawer, radius vg.Length, legend bool) error {
	if y == nil {
		return nil
	}
	r, _ := X.Dims()
	if r != len(y) {
		return fmt.Errorf("figures: %d rows of X but %d labels", r, len(y))
	}
	for c := range classes {
		var pts plotter.XYs
		for i, l := range y {
			if l == c {
				pts = append(pts, plotter.XY{X: X.At(i, 0), Y: X.At(i, 1)})
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("figures: class %d: %w", c, err)
		}
		sc.Shape, sc.Color, sc.Radius = shape, cols[c%len(cols)], radius
		p.Add(sc)
		if legend {
			p.Legend.Add(fmt.Sprintf("c%d", c), sc)
		}
	}
	return nil
}

// nearestCenter is the ideal classifier of the blob data: the class of the
// nearest centre (the course's recat).
func nearestCenter(centers [][]float64) func(X *mat.Dense) []int {
	return func(X *mat.Dense) []int {
		r, _ := X.Dims()
		out := make([]int, r)
		for i := range r {
			best := -1.0
			for c, ctr := range centers {
				dx, dy := X.At(i, 0)-ctr[0], X.At(i, 1)-ctr[1]
				if d := dx*dx + dy*dy; best < 0 || d < best {
					best, out[i] = d, c
				}
			}
		}
		return out
	}
}

// boundariesOver predicts the class of every point of the mesh over X and
// returns the plotter of the borders between classes.
func boundariesOver(X mat.Matrix, predict func(*mat.Dense) []int, col color.Color, width vg.Length) (boundaries, error) {
	r, _ := X.Dims()
	m := newMesh(X, r)
	pts := mat.NewDense(m.nx*m.ny, 2, m.points())
	class, err := safePredict(predict, pts)
	if err != nil {
		return boundaries{}, err
	}
	if len(class) != m.nx*m.ny {
		return boundaries{}, fmt.Errorf("figures: the predictor returned %d classes for %d points", len(class), m.nx*m.ny)
	}
	return boundaries{m: m, class: class, Line: draw.LineStyle{Color: col, Width: width}}, nil
}

// safePredict calls predict, turning a panic into an error.
func safePredict(predict func(*mat.Dense) []int, X *mat.Dense) (out []int, err error) {
	if predict == nil {
		return nil, errors.New("figures: no predictor given")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("figures: the predictor failed: %v", r)
		}
	}()
	return predict(X), nil
}

// classPanel is a plot of one data set over the class boundaries of predict.
func classPanel(title string, X mat.Matrix, y []int, classes int, predict func(*mat.Dense) []int, bcol color.Color, bwidth vg.Length,
	cols []color.RGBA, shape draw.GlyphDrawer, radius vg.Length) (*plot.Plot, error) {
	p := styled(plot.New())
	p.Title.Text = title
	p.Title.TextStyle.Font = canvas.Sans(14)
	p.X.Label.Text, p.Y.Label.Text = "x0", "x1"
	b, err := boundariesOver(X, predict, bcol, bwidth)
	if err != nil {
		return nil, err
	}
	p.Add(b)
	if err := classScatter(p, X, y, classes, cols, shape, radius, true); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = b.DataRange()
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks{6}, ticks{6}
	p.Legend.Top = true
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(2), -vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(8)
	return p, nil
}

// TrainEqDist renders plt_train_eq_dist: on the left the training points
// (circles, dark colours) and cv points (left-pointing triangles, light
// colours) with a circle of radius 2·std around each centre, on equal axes;
// on the right the boundaries of the ideal classifier (nearest centre) over
// the training points, titled "ideal performance".
func TrainEqDist(XTrain mat.Matrix, yTrain []int, XCV mat.Matrix, yCV []int, centers [][]float64, std float64) ([]byte, error) {
	classes := len(centers)
	left := styled(plot.New())
	left.Title.Text = "Training, CV Data"
	left.Title.TextStyle.Font = canvas.Sans(12)
	if err := classScatter(left, XTrain, yTrain, classes, ClassColors, draw.CircleGlyph{}, vg.Points(3.5), true); err != nil {
		return nil, err
	}
	if err := classScatter(left, XCV, yCV, classes, ClassColorsLight, leftTriangleGlyph{}, vg.Points(4), true); err != nil {
		return nil, err
	}
	for c, ctr := range centers {
		left.Add(ring{ctr[0], ctr[1], 2 * std, draw.LineStyle{Color: ClassColors[c%len(ClassColors)], Width: vg.Points(0.5)}})
	}
	r1, _ := XTrain.Dims()
	r2, _ := XCV.Dims()
	var xs, ys []float64
	for _, s := range []struct {
		X mat.Matrix
		r int
	}{{XTrain, r1}, {XCV, r2}} {
		for i := range s.r {
			xs, ys = append(xs, s.X.At(i, 0)), append(ys, s.X.At(i, 1))
		}
	}
	left.X.Min, left.X.Max = padded(xs)
	left.Y.Min, left.Y.Max = padded(ys)
	// Equal aspect: widen the narrower range to the panel's shape (a square panel).
	if dx, dy := left.X.Max-left.X.Min, left.Y.Max-left.Y.Min; dx > dy {
		c := (left.Y.Min + left.Y.Max) / 2
		left.Y.Min, left.Y.Max = c-dx/2, c+dx/2
	} else {
		c := (left.X.Min + left.X.Max) / 2
		left.X.Min, left.X.Max = c-dy/2, c+dy/2
	}
	left.X.Tick.Marker, left.Y.Tick.Marker = ticks{6}, ticks{6}
	left.Legend.Top, left.Legend.Left = true, false
	left.Legend.Padding = 0
	left.Legend.ThumbnailWidth = vg.Points(8)
	left.Legend.TextStyle.Font = canvas.Sans(6)

	right, err := classPanel("ideal performance", XTrain, yTrain, classes, nearestCenter(centers), Magenta, vg.Points(0.75),
		ClassColors, draw.CircleGlyph{}, vg.Points(3))
	if err != nil {
		return nil, err
	}
	right.Legend = plot.NewLegend()
	return panels("", 8*vg.Inch, 4*vg.Inch, left, right)
}

// ShowTrainEqDist displays TrainEqDist in the current GoNB cell.
func ShowTrainEqDist(XTrain mat.Matrix, yTrain []int, XCV mat.Matrix, yCV []int, centers [][]float64, std float64) error {
	return report(func() ([]byte, error) { return TrainEqDist(XTrain, yTrain, XCV, yCV, centers, std) })
}

// NN renders plt_nn: the class boundaries of predict (a model's class for
// each row) in green over the training data (left, dark circles) and over
// the cv data (right, light left-pointing triangles), under suptitle.
func NN(predict func(X *mat.Dense) []int, XTrain mat.Matrix, yTrain []int, classes int, XCV mat.Matrix, yCV []int, suptitle string) ([]byte, error) {
	left, err := classPanel("training data", XTrain, yTrain, classes, predict, Green, vg.Points(1), ClassColors, draw.CircleGlyph{}, vg.Points(4))
	if err != nil {
		return nil, err
	}
	right, err := classPanel("cross-validation data", XTrain, nil, 0, predict, Green, vg.Points(1), nil, nil, 0)
	if err != nil {
		return nil, err
	}
	if err := classScatter(right, XCV, yCV, classes, ClassColorsLight, leftTriangleGlyph{}, vg.Points(5), true); err != nil {
		return nil, err
	}
	return panels(suptitle, 8*vg.Inch, 4*vg.Inch, left, right)
}

// ShowNN displays NN in the current GoNB cell.
func ShowNN(predict func(X *mat.Dense) []int, XTrain mat.Matrix, yTrain []int, classes int, XCV mat.Matrix, yCV []int, suptitle string) error {
	return report(func() ([]byte, error) { return NN(predict, XTrain, yTrain, classes, XCV, yCV, suptitle) })
}

// Iterate renders plot_iterate: the training and cv errors of the models of
// the lambda sweep against lambda, on a log axis (lambda = 0 off its left
// edge).
func Iterate(lambdas, errTrain, errCV []float64) ([]byte, error) {
	p, err := errorPanel("error vs regularization", "Regularization (lambda)", lambdas, Tuning{ErrTrain: errTrain, ErrCV: errCV}, true, lineWidth)
	if err != nil {
		return nil, err
	}
	p.Y.Label.Text = "Error"
	p.X.Label.TextStyle.Font, p.Y.Label.TextStyle.Font = canvas.Sans(14), canvas.Sans(14)
	p.X.Scale, p.X.Tick.Marker = logScaleZero{}, logTicks{}
	p.X.Min, p.X.Max = positiveLogLimits(lambdas)
	p.Add(axesText{0.05, 0.14, "Training Error\nlower than CV", textStyle(12, Blue, text.XLeft, text.YCenter)})
	p.Add(axesText{0.95, 0.14, "Similar\nTraining, CV", textStyle(12, Blue, text.XRight, text.YCenter)})
	return panels("Tuning Regularization", 6*vg.Inch, 4*vg.Inch, p)
}

// ShowIterate displays Iterate in the current GoNB cell.
func ShowIterate(lambdas, errTrain, errCV []float64) error {
	return report(func() ([]byte, error) { return Iterate(lambdas, errTrain, errCV) })
}

// Compare renders plt_compare: the test points over the boundaries of the
// simple model, the regularized model and the ideal classifier (nearest
// centre), each panel with its test error.
func Compare(XTest mat.Matrix, yTest []int, classes int, predictS, predictR func(X *mat.Dense) []int, centers [][]float64) ([]byte, error) {
	r, _ := XTest.Dims()
	Xd := mat.DenseCopyOf(XTest)
	var ps []*plot.Plot
	for _, m := range []struct {
		title   string
		predict func(*mat.Dense) []int
	}{{"Simple Model", predictS}, {"Regularized Model", predictR}, {"Ideal Model", nearestCenter(centers)}} {
		p, err := classPanel(m.title, XTest, yTest, classes, m.predict, Green, vg.Points(1), ClassColors, draw.CircleGlyph{}, vg.Points(4))
		if err != nil {
			return nil, err
		}
		yhat, err := safePredict(m.predict, Xd)
		if err != nil {
			return nil, err
		}
		wrong := 0
		for i := range r {
			if yhat[i] != yTest[i] {
				wrong++
			}
		}
		// The course writes it at the data point (-2.75, 3), above its axes; here it stays inside, top left.
		p.Add(axesText{0.03, 0.97, fmt.Sprintf("err_test=%0.2f", float64(wrong)/float64(r)), textStyle(11, color.Black, text.XLeft, text.YTop)})
		if len(ps) > 0 {
			p.Y.Label.Text = ""
		}
		p.Legend.TextStyle.Font = canvas.Sans(6)
		ps = append(ps, p)
	}
	return panels("", 8*vg.Inch, 3*vg.Inch, ps...)
}

// ShowCompare displays Compare in the current GoNB cell.
func ShowCompare(XTest mat.Matrix, yTest []int, classes int, predictS, predictR func(X *mat.Dense) []int, centers [][]float64) error {
	return report(func() ([]byte, error) { return Compare(XTest, yTest, classes, predictS, predictR, centers) })
}
