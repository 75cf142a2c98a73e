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

// What gonum/plot lacks for the week-3 lab's matplotlib figures, written once
// here: a log axis that takes 0, text and arrows placed in axes coordinates,
// a left-pointing triangle glyph, and class boundaries over a grid.

// logScaleZero is a log scale that takes x <= 0, as matplotlib's log axis
// does with its default nonpositive="clip": such x is drawn at 1e-300, far to
// the left of the axis, so a line from it enters the plot at the left edge
// and the point itself is clipped away. (plot.LogScale panics on x <= 0.)
type logScaleZero struct{}

// Normalize implements plot.Normalizer.
func (logScaleZero) Normalize(min, max, x float64) float64 {
	if x <= 0 {
		x = 1e-300
	}
	return plot.LogScale{}.Normalize(min, max, x)
}

// logTicks marks the powers of ten between lo and hi, labelled 10⁻⁶ ... 10²
// as matplotlib labels a log axis.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for e := math.Ceil(math.Log10(lo) - 1e-9); e <= math.Log10(hi)+1e-9; e++ {
		out = append(out, plot.Tick{Value: math.Pow(10, e), Label: "10" + superscript(int(e))})
	}
	return out
}

// superscript writes n with Unicode superscript digits and minus sign.
func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	sup := []rune(digits)
	s := ""
	if n < 0 {
		s, n = "⁻", -n
	}
	for _, r := range fmt.Sprint(n) {
		s += string(sup[r-'0'])
	}
	return s
}

// positiveLogLimits are the limits of a log axis over values, as matplotlib
// autoscales one: the smallest and largest positive values, widened by 5% of
// the span in log space. Values <= 0 are ignored (see logScaleZero).
func positiveLogLimits(values []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if v > 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return 0.1, 10
	}
	l0, l1 := math.Log10(lo), math.Log10(hi)
	m := 0.05 * (l1 - l0)
	if m == 0 {
		m = 0.5
	}
	return math.Pow(10, l0-m), math.Pow(10, l1+m)
}

// axesText is text placed at a fraction (FX, FY) of the plot's data area
// (matplotlib's transform=ax.transAxes): (0, 0) bottom left, (1, 1) top right.
// Lines are separated by "\n".
type axesText struct {
	FX, FY float64
	Text   string
	Style  text.Style
}

// Plot implements plot.Plotter.
func (t axesText) Plot(c draw.Canvas, _ *plot.Plot) {
	c.FillText(t.Style, axesPoint(c, t.FX, t.FY), t.Text)
}

// axesPoint is the point at fraction (fx, fy) of the canvas c.
func axesPoint(c draw.Canvas, fx, fy float64) vg.Point {
	return vg.Point{
		X: c.Min.X + vg.Length(fx)*(c.Max.X-c.Min.X),
		Y: c.Min.Y + vg.Length(fy)*(c.Max.Y-c.Min.Y),
	}
}

// annotation is matplotlib's ax.annotate: text with an arrow from it to the
// data point (X, Y). The text sits at a fraction (FX, FY) of the data area
// when InAxes is set, else Offset from the data point.
type annotation struct {
	X, Y   float64
	Text   string
	InAxes bool
	FX, FY float64
	Offset vg.Point
	Style  text.Style
	Arrow  draw.LineStyle
}

// Plot implements plot.Plotter.
func (a annotation) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	target := vg.Point{X: trX(a.X), Y: trY(a.Y)}
	at := target.Add(a.Offset)
	if a.InAxes {
		at = axesPoint(c, a.FX, a.FY)
	}
	c.FillText(a.Style, at, a.Text)
	// The arrow starts at the edge of the text's box nearest the target.
	r := a.Style.Rectangle(a.Text).Add(at)
	from := vg.Point{X: clampLen(target.X, r.Min.X, r.Max.X), Y: clampLen(target.Y, r.Min.Y, r.Max.Y)}
	arrow(&c, from, target, a.Arrow)
}

func clampLen(v, lo, hi vg.Length) vg.Length { return max(lo, min(hi, v)) }

// arrow draws a line from a to b with an open arrowhead at b.
func arrow(c *draw.Canvas, a, b vg.Point, sty draw.LineStyle) {
	c.StrokeLine2(sty, a.X, a.Y, b.X, b.Y)
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	dx, dy = dx/n, dy/n
	const size = 6 // points
	for _, s := range []float64{-1, 1} {
		// The two sides of the head, 25 degrees off the line.
		cos, sin := math.Cos(25*math.Pi/180), s*math.Sin(25*math.Pi/180)
		hx, hy := dx*cos-dy*sin, dx*sin+dy*cos
		c.StrokeLine2(sty, b.X, b.Y, b.X-vg.Points(size*hx), b.Y-vg.Points(size*hy))
	}
}

// leftTriangleGlyph is a filled triangle pointing left, matplotlib's "<" marker.
type leftTriangleGlyph struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (leftTriangleGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	p := make(vg.Path, 0, 4)
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X + r/2, Y: pt.Y + r*0.866})
	p.Line(vg.Point{X: pt.X + r/2, Y: pt.Y - r*0.866})
	p.Close()
	c.Fill(p)
}

