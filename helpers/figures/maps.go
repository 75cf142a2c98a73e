package figures

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/internal/canvas"
)

// bluesAnchors are matplotlib's "Blues" colour map: ColorBrewer's nine blues, interpolated linearly.
var bluesAnchors = []color.RGBA{
	rgb(0xf7, 0xfb, 0xff), rgb(0xde, 0xeb, 0xf7), rgb(0xc6, 0xdb, 0xef), rgb(0x9e, 0xca, 0xe1), rgb(0x6b, 0xae, 0xd6),
	rgb(0x42, 0x92, 0xc6), rgb(0x21, 0x71, 0xb5), rgb(0x08, 0x51, 0x9c), rgb(0x08, 0x30, 0x6b),
}

// blues returns matplotlib's Blues at t in [0, 1].
func blues(t float64) color.RGBA {
	t = math.Min(1, math.Max(0, t)) * float64(len(bluesAnchors)-1)
	i := min(int(t), len(bluesAnchors)-2)
	f := t - float64(i)
	a, b := bluesAnchors[i], bluesAnchors[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return rgb(mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B))
}

// TruncatedBlues is the course's truncate_colormap(plt.get_cmap('Blues'), 0.0, hi): the part of
// matplotlib's Blues from its lightest colour up to hi (0.5 in the coffee and neuron labs, 0.7 in
// the multiclass lab), spread over the values min to max. It is a gonum palette.ColorMap.
type TruncatedBlues struct {
	Hi       float64 // the top of Blues used, in (0, 1]
	min, max float64 // the values mapped to the ends
	alpha    float64 // 0 means opaque
}

// NewTruncatedBlues returns Blues from 0 to hi mapped onto the values [min, max].
func NewTruncatedBlues(hi, min, max float64) *TruncatedBlues {
	return &TruncatedBlues{Hi: hi, min: min, max: max}
}

// At returns the colour of v (clamped to [Min, Max]).
func (b *TruncatedBlues) At(v float64) (color.Color, error) {
	if math.IsNaN(v) {
		return nil, fmt.Errorf("figures: NaN has no colour")
	}
	t := 0.0
	if b.max > b.min {
		t = (v - b.min) / (b.max - b.min)
	}
	c := blues(math.Min(1, math.Max(0, t)) * b.Hi)
	if b.alpha > 0 && b.alpha < 1 {
		return color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(255 * b.alpha)}, nil
	}
	return c, nil
}

// Max returns the value mapped to the darkest colour.
func (b *TruncatedBlues) Max() float64 { return b.max }

// SetMax sets the value mapped to the darkest colour.
func (b *TruncatedBlues) SetMax(v float64) { b.max = v }

// Min returns the value mapped to the lightest colour.
func (b *TruncatedBlues) Min() float64 { return b.min }

// SetMin sets the value mapped to the lightest colour.
func (b *TruncatedBlues) SetMin(v float64) { b.min = v }

// Alpha returns the opacity (1 unless set).
func (b *TruncatedBlues) Alpha() float64 {
	if b.alpha == 0 {
		return 1
	}
	return b.alpha
}

// SetAlpha sets the opacity, between 0 and 1.
func (b *TruncatedBlues) SetAlpha(a float64) {
	if a < 0 || a > 1 {
		panic(fmt.Sprintf("figures: alpha %v is not in [0, 1]", a))
	}
	b.alpha = a
}

// Palette returns n colours evenly spaced from Min to Max.
func (b *TruncatedBlues) Palette(n int) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		v := b.min
		if n > 1 {
			v += (b.max - b.min) * float64(i) / float64(n-1)
		}
		cs[i], _ = b.At(v)
	}
	return colours(cs)
}

type colours []color.Color

func (c colours) Colors() []color.Color { return c }

// grid is a function sampled on an nx x ny grid of cell centres over [x0, x1] x [y0, y1]: a
// plotter.GridXYZ, as matplotlib's pcolormesh/contour of a meshgrid.
type grid struct {
	x0, x1, y0, y1 float64
	nx, ny         int
	z              []float64 // row-major, row = y index
}

func sample(f func(x, y float64) float64, x0, x1, y0, y1 float64, nx, ny int) *grid {
	g := &grid{x0: x0, x1: x1, y0: y0, y1: y1, nx: nx, ny: ny, z: make([]float64, nx*ny)}
	for r := range ny {
		for c := range nx {
			g.z[r*nx+c] = f(g.X(c), g.Y(r))
		}
	}
	return g
}

// points returns the grid's points as rows (x, y), in the order of z.
func (g *grid) points() *mat.Dense {
	out := mat.NewDense(g.nx*g.ny, 2, nil)
	for r := range g.ny {
		for c := range g.nx {
			out.Set(r*g.nx+c, 0, g.X(c))
			out.Set(r*g.nx+c, 1, g.Y(r))
		}
	}
	return out
}

