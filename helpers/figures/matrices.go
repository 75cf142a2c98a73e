package figures

import (
	"fmt"
	"image/color"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/mlspec-go/nnlab/helpers/npfmt"
)

// block draws a rows x cols matrix as a rectangle at (x, y) (its top-left
// corner) of at most 8 x 8 cells of side cell, with the row count on its
// left and the column count above it. hiRow and hiCol (-1 for none) are
// filled with colours rowCol and colCol. It returns the drawn width and
// height.
func block(p pen, x, y vg.Length, rows, cols int, cell vg.Length, name string, hiRow, hiCol int, rowCol, colCol color.Color) (vg.Length, vg.Length) {
	dr, dc := min(rows, 8), min(cols, 8)
	bw, bh := cell*vg.Length(dc), cell*vg.Length(dr)
	for r := 0; r < dr; r++ {
		for c := 0; c < dc; c++ {
			var fill color.Color = light
			switch {
			case r == hiRow && c == hiCol:
				fill = Magenta
			case r == hiRow:
				fill = rowCol
			case c == hiCol:
				fill = colCol
			}
			cy := y - cell*vg.Length(r+1)
			p.rect(x+cell*vg.Length(c), cy, cell, cell, fill, color.White, vg.Points(0.8))
		}
	}
	p.rect(x, y-bh, bw, bh, nil, ink, vg.Points(1.2))
	p.text(x+bw/2, y+vg.Points(3), 8, ink, text.XCenter, text.YBottom, fmt.Sprint(cols))
	p.text(x-vg.Points(3), y-bh/2, 8, ink, text.XRight, text.YCenter, fmt.Sprint(rows))
	p.text(x+bw/2, y-bh-vg.Points(4), 10, ink, text.XCenter, text.YTop, name)
	return bw, bh
}

// MatMul draws the two products of a dense layer with their shapes: on top
// one example, the vector-matrix product (1 x n)(n x units) = (1 x units),
// x times W; below m examples at once, the matrix-matrix product
// (m x n)(n x units) = (m x units), A_in times W, where row i of A_in times
// column j of W gives Z[i, j]. Sizes above 8 are drawn as 8 cells and
// labelled with their real value.
func MatMul(m, n, units int) ([]byte, error) {
	if m <= 0 || n <= 0 || units <= 0 {
		return nil, fmt.Errorf("figures: MatMul(%d, %d, %d): m, n and units must all be positive", m, n, units)
	}
	cell := vg.Points(12)
	dn, du, dm := vg.Length(min(n, 8)), vg.Length(min(units, 8)), vg.Length(min(m, 8))
	opW := vg.Points(56)
	rowW := vg.Points(40) + cell*(dn+dn+du) + 2*opW + vg.Points(150)
	w := max(vg.Points(440), rowW)
	topH := cell*dn + vg.Points(46)
	botH := cell*max(dm, dn) + vg.Points(46)
	h := vg.Points(30) + topH + botH
	cv := newCanvas(w, h)
	p := pen{cv.Canvas}
	p.text(w/2, h-vg.Points(4), 11, color.Black, text.XCenter, text.YTop, "Dense layer products")

	row := func(y vg.Length, rows int, aName, zName, caption string) {
		x := vg.Points(40)
		bw, bh := block(p, x, y, rows, n, cell, aName, 0, -1, Blue, nil)
		x += bw + opW
		p.centre(x-opW/2+vg.Points(-8), y-bh/2, 12, "×")
		ww, wh := block(p, x, y, n, units, cell, "W", -1, 0, nil, Orange)
		x += ww + opW
		p.centre(x-opW/2+vg.Points(-8), y-max(bh, wh)/2, 12, "=")
		zw, _ := block(p, x, y, rows, units, cell, zName, 0, 0, light, light)
		x += zw + vg.Points(22)
		p.text(x, y-vg.Points(6), 9, ink, text.XLeft, text.YTop, caption)
		p.text(x, y-vg.Points(20), 9, ink, text.XLeft, text.YTop, fmt.Sprintf("(%d x %d)(%d x %d)", rows, n, n, units))
		p.text(x, y-vg.Points(33), 9, ink, text.XLeft, text.YTop, fmt.Sprintf("= (%d x %d)", rows, units))
	}
	row(h-vg.Points(36), 1, "x", "z = xW", "one example")
	row(h-vg.Points(36)-topH, m, "A_in", "Z = A_in W", fmt.Sprintf("%d examples", m))
	p.text(vg.Points(10), vg.Points(8), 8, ink, text.XLeft, text.YBottom,
		"row i of the inputs times column j of W gives entry (i, j); then b is added to every row and g applied")
	return cv.PNG()
}