// mesh is the grid plot_cat_decision_boundary of the course's helper file
// lays over a data set: its range padded by 0.5 on each side, a step h of a
// 200th of the wider range, and np.arange's points along each axis.
type mesh struct {
	x0, y0, h float64
	nx, ny    int
}

// newMesh is the mesh over the rows (x0, x1) of X.
func newMesh(X interface{ At(i, j int) float64 }, rows int) mesh {
	xmin, xmax := math.Inf(1), math.Inf(-1)
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for i := range rows {
		x, y := X.At(i, 0), X.At(i, 1)
		xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
	}
	xmin, xmax, ymin, ymax = xmin-0.5, xmax+0.5, ymin-0.5, ymax+0.5
	h := math.Max(xmax-xmin, ymax-ymin) / 200
	// np.arange(start, stop, h) has ceil((stop-start)/h) points.
	return mesh{x0: xmin, y0: ymin, h: h, nx: int(math.Ceil((xmax - xmin) / h)), ny: int(math.Ceil((ymax - ymin) / h))}
}

// points are the mesh's points, one per row, in numpy's order
// (np.c_[xx.ravel(), yy.ravel()]: x varies fastest).
func (m mesh) points() []float64 {
	out := make([]float64, 0, 2*m.nx*m.ny)
	for j := range m.ny {
		for i := range m.nx {
			out = append(out, m.x0+float64(i)*m.h, m.y0+float64(j)*m.h)
		}
	}
	return out
}

// boundaries draws the borders between classes over a mesh: a segment
// between every two neighbouring mesh points whose classes differ, halfway
// between them, as the contour lines of the class index mark them (matplotlib
// stacks one line per level crossed; here each border is drawn once).
type boundaries struct {
	m     mesh
	class []int // one per mesh point, in points' order
	Line  draw.LineStyle
}

// Plot implements plot.Plotter.
func (b boundaries) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	m := b.m
	at := func(i, j int) int { return b.class[j*m.nx+i] }
	seg := func(x0, y0, x1, y1 float64) {
		c.StrokeLines(b.Line, c.ClipLinesXY([]vg.Point{{X: trX(x0), Y: trY(y0)}, {X: trX(x1), Y: trY(y1)}})...)
	}
	for j := range m.ny {
		y := m.y0 + float64(j)*m.h
		for i := range m.nx {
			x := m.x0 + float64(i)*m.h
			if i+1 < m.nx && at(i, j) != at(i+1, j) {
				seg(x+m.h/2, y-m.h/2, x+m.h/2, y+m.h/2)
			}
			if j+1 < m.ny && at(i, j) != at(i, j+1) {
				seg(x-m.h/2, y+m.h/2, x+m.h/2, y+m.h/2)
			}
		}
	}
}

// DataRange implements plot.DataRanger: the mesh's extent (matplotlib's
// axis("tight") over the contour).
func (b boundaries) DataRange() (xmin, xmax, ymin, ymax float64) {
	m := b.m
	return m.x0, m.x0 + float64(m.nx-1)*m.h, m.y0, m.y0 + float64(m.ny-1)*m.h
}

// vline is a vertical line at x across the plot's y limits.
type vline struct {
	X    float64
	Line draw.LineStyle
}

// Plot implements plot.Plotter.
func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(v.X)
	c.StrokeLine2(v.Line, x, c.Min.Y, x, c.Max.Y)
}

// ring is an unfilled circle of radius R (data units of the x axis) around
// (X, Y), as matplotlib's plt.Circle(fill=False) on an equal-aspect plot.
type ring struct {
	X, Y, R float64
	Line    draw.LineStyle
}

// Plot implements plot.Plotter.
func (r ring) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	const n = 64
	pts := make([]vg.Point, n+1)
	for k := range pts {
		a := 2 * math.Pi * float64(k) / n
		pts[k] = vg.Point{X: trX(r.X + r.R*math.Cos(a)), Y: trY(r.Y + r.R*math.Sin(a))}
	}
	c.StrokeLines(r.Line, c.ClipLinesXY(pts)...)
}

// padded are matplotlib's autoscaled limits of values: their range widened by
// 5% on each side.
func padded(values ...[]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, vs := range values {
		for _, v := range vs {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	m := 0.05 * (hi - lo)
	if m == 0 {
		m = 0.5
	}
	return lo - m, hi + m
}

// xys pairs xs and ys as plotter points (as many as the shorter has).
func xys(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, min(len(xs), len(ys)))
	for i := range pts {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	return pts
}

// pairs pairs x and y as plotter points, and fails if their lengths differ.
func pairs(x, y []float64) (plotter.XYs, error) {
	if len(x) != len(y) {
		return nil, fmt.Errorf("figures: %d x values but %d y values", len(x), len(y))
	}
	return xys(x, y), nil
}

// withAlpha returns col with alpha a (0 to 1), premultiplied as color.RGBA wants.
func withAlpha(col color.Color, a float64) color.Color {
	r, g, b, _ := col.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a*255 + 0.5)}
}