func (g *grid) Dims() (c, r int) { return g.nx, g.ny }
func (g *grid) Z(c, r int) float64 {
	return g.z[r*g.nx+c]
}
func (g *grid) X(c int) float64 {
	if g.nx == 1 {
		return g.x0
	}
	return g.x0 + (g.x1-g.x0)*float64(c)/float64(g.nx-1)
}
func (g *grid) Y(r int) float64 {
	if g.ny == 1 {
		return g.y0
	}
	return g.y0 + (g.y1-g.y0)*float64(r)/float64(g.ny-1)
}

func (g *grid) zRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range g.z {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

// mapPanel is one heat map of a figure: f over a rectangle, in TruncatedBlues up to hi, with a
// colour bar beside it, optional contour lines at levels and anything else drawn over it.
type mapPanel struct {
	title, xLabel, yLabel string
	f                     func(x, y float64) float64
	batch                 func(*mat.Dense) []float64 // instead of f: all grid points at once (gridPoints' order)
	x0, x1, y0, y1        float64
	n                     int                        // grid points per side
	hi                    float64                    // top of Blues
	vmin, vmax            *float64                   // colour range; the values' range if nil
	contours              []float64                  // levels of black contour lines, if any
	contourF              func(x, y float64) float64 // the function the contours are of, if not f
	over                  []plot.Plotter
	legend                bool
}

// draw draws the panel into c: the plot on the left, its colour bar in a narrow strip on the right.
func (mp mapPanel) draw(c draw.Canvas) error {
	var g *grid
	if mp.batch != nil {
		g = &grid{x0: mp.x0, x1: mp.x1, y0: mp.y0, y1: mp.y1, nx: mp.n, ny: mp.n}
		g.z = mp.batch(g.points())
		if len(g.z) != mp.n*mp.n {
			return fmt.Errorf("figures: %s: %d values for a %dx%d grid", mp.title, len(g.z), mp.n, mp.n)
		}
	} else {
		g = sample(mp.f, mp.x0, mp.x1, mp.y0, mp.y1, mp.n, mp.n)
	}
	lo, hi := g.zRange()
	if mp.vmin != nil {
		lo = *mp.vmin
	}
	if mp.vmax != nil {
		hi = *mp.vmax
	}
	if !(hi > lo) {
		hi = lo + 1e-9
	}
	cm := NewTruncatedBlues(mp.hi, lo, hi)
	p := styled(plot.New())
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = mp.title, mp.xLabel, mp.yLabel
	hm := plotter.NewHeatMap(g, cm.Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.Rasterized = true
	p.Add(hm)
	if len(mp.contours) > 0 {
		cg := g
		if mp.contourF != nil {
			cg = sample(mp.contourF, mp.x0, mp.x1, mp.y0, mp.y1, mp.n, mp.n)
		}
		ct := plotter.NewContour(cg, mp.contours, colours{color.Black})
		ct.LineStyles = []draw.LineStyle{{Color: color.Black, Width: vg.Points(1)}}
		p.Add(ct)
	}
	p.Add(mp.over...)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = mp.x0, mp.x1, mp.y0, mp.y1
	if mp.legend {
		p.Legend.Top = true
	} else {
		p.Legend = plot.NewLegend()
		p.Legend.TextStyle.Font = canvas.Sans(8)
	}
	barW := vg.Points(44)
	p.Draw(draw.Crop(c, 0, -barW, 0, 0))

	bar := styled(plot.New())
	cb := &plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: 256}
	bar.Add(cb)
	bar.HideX()
	bar.Y.Padding = 0
	bar.Title.Text = " "
	bar.Draw(draw.Crop(c, c.Max.X-c.Min.X-barW+vg.Points(8), 0, vg.Points(0), vg.Points(-14)))
	return nil
}

// drawPanels renders panels in a rows x cols grid on a w x h inch figure, under title if not empty.
func drawPanels(w, h vg.Length, rows, cols int, title string, panels []mapPanel) ([]byte, error) {
	cv := newCanvas(w, h)
	body := cv.Canvas
	if title != "" {
		top := vg.Points(20)
		cv.Canvas.FillText(textStyle(12, color.Black, text.XCenter, text.YTop), vg.Point{X: w / 2, Y: h - vg.Points(3)}, title)
		body = draw.Crop(cv.Canvas, 0, 0, 0, -top)
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(12), PadY: vg.Points(10), PadLeft: vg.Points(2), PadRight: vg.Points(2), PadBottom: vg.Points(2), PadTop: vg.Points(2)}
	for i, mp := range panels {
		if err := mp.draw(tiles.At(body, i%cols, i/cols)); err != nil {
			return nil, err
		}
	}
	return cv.PNG()
}
