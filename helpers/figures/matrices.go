package figures

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
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
	p := pen{cv.c}
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
	return cv.png()
}

// ShowMatMul displays MatMul(m, n, units) in the current GoNB cell.
func ShowMatMul(m, n, units int) error {
	return report(func() ([]byte, error) { return MatMul(m, n, units) })
}

// The broadcasting cases of the binary lab's tutorial, for Broadcast.
const (
	// BroadcastScalarAdd: the (3, 1) column [1 2 3] plus the scalar 5 is
	// [6 7 8]: the 5 is stretched to the column's shape.
	BroadcastScalarAdd = "scalar-add"
	// BroadcastScalarMul: the same column times 5 is [5 10 15].
	BroadcastScalarMul = "scalar-mul"
	// BroadcastColumnRow: the (4, 1) column [1 2 3 4] plus the (1, 3) row
	// [1 2 3] is a (4, 3) matrix: each is stretched along its length-1 side.
	BroadcastColumnRow = "column-row"
	// BroadcastBias: a layer's Z = A_in W, (2, 3), plus its bias b, (1, 3),
	// adds b to every row, as the vectorised dense layer does.
	BroadcastBias = "bias"
)

// BroadcastKinds lists the kinds Broadcast draws, in the tutorial's order.
var BroadcastKinds = []string{BroadcastScalarAdd, BroadcastScalarMul, BroadcastColumnRow, BroadcastBias}

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

// Broadcast draws one broadcasting case of the binary lab's tutorial (kind
// is one of BroadcastKinds): the two operands stretched to a common shape,
// with the stretched copies in gray and the original values in colour, the
// operator, and the result, each captioned with its shape. numpy does this
// implicitly; in Go the copies are the loops (or the row-by-row additions)
// one writes.
func Broadcast(kind string) ([]byte, error) {
	none := func(r, c int) bool { return false }
	var a, b operand
	var op, title string
	col3 := mat2(3, 1, func(r, _ int) float64 { return float64(r + 1) })
	switch kind {
	case BroadcastScalarAdd, BroadcastScalarMul:
		a = operand{col3, none, "a (3, 1)"}
		b = operand{mat2(3, 1, func(_, _ int) float64 { return 5 }), func(r, _ int) bool { return r > 0 }, "5 → (3, 1)"}
		op, title = "+", "a + 5: the scalar is stretched to the shape of a"
		if kind == BroadcastScalarMul {
			op, title = "×", "5 × a: the scalar is stretched to the shape of a"
		}
	case BroadcastColumnRow:
		a = operand{mat2(4, 3, func(r, _ int) float64 { return float64(r + 1) }), func(_, c int) bool { return c > 0 }, "a (4, 1) → (4, 3)"}
		b = operand{mat2(4, 3, func(_, c int) float64 { return float64(c + 1) }), func(r, _ int) bool { return r > 0 }, "b (1, 3) → (4, 3)"}
		op, title = "+", "a + b: a column and a row both stretch to (4, 3)"
	case BroadcastBias:
		z := [][]float64{{70, 80, 90}, {158, 184, 210}}
		a = operand{z, none, "Z = A_in W (2, 3)"}
		b = operand{mat2(2, 3, func(_, c int) float64 { return []float64{3, 5, 6}[c] }), func(r, _ int) bool { return r > 0 }, "b (1, 3) → (2, 3)"}
		op, title = "+", "Z + b: the bias is added to every row"
	default:
		return nil, fmt.Errorf("figures: no broadcasting picture %q: use one of %v", kind, BroadcastKinds)
	}
	res := mat2(len(a.vals), len(a.vals[0]), func(r, c int) float64 {
		if op == "×" {
			return a.vals[r][c] * b.vals[r][c]
		}
		return a.vals[r][c] + b.vals[r][c]
	})
	ops := []operand{a, b, {res, none, fmt.Sprintf("result (%d, %d)", len(res), len(res[0]))}}
	cell := vg.Points(30)
	gap := vg.Points(50)
	var w vg.Length = vg.Points(40)
	for _, o := range ops {
		w += cell*vg.Length(len(o.vals[0])) + gap
	}
	w = max(w, vg.Points(380))
	rows := len(a.vals)
	h := cell*vg.Length(rows) + vg.Points(70)
	cv := newCanvas(w, h)
	p := pen{cv.c}
	p.text(w/2, h-vg.Points(4), 11, color.Black, text.XCenter, text.YTop, title)
	x, y := vg.Points(30), h-vg.Points(30)
	signs := []string{op, "="}
	colours := []color.Color{Blue, Orange, Purple}
	for k, o := range ops {
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
		p.rect(x, y-cell*vg.Length(rows), bw, cell*vg.Length(rows), nil, colours[k], vg.Points(1.5))
		p.text(x+bw/2, y-cell*vg.Length(rows)-vg.Points(6), 9, ink, text.XCenter, text.YTop, o.caption)
		x += bw + gap
		if k < len(signs) {
			p.centre(x-gap/2, y-cell*vg.Length(rows)/2, 14, signs[k])
		}
	}
	return cv.png()
}

// ShowBroadcast displays Broadcast(kind) in the current GoNB cell.
func ShowBroadcast(kind string) error {
	return report(func() ([]byte, error) { return Broadcast(kind) })
}
