package figures

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

var (
	ink      = color.Gray{Y: 0x30}
	light    = rgb(0xE8, 0xF3, 0xFF) // a pale blue fill
	ghost    = color.Gray{Y: 0xF0}   // broadcast copies
	ghostInk = color.Gray{Y: 0x90}
)

// pen draws the diagrams: positions in points from the bottom-left corner.
type pen struct{ c draw.Canvas }

func (p pen) text(x, y vg.Length, size vg.Length, col color.Color, xa text.XAlignment, ya text.YAlignment, s string) {
	p.c.FillText(textStyle(size, col, xa, ya), vg.Point{X: x, Y: y}, s)
}

// centre writes s centred on (x, y).
func (p pen) centre(x, y, size vg.Length, s string) {
	p.text(x, y, size, ink, text.XCenter, text.YCenter, s)
}

func (p pen) rect(x, y, w, h vg.Length, fill color.Color, stroke color.Color, width vg.Length) {
	pts := []vg.Point{{X: x, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + h}, {X: x, Y: y + h}}
	if fill != nil {
		p.c.FillPolygon(fill, pts)
	}
	if stroke != nil && width > 0 {
		p.c.StrokeLines(draw.LineStyle{Color: stroke, Width: width}, append(pts, pts[0]))
	}
}

func (p pen) line(x0, y0, x1, y1 vg.Length, col color.Color, width vg.Length) {
	p.c.StrokeLine2(draw.LineStyle{Color: col, Width: width}, x0, y0, x1, y1)
}

// arrow draws a line from (x0, y0) to (x1, y1) with a head at its end.
func (p pen) arrow(x0, y0, x1, y1 vg.Length, col color.Color) {
	p.line(x0, y0, x1, y1, col, vg.Points(1))
	dx, dy := float64(x1-x0), float64(y1-y0)
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	const head, half = 6.0, 3.0
	bx, by := float64(x1)-head*ux, float64(y1)-head*uy
	p.c.FillPolygon(col, []vg.Point{
		{X: x1, Y: y1},
		{X: vg.Length(bx - half*uy), Y: vg.Length(by + half*ux)},
		{X: vg.Length(bx + half*uy), Y: vg.Length(by - half*ux)},
	})
}

func (p pen) disc(x, y, r vg.Length, fill, stroke color.Color) {
	pts := circle(vg.Point{X: x, Y: y}, r, 32)
	p.c.FillPolygon(fill, pts)
	p.c.StrokeLines(draw.LineStyle{Color: stroke, Width: vg.Points(1)}, append(pts, pts[0]))
}

// ModelLayer describes one dense layer for ModelDiagram.
type ModelLayer struct {
	Name       string // e.g. "L1" or "dense"
	Units      int
	Activation string // "sigmoid", "relu", "linear"
}

// Layered is a model as Model draws it: its input width and its dense layers,
// in order. A *nn.Model is one. figures takes this interface rather than
// importing package nn, so that a cell that draws a picture does not link GoMLX.
type Layered interface {
	Err() error // why the model cannot be drawn, or nil
	InputSize() int
	NumLayers() int
	// DenseLayer returns layer i's name, number of units and activation
	// ("sigmoid", "relu" or "linear").
	DenseLayer(i int) (name string, units int, activation string)
}

// Model draws a diagram of the model m from m itself: its input width, then
// every dense layer as a box of units with its name, number of units,
// activation and the shapes of its W and b, the activations passed from
// layer to layer, and the output. A learner's own model draws as well as the
// lab's 400-25-15-1 network.
func Model(m Layered) ([]byte, error) {
	if m == nil {
		return nil, errors.New("figures: Model of a nil model: declare it with nn.Sequential first")
	}
	if err := m.Err(); err != nil {
		return nil, fmt.Errorf("figures: the model is invalid, fix its declaration first: %w", err)
	}
	layers := make([]ModelLayer, m.NumLayers())
	for i := range layers {
		l := &layers[i]
		l.Name, l.Units, l.Activation = m.DenseLayer(i)
	}
	return ModelDiagram(m.InputSize(), layers)
}

// ModelDiagram draws the diagram of Model for a model of inputs inputs and
// the given dense layers, in order.
func ModelDiagram(inputs int, layers []ModelLayer) ([]byte, error) {
	if err := checkModelDiagram(inputs, layers); err != nil {
		return nil, err
	}
	d := modelColumns{left: vg.Points(70), width: vg.Points(118), y0: vg.Points(72), y1: vg.Points(182)}
	w := d.left + d.width*vg.Length(len(layers)) + vg.Points(70)
	h := vg.Points(240)
	cv := newCanvas(w, h)
	p := pen{cv.Canvas}
	prevX, prevW := d.input(p, inputs), inputs
	for k, l := range layers {
		prevX, prevW = d.layer(p, k, l, prevX, prevW), l.Units
	}
	d.output(p, prevX, prevW, len(layers))
	p.text(w/2, h-vg.Points(4), 11, color.Black, text.XCenter, text.YTop, modelTitle(inputs, layers))
	return cv.PNG()
}