// ShowMatMul displays MatMul(m, n, units) in the current GoNB cell.
func ShowMatMul(m, n, units int) error {
	return report(func() ([]byte, error) { return MatMul(m, n, units) })
}

// operand is one array of a broadcasting picture: its values after
// stretching, which of them are copies, and its caption.
type operand struct {
	vals    [][]float64
	copy    func(r, c int) bool
	caption string
}

func mat2(rows, cols int, f func(r, c int) float64) [][]float64 {
	out := make([][]float64, rows)
	for r := range out {
		out[r] = make([]float64, cols)
		for c := range out[r] {
			out[r][c] = f(r, c)
		}
	}
	return out
}

// Array is one operand of Broadcast: its values ([][]int, [][]float64 or a gonum
// mat.Matrix) and the name its caption starts with. A 1 x 1 array is a scalar: its
// caption is its name alone. A numpy 1-D array of n values broadcasts as a 1 x n row:
// pass a gonum vector as v.T().
type Array struct {
	Name   string
	Values any
}

// rows returns the array's values as rows of float64.
func (a Array) rows() ([][]float64, error) {
	var out [][]float64
	switch v := a.Values.(type) {
	case [][]int:
		for _, r := range v {
			row := make([]float64, len(r))
			for j, x := range r {
				row[j] = float64(x)
			}
			out = append(out, row)
		}
	case [][]float64:
		for _, r := range v {
			out = append(out, append([]float64(nil), r...))
		}
	case mat.Matrix:
		if v == nil {
			break
		}
		r, _ := v.Dims()
		for i := range r {
			out = append(out, mat.Row(nil, i, v))
		}
	default:
		return nil, fmt.Errorf("figures: Broadcast of %s: want [][]int, [][]float64 or a gonum matrix, got %T", a.Name, a.Values)
	}
	if len(out) == 0 || len(out[0]) == 0 {
		return nil, fmt.Errorf("figures: Broadcast of %s: the array is empty", a.Name)
	}
	for i, r := range out {
		if len(r) != len(out[0]) {
			return nil, fmt.Errorf("figures: Broadcast of %s: row %d has %d values, row 0 has %d", a.Name, i, len(r), len(out[0]))
		}
	}
	return out, nil
}

// stretched is vals broadcast to rows x cols (each size equal or 1), with which
// values are copies, and its caption: the name, its shape unless it is a scalar,
// and the shape it is stretched to.
func stretched(name string, vals [][]float64, rows, cols int) operand {
	r0, c0 := len(vals), len(vals[0])
	out := mat2(rows, cols, func(r, c int) float64 { return vals[min(r, r0-1)][min(c, c0-1)] })
	caption := name
	if r0 != 1 || c0 != 1 {
		caption += " " + npfmt.ShapeOf(r0, c0)
	}
	if r0 != rows || c0 != cols {
		caption += " → " + npfmt.ShapeOf(rows, cols)
	}
	copied := func(r, c int) bool { return r0 == 1 && r > 0 || c0 == 1 && c > 0 }
	return operand{out, copied, caption}
}

// broadcastSize is the size numpy gives two sizes of one dimension: equal, or one of them 1.
func broadcastSize(n, m int) (int, bool) {
	switch {
	case n == m, m == 1:
		return n, true
	case n == 1:
		return m, true
	}
	return 0, false
}