// checkModelDiagram says why a model of inputs inputs and these layers
// cannot be drawn, or returns nil.
func checkModelDiagram(inputs int, layers []ModelLayer) error {
	if inputs <= 0 {
		return fmt.Errorf("figures: a model of %d inputs: the input width must be positive", inputs)
	}
	if len(layers) == 0 {
		return errors.New("figures: a model without layers: add dense layers to draw it")
	}
	if len(layers) > 8 {
		return fmt.Errorf("figures: %d layers do not fit one picture: draw at most 8", len(layers))
	}
	for k, l := range layers {
		if l.Units <= 0 {
			return fmt.Errorf("figures: layer %d has %d units: every layer needs at least one", k+1, l.Units)
		}
	}
	return nil
}

// modelColumns is the geometry of ModelDiagram: the input's column ends at
// left, then one column of the given width per layer; the boxes span y0 to
// y1.
type modelColumns struct {
	left, width, y0, y1 vg.Length
}

func (d modelColumns) mid() vg.Length { return (d.y0 + d.y1) / 2 }

// input draws the input, a column vector of inputs values, and returns the
// x of its right edge.
func (d modelColumns) input(p pen, inputs int) vg.Length {
	ix, iw := vg.Points(28), vg.Points(16)
	p.rect(ix, d.y0, iw, d.y1-d.y0, light, ink, vg.Points(1))
	for k := 1; k < 8; k++ {
		y := d.y0 + (d.y1-d.y0)*vg.Length(k)/8
		p.line(ix, y, ix+iw, y, ink, vg.Points(0.5))
	}
	p.centre(ix+iw/2, d.y1+vg.Points(12), 10, "x")
	p.centre(ix+iw/2, d.y0-vg.Points(14), 9, "input")
	p.centre(ix+iw/2, d.y0-vg.Points(27), 9, fmt.Sprintf("%d values", inputs))
	return ix + iw
}

// layer draws layer k (from 0) and the arrow into it from prevX, which
// carries the previous layer's prevW activations, and returns the x of the
// layer box's right edge.
func (d modelColumns) layer(p pen, k int, l ModelLayer, prevX vg.Length, prevW int) vg.Length {
	x0 := d.left + d.width*vg.Length(k) + vg.Points(22)
	bw := d.width - vg.Points(44)
	cx := x0 + bw/2
	mid := d.mid()
	p.arrow(prevX+vg.Points(3), mid, x0-vg.Points(3), mid, ink)
	name := "x"
	if k > 0 {
		name = fmt.Sprintf("a[%d]", k)
	}
	p.centre((prevX+x0)/2, mid+vg.Points(9), 8, name)
	p.centre((prevX+x0)/2, mid-vg.Points(9), 8, fmt.Sprintf("(%d)", prevW))

	p.rect(x0, d.y0, bw, d.y1-d.y0, nil, ink, vg.Points(1))
	drawUnits(p, cx, d.y0, d.y1, l.Units)
	p.centre(cx, d.y1+vg.Points(20), 9, fmt.Sprintf("layer %d", k+1))
	if l.Name != "" {
		p.centre(cx, d.y1+vg.Points(8), 8, l.Name)
	}
	lines := []string{
		unitsText(l.Units),
		l.Activation,
		fmt.Sprintf("W%d (%d, %d)", k+1, prevW, l.Units),
		fmt.Sprintf("b%d (%d,)", k+1, l.Units),
	}
	for j, s := range lines {
		p.centre(cx, d.y0-vg.Points(14+13*float64(j)), 9, s)
	}
	return x0 + bw
}

// output draws the arrow out of the last layer (n layers, its right edge at
// prevX, prevW units) with the model's output.
func (d modelColumns) output(p pen, prevX vg.Length, prevW, n int) {
	mid := d.mid()
	ox := prevX + vg.Points(50)
	p.arrow(prevX+vg.Points(3), mid, ox, mid, ink)
	p.centre((prevX+ox)/2+vg.Points(6), mid+vg.Points(9), 8, fmt.Sprintf("a[%d]", n))
	p.centre((prevX+ox)/2+vg.Points(6), mid-vg.Points(9), 8, fmt.Sprintf("(%d)", prevW))
}

func modelTitle(inputs int, layers []ModelLayer) string {
	parts := []string{fmt.Sprint(inputs)}
	for _, l := range layers {
		parts = append(parts, fmt.Sprint(l.Units))
	}
	return "Model " + strings.Join(parts, "-")
}