// Broadcast draws a op b (op is "+" or "×") as numpy broadcasts it: the two
// arrays stretched to a common shape, with the stretched copies in gray and the
// original values in colour, the operator, and the result, each captioned with its
// shape, under title. numpy stretches implicitly; in Go the copies are the loops
// (or the row-by-row additions) one writes. Shapes that numpy cannot combine are
// an error that names both.
func Broadcast(title string, a Array, op string, b Array) ([]byte, error) {
	ops, err := broadcast(a, op, b)
	if err != nil {
		return nil, err
	}
	rows := len(ops[0].vals)
	cell := vg.Points(30)
	gap := vg.Points(50)
	var w vg.Length = vg.Points(40)
	for _, o := range ops {
		w += cell*vg.Length(len(o.vals[0])) + gap
	}
	w = max(w, vg.Points(380))
	h := cell*vg.Length(rows) + vg.Points(70)
	cv := newCanvas(w, h)
	p := pen{cv.Canvas}
	p.text(w/2, h-vg.Points(4), 11, color.Black, text.XCenter, text.YTop, title)
	x, y := vg.Points(30), h-vg.Points(30)
	signs := []string{op, "="}
	colours := []color.Color{Blue, Orange, Purple}
	for k, o := range ops {
		bw := o.draw(p, x, y, cell, colours[k])
		x += bw + gap
		if k < len(signs) {
			p.centre(x-gap/2, y-cell*vg.Length(rows)/2, 14, signs[k])
		}
	}
	return cv.PNG()
}

// broadcast returns the three arrays of a op b as numpy broadcasts them: a
// and b stretched to their common shape, and the result.
func broadcast(a Array, op string, b Array) ([]operand, error) {
	if op != "+" && op != "×" {
		return nil, fmt.Errorf("figures: Broadcast with operator %q: use \"+\" or \"×\"", op)
	}
	av, err := a.rows()
	if err != nil {
		return nil, err
	}
	bv, err := b.rows()
	if err != nil {
		return nil, err
	}
	rows, okRows := broadcastSize(len(av), len(bv))
	cols, okCols := broadcastSize(len(av[0]), len(bv[0]))
	if !okRows || !okCols {
		return nil, fmt.Errorf("figures: shapes %s and %s cannot be broadcast together: each pair of sizes must be equal, or one of them 1",
			npfmt.ShapeOf(len(av), len(av[0])), npfmt.ShapeOf(len(bv), len(bv[0])))
	}
	sa, sb := stretched(a.Name, av, rows, cols), stretched(b.Name, bv, rows, cols)
	none := func(r, c int) bool { return false }
	res := mat2(rows, cols, func(r, c int) float64 {
		if op == "×" {
			return sa.vals[r][c] * sb.vals[r][c]
		}
		return sa.vals[r][c] + sb.vals[r][c]
	})
	return []operand{sa, sb, {res, none, "result " + npfmt.ShapeOf(rows, cols)}}, nil
}

// draw draws the operand's cells from (x, y), its top-left corner, copies in
// gray, framed in colour and captioned below, and returns its width.
func (o operand) draw(p pen, x, y, cell vg.Length, frame color.Color) vg.Length {
	rows := len(o.vals)
	for r, row := range o.vals {
		for c, v := range row {
			fill, txt := color.Color(light), color.Color(ink)
			if o.copy(r, c) {
				fill, txt = ghost, ghostInk
			}
			cx, cy := x+cell*vg.Length(c), y-cell*vg.Length(r+1)
			p.rect(cx, cy, cell, cell, fill, color.White, vg.Points(1))
			p.text(cx+cell/2, cy+cell/2, 10, txt, text.XCenter, text.YCenter, fmt.Sprint(v))
		}
	}
	bw := cell * vg.Length(len(o.vals[0]))
	p.rect(x, y-cell*vg.Length(rows), bw, cell*vg.Length(rows), nil, frame, vg.Points(1.5))
	p.text(x+bw/2, y-cell*vg.Length(rows)-vg.Points(6), 9, ink, text.XCenter, text.YTop, o.caption)
	return bw
}

// ShowBroadcast displays Broadcast(title, a, op, b) in the current GoNB cell.
func ShowBroadcast(title string, a Array, op string, b Array) error {
	return report(func() ([]byte, error) { return Broadcast(title, a, op, b) })
}