// drawUnits draws the units of a layer as discs, at most 6 (five and a
// vertical ellipsis above the last when there are more).
func drawUnits(p pen, cx, y0, y1 vg.Length, units int) {
	shown := min(units, 6)
	r := vg.Points(7)
	for k := 0; k < shown; k++ {
		y := y1 - (y1-y0)*vg.Length(float64(k)+0.5)/vg.Length(shown)
		if units > 6 && k == 4 {
			p.centre(cx, y, 12, "⋮")
			continue
		}
		p.disc(cx, y, r, light, Blue)
	}
}

// ShowModel displays Model(m) in the current GoNB cell.
func ShowModel(m Layered) error {
	return report(func() ([]byte, error) { return Model(m) })
}

// DenseLayer draws one dense layer of units units on inputs inputs: the
// input x, every unit j computing g(x · W[:, j] + b[j]), the dot product of
// x with column j of W plus b[j] through the activation g, and the layer's
// output a, with the shapes of W (inputs, units) and b (units,). At most 6
// inputs and 6 units are drawn one by one; larger sizes show an ellipsis.
func DenseLayer(inputs, units int) ([]byte, error) {
	if inputs <= 0 || units <= 0 {
		return nil, fmt.Errorf("figures: a dense layer of %d inputs and %d units: both must be positive", inputs, units)
	}
	w, h := vg.Points(470), vg.Points(260)
	cv := newCanvas(w, h)
	p := pen{cv.Canvas}
	top, bottom := h-vg.Points(44), vg.Points(58)
	// The input vector.
	xs := slots(inputs)
	ux := vg.Points(170)
	ix, cell := vg.Points(40), vg.Points(20)
	inY := func(k int) vg.Length { return top - (top-bottom)*vg.Length(float64(k)+0.5)/vg.Length(len(xs)) }
	unY := func(k int) vg.Length {
		return top - (top-bottom)*vg.Length(float64(k)+0.5)/vg.Length(len(slots(units)))
	}
	for k, s := range xs {
		y := inY(k)
		if s < 0 {
			p.centre(ix+cell/2, y, 12, "⋮")
			continue
		}
		p.rect(ix-cell/4, y-cell/2, cell*3/2, cell, light, ink, vg.Points(1))
		p.centre(ix+cell/2, y, 8, fmt.Sprintf("x%d", s))
	}
	p.centre(ix+cell/2, top+vg.Points(14), 10, "x")
	p.centre(ix+cell/2, bottom-vg.Points(6), 8, fmt.Sprintf("(%d,)", inputs))
	us := slots(units)
	for j, s := range us {
		y := unY(j)
		if s < 0 {
			p.centre(ux, y, 12, "⋮")
			continue
		}
		for k, xsk := range xs {
			if xsk >= 0 {
				p.line(ix+cell*5/4+vg.Points(2), inY(k), ux-vg.Points(12), y, ghostInk, vg.Points(0.6))
			}
		}
		col := unitColour(s)
		p.disc(ux, y, vg.Points(11), light, col)
		p.centre(ux, y, 8, fmt.Sprint(s))
		p.text(ux+vg.Points(22), y, 9, ink, text.XLeft, text.YCenter, fmt.Sprintf("a[%d] = g(x · W[:, %d] + b[%d])", s, s, s))
	}
	p.centre(ux, top+vg.Points(14), 10, "units")
	p.text(w/2, h-vg.Points(4), 11, color.Black, text.XCenter, text.YTop,
		fmt.Sprintf("A dense layer: %d inputs, %d units", inputs, units))
	p.text(vg.Points(20), vg.Points(24), 9, ink, text.XLeft, text.YCenter,
		fmt.Sprintf("W (%d, %d): column j holds unit j's weights    b (%d,)    a = g(x W + b) (%d,)", inputs, units, units, units))
	p.text(vg.Points(20), vg.Points(10), 9, ink, text.XLeft, text.YCenter,
		"each unit: the dot product of x with its column of W, plus its b, through the activation g")
	return cv.PNG()
}

// slots lists which of n items are drawn: all when n <= 6, else the first
// four, an ellipsis (-1) and the last.
func slots(n int) []int {
	if n <= 6 {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	return []int{0, 1, 2, 3, -1, n - 1}
}

func unitColour(j int) color.Color {
	return []color.Color{Blue, Orange, Magenta, Purple, DarkRed}[j%5]
}

// ShowDenseLayer displays DenseLayer(inputs, units) in the current GoNB cell.
func ShowDenseLayer(inputs, units int) error {
	return report(func() ([]byte, error) { return DenseLayer(inputs, units) })
}

func unitsText(n int) string {
	if n == 1 {
		return "1 unit"
	}
	return fmt.Sprintf("%d units", n)
}
