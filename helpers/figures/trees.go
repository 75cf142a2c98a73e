package figures

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mlspec-go/nnlab/helpers/dtree"
)

// The decision-tree labs (C2_W4): a node of a tree is a strip of pictures of
// its examples. The course pastes photographs; here each example is drawn
// from its binary features, so a picture shows exactly what the data says.

// Examples are the data a tree figure draws: the binary features of each
// example (rows of X), its label (0 or 1), the features' and classes' names,
// and how to draw one example.
type Examples struct {
	X [][]int
	Y []int
	// Features names the columns of X, as the figures' titles say them.
	Features []string
	// Classes names label 0 and label 1, as the leaves' titles say them.
	Classes [2]string
	// draw draws the example with features row in the box.
	draw func(p pen, box vg.Rectangle, row []int)
}

// Mushrooms are the week-4 assignment's examples: features Brown Cap,
// Tapering Stalk Shape and Solitary, classes Poisonous (0) and Edible (1).
// Each mushroom is drawn with a brown or red cap (red with white spots), a
// stalk that narrows or widens towards the ground, alone or as a cluster of
// three.
func Mushrooms(X [][]int, y []int) Examples {
	return Examples{X: X, Y: y, Features: []string{"Brown Cap", "Tapering Stalk Shape", "Solitary"},
		Classes: [2]string{"Poisonous", "Edible"}, draw: drawMushrooms}
}

// Cats are the week-4 optional lab's examples: features Ear Shape (pointy),
// Face Shape (round) and Whiskers (present), classes Non Cat (0) and Cat (1).
// Each animal is drawn with pointy or floppy ears, a round or a long face,
// with or without whiskers.
func Cats(X [][]int, y []int) Examples {
	return Examples{X: X, Y: y, Features: []string{"Ear Shape", "Face Shape", "Whiskers"},
		Classes: [2]string{"Non Cat", "Cat"}, draw: drawCat}
}

// check reports an error when ex cannot be drawn for indices.
func (ex Examples) check(indices ...[]int) error {
	if ex.draw == nil {
		return errors.New("figures: Examples without pictures: use figures.Mushrooms(X, y) or figures.Cats(X, y)")
	}
	for _, ids := range indices {
		for _, i := range ids {
			if i < 0 || i >= len(ex.X) || len(ex.X[i]) < 3 {
				return fmt.Errorf("figures: no example %d with three features (X has %d rows)", i, len(ex.X))
			}
			if i >= len(ex.Y) {
				return fmt.Errorf("figures: no label for example %d (y has %d values)", i, len(ex.Y))
			}
		}
	}
	return nil
}

// tileAspect is a picture's width over its height (the course's are about 1.2).
const tileAspect = 1.2

// strip draws the examples indices side by side, each tileW wide, centred
// on cx with its top at top. It returns the strip's bottom.
func (ex Examples) strip(p pen, cx, top, tileW vg.Length, indices []int) vg.Length {
	tileH := tileW / tileAspect
	x0 := cx - tileW*vg.Length(len(indices))/2
	for k, i := range indices {
		box := vg.Rectangle{Min: vg.Point{X: x0 + tileW*vg.Length(k), Y: top - tileH}, Max: vg.Point{X: x0 + tileW*vg.Length(k+1), Y: top}}
		p.rect(box.Min.X, box.Min.Y, tileW, tileH, color.White, color.Gray{Y: 0xD0}, vg.Points(0.5))
		ex.draw(p, box, ex.X[i])
	}
	if len(indices) == 0 {
		p.rect(cx-tileW/2, top-tileH, tileW, tileH, nil, color.Gray{Y: 0xD0}, vg.Points(0.5))
	}
	return top - tileH
}

var (
	brownCap = rgb(0x8B, 0x5A, 0x2B)
	redCap   = rgb(0xC8, 0x20, 0x20)
	stalkCol = rgb(0xF2, 0xE8, 0xD0)
	stalkInk = rgb(0x9A, 0x8A, 0x70)
	grass    = rgb(0x6A, 0xA8, 0x4F)
)

// drawMushrooms draws one mushroom (solitary) or a cluster of three.
func drawMushrooms(p pen, box vg.Rectangle, row []int) {
	w, h := box.Max.X-box.Min.X, box.Max.Y-box.Min.Y
	ground := box.Min.Y + h*0.12
	p.line(box.Min.X+w*0.06, ground, box.Max.X-w*0.06, ground, grass, vg.Points(1.5))
	if row[2] == 1 {
		drawMushroom(p, box.Min.X+w/2, ground, h*0.78, row)
		return
	}
	for _, m := range []struct{ x, s float64 }{{0.27, 0.55}, {0.73, 0.6}, {0.5, 0.72}} {
		drawMushroom(p, box.Min.X+w*vg.Length(m.x), ground, h*0.78*vg.Length(m.s), row)
	}
}

// drawMushroom draws a mushroom of height size standing at (x, ground).
func drawMushroom(p pen, x, ground, size vg.Length, row []int) {
	capR := size * 0.42
	stalkH := size - capR*0.9
	wide, narrow := size*0.22, size*0.08
	top, bottom := wide, narrow // tapering: narrower at the ground (as in \/)
	if row[1] == 0 {
		top, bottom = narrow, wide // enlarging: wider at the ground (as in /\)
	}
	stalk := []vg.Point{{X: x - bottom/2, Y: ground}, {X: x + bottom/2, Y: ground}, {X: x + top/2, Y: ground + stalkH}, {X: x - top/2, Y: ground + stalkH}}
	p.c.FillPolygon(stalkCol, stalk)
	p.c.StrokeLines(draw.LineStyle{Color: stalkInk, Width: vg.Points(0.6)}, append(stalk, stalk[0]))
	col := brownCap
	if row[0] == 0 {
		col = redCap
	}
	base := ground + stalkH - capR*0.1
	var cap []vg.Point
	for i := 0; i <= 24; i++ {
		t := math.Pi * float64(i) / 24
		cap = append(cap, vg.Point{X: x + capR*vg.Length(math.Cos(t)), Y: base + capR*0.8*vg.Length(math.Sin(t))})
	}
	p.c.FillPolygon(col, cap)
	if row[0] == 0 { // white spots on a red cap
		for _, s := range [][2]float64{{-0.45, 0.35}, {0.1, 0.6}, {0.5, 0.3}} {
			c := vg.Point{X: x + capR*vg.Length(s[0]), Y: base + capR*0.8*vg.Length(s[1])}
			p.c.FillPolygon(color.White, circle(c, capR*0.12, 12))
		}
	}
}

var (
	fur    = rgb(0xE0, 0x9A, 0x50)
	furInk = rgb(0x70, 0x48, 0x20)
)

// drawCat draws an animal's head: pointy or floppy ears, a round or long
// face, whiskers or none.
func drawCat(p pen, box vg.Rectangle, row []int) {
	w, h := box.Max.X-box.Min.X, box.Max.Y-box.Min.Y
	cx, cy := box.Min.X+w/2, box.Min.Y+h*0.42
	rx, ry := h*0.3, h*0.3
	if row[1] == 0 { // not round: a long face
		rx, ry = h*0.22, h*0.34
	}
	ink := draw.LineStyle{Color: furInk, Width: vg.Points(0.7)}
	if row[0] == 1 { // pointy ears
		for _, s := range []vg.Length{-1, 1} {
			ear := []vg.Point{{X: cx + s*rx*0.2, Y: cy + ry*0.8}, {X: cx + s*rx*0.95, Y: cy + ry*0.45}, {X: cx + s*rx*0.85, Y: cy + ry*1.5}}
			p.c.FillPolygon(fur, ear)
			p.c.StrokeLines(ink, append(ear, ear[0]))
		}
	} else { // floppy ears hanging beside the face
		for _, s := range []vg.Length{-1, 1} {
			var ear []vg.Point
			for i := range 16 {
				t := 2 * math.Pi * float64(i) / 16
				ear = append(ear, vg.Point{X: cx + s*rx*1.0 + rx*0.3*vg.Length(math.Cos(t)), Y: cy + ry*0.2 + ry*0.65*vg.Length(math.Sin(t))})
			}
			p.c.FillPolygon(furInk, ear)
		}
	}
	var face []vg.Point
	for i := range 32 {
		t := 2 * math.Pi * float64(i) / 32
		face = append(face, vg.Point{X: cx + rx*vg.Length(math.Cos(t)), Y: cy + ry*vg.Length(math.Sin(t))})
	}
	p.c.FillPolygon(fur, face)
	p.c.StrokeLines(ink, append(face, face[0]))
	for _, s := range []vg.Length{-1, 1} { // eyes
		p.c.FillPolygon(color.Black, circle(vg.Point{X: cx + s*rx*0.38, Y: cy + ry*0.2}, h*0.035, 10))
	}
	p.c.FillPolygon(color.Black, circle(vg.Point{X: cx, Y: cy - ry*0.15}, h*0.03, 8)) // nose
	if row[2] == 1 {
		for _, s := range []vg.Length{-1, 1} {
			for _, dy := range []vg.Length{-0.12, 0, 0.12} {
				p.line(cx+s*rx*0.3, cy-ry*0.25, cx+s*rx*1.45, cy-ry*0.25+ry*dy*2.5, color.Black, vg.Points(0.5))
			}
		}
	}
}

// titleSize is the size of the figures' titles, matplotlib's default 12 pt.
const titleSize = 12

// Split draws the course's split figure (6 x 4 inches): the examples
// nodeIndices on top, titled "Splitting on <feature>", with arrows to the
// left branch, "Left: <feature> = 1", and the right one,
// "Right: <feature> = 0".
func Split(ex Examples, nodeIndices, leftIndices, rightIndices []int, feature int) ([]byte, error) {
	if err := ex.check(nodeIndices, leftIndices, rightIndices); err != nil {
		return nil, err
	}
	if feature < 0 || feature >= len(ex.Features) {
		return nil, fmt.Errorf("figures: no feature %d (the features are 0 to %d)", feature, len(ex.Features)-1)
	}
	w, h := 6*vg.Inch, 4*vg.Inch
	cv := newCanvas(w, h)
	p := pen{cv.Canvas}
	margin := vg.Points(12)
	gap := vg.Inch * 0.4
	// One tile width for the figure: the parent fits across, and so do the
	// two children side by side with a gap.
	tileW := 0.56 * vg.Inch
	if n := len(nodeIndices); n > 0 {
		tileW = min(tileW, (w-2*margin)/vg.Length(n))
	}
	if n := len(leftIndices) + len(rightIndices); n > 0 {
		tileW = min(tileW, (w-2*margin-gap)/vg.Length(n))
	}
	name := ex.Features[feature]
	title := textStyle(titleSize, color.Black, text.XCenter, text.YBottom)
	topY := h - vg.Points(30)
	parentBottom := ex.strip(p, w/2, topY, tileW, nodeIndices)
	cv.Canvas.FillText(title, vg.Point{X: w / 2, Y: topY + vg.Points(4)}, "Splitting on "+name)
	leftW := tileW * vg.Length(max(1, len(leftIndices)))
	rightW := tileW * vg.Length(max(1, len(rightIndices)))
	// The children under the left and right quarters, moved inwards as far
	// as they must to stay on the figure; when they would then come closer
	// than the gap, side by side around the middle.
	lx := max(w/4, margin+leftW/2)
	rx := min(3*w/4, w-margin-rightW/2)
	if (rx-rightW/2)-(lx+leftW/2) < gap {
		start := (w - (leftW + gap + rightW)) / 2
		lx, rx = start+leftW/2, start+leftW+gap+rightW/2
	}
	childTop := h * 0.45
	for _, c := range []struct {
		x       vg.Length
		indices []int
		label   string
	}{{lx, leftIndices, "Left: " + name + " = 1"}, {rx, rightIndices, "Right: " + name + " = 0"}} {
		ex.strip(p, c.x, childTop, tileW, c.indices)
		cv.Canvas.FillText(title, vg.Point{X: c.x, Y: childTop + vg.Points(4)}, c.label)
		p.bigArrow(w/2, parentBottom-vg.Points(4), c.x, childTop+vg.Points(22))
	}
	return cv.PNG()
}

// bigArrow is the course's edge: a black line of 1 pt with a large filled head.
func (p pen) bigArrow(x0, y0, x1, y1 vg.Length) {
	p.line(x0, y0, x1, y1, color.Black, vg.Points(1))
	dx, dy := float64(x1-x0), float64(y1-y0)
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	const head, half = 14.0, 5.0
	bx, by := float64(x1)-head*ux, float64(y1)-head*uy
	p.c.FillPolygon(color.Black, []vg.Point{
		{X: x1, Y: y1},
		{X: vg.Length(bx - half*uy), Y: vg.Length(by + half*ux)},
		{X: vg.Length(bx + half*uy), Y: vg.Length(by - half*ux)},
	})
}

// ShowSplit displays Split in the GoNB cell.
func ShowSplit(ex Examples, nodeIndices, leftIndices, rightIndices []int, feature int) error {
	return report(func() ([]byte, error) {
		return Split(ex, nodeIndices, leftIndices, rightIndices, feature)
	})
}

// Tree draws the course's tree figure (14 x 10 inches): every node of
// tree as the strip of its examples (0.56 inches a picture), rows 3 inches
// apart, labelled under the strip "Split on: <feature>" or
// "Leaf node: <class>" (the class is the largest label of the leaf's
// examples, as the course takes it). The leaves are evenly spaced in their
// order, an inner node below the root sits straight above its child nearer
// the middle, and the root is centred over its children, as Graphviz lays out
// the course's tree.
func Tree(ex Examples, tree *dtree.Node) ([]byte, error) {
	if tree == nil {
		return nil, errors.New("figures: no tree to draw (nil)")
	}
	leaves, err := treeLeaves(ex, tree)
	if err != nil {
		return nil, err
	}
	w, h := 14*vg.Inch, 10*vg.Inch
	cv := newCanvas(w, h)
	d := treeDrawing{p: pen{cv.Canvas}, ex: ex, xs: placeNodes(tree, leaves, w), h: h}
	d.node(tree)
	return cv.PNG()
}

// treeLeaves checks that tree can be drawn (depth 2 at most, its examples
// and features those of ex, every inner node with two branches) and returns
// its leaves, left to right.
func treeLeaves(ex Examples, tree *dtree.Node) ([]*dtree.Node, error) {
	var leaves []*dtree.Node
	var walk func(n *dtree.Node) error
	walk = func(n *dtree.Node) error {
		if n.Depth > 2 {
			return fmt.Errorf("figures: the tree figure draws trees of depth 2 at most, this one has a node at depth %d", n.Depth)
		}
		if err := ex.check(n.Indices); err != nil {
			return err
		}
		if n.Leaf() {
			leaves = append(leaves, n)
			return nil
		}
		if n.Feature < 0 || n.Feature >= len(ex.Features) {
			return fmt.Errorf("figures: a node splits on feature %d (the features are 0 to %d)", n.Feature, len(ex.Features)-1)
		}
		if n.Left == nil || n.Right == nil {
			return errors.New("figures: an inner node lacks a branch")
		}
		if err := walk(n.Left); err != nil {
			return err
		}
		return walk(n.Right)
	}
	if err := walk(tree); err != nil {
		return nil, err
	}
	return leaves, nil
}

// placeNodes returns the x of every node of tree in a figure w wide: the
// leaves evenly spaced about the middle, an inner node between its children
// or, when both are leaves below the root, above the child nearer the
// middle.
func placeNodes(tree *dtree.Node, leaves []*dtree.Node, w vg.Length) map[*dtree.Node]vg.Length {
	slot := 3 * vg.Inch
	first := w/2 - slot*vg.Length(len(leaves)-1)/2
	xs := map[*dtree.Node]vg.Length{}
	for k, l := range leaves {
		xs[l] = first + slot*vg.Length(k)
	}
	var place func(n *dtree.Node) vg.Length
	place = func(n *dtree.Node) vg.Length {
		if x, ok := xs[n]; ok {
			return x
		}
		lx, rx := place(n.Left), place(n.Right)
		x := (lx + rx) / 2
		if n.Depth > 0 && n.Left.Leaf() && n.Right.Leaf() {
			if math.Abs(float64(lx-w/2)) < math.Abs(float64(rx-w/2)) {
				x = lx
			} else {
				x = rx
			}
		}
		xs[n] = x
		return x
	}
	place(tree)
	return xs
}

// treeDrawing draws the nodes of a tree placed at xs in a figure h high.
type treeDrawing struct {
	p  pen
	ex Examples
	xs map[*dtree.Node]vg.Length
	h  vg.Length
}

func (d treeDrawing) rowY(depth int) vg.Length { return d.h - vg.Inch*(1.4+3*vg.Length(depth)) }

// node draws n as the strip of its examples, labelled with its split or its
// class, and below it, with arrows, its branches.
func (d treeDrawing) node(n *dtree.Node) {
	const tileW = 0.56 * vg.Inch
	x, top := d.xs[n], d.rowY(n.Depth)
	bottom := d.ex.strip(d.p, x, top, tileW, n.Indices)
	stripW := tileW * vg.Length(max(1, len(n.Indices)))
	var s string
	if n.Leaf() {
		s = "Leaf node: " + d.ex.Classes[dtree.Class(d.ex.Y, n.Indices)]
	} else {
		s = "Split on: " + d.ex.Features[n.Feature]
	}
	d.p.c.FillText(textStyle(13, color.Black, text.XLeft, text.YTop), vg.Point{X: x - stripW/2, Y: bottom - vg.Points(6)}, s)
	if n.Leaf() {
		return
	}
	for _, c := range []*dtree.Node{n.Left, n.Right} {
		d.p.bigArrow(x, bottom-vg.Points(32), d.xs[c], d.rowY(c.Depth)+vg.Points(4))
		d.node(c)
	}
}

// ShowTree displays Tree in the GoNB cell.
func ShowTree(ex Examples, tree *dtree.Node) error {
	return report(func() ([]byte, error) { return Tree(ex, tree) })
}

// Entropy draws the optional lab's entropy curve (6 x 4 inches): H(p) for
// 201 values of p in [0, 1], a red dot at (p, H(p)), the course's title
// "p x H(p)", and under it the slider p (0 to 1) standing at p.
func Entropy(p float64) ([]byte, error) {
	if !(p >= 0 && p <= 1) {
		return nil, fmt.Errorf("figures: p = %v is not a probability (0 to 1)", p)
	}
	H := func(p float64) float64 {
		if p == 0 || p == 1 {
			return 0
		}
		return -p*math.Log2(p) - (1-p)*math.Log2(1-p)
	}
	w, h := 6*vg.Inch, 4*vg.Inch
	cv := newCanvas(w, h)
	sliderH := vg.Points(36)
	pl := styled(plot.New())
	pl.Title.Text = "p x H(p)"
	pts := make(plotter.XYs, 201)
	for i := range pts {
		x := float64(i) / 200
		pts[i] = plotter.XY{X: x, Y: H(x)}
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		return nil, fmt.Errorf("figures: entropy curve: %w", err)
	}
	line.Color, line.Width = Blue, vg.Points(1.5)
	dot, err := plotter.NewScatter(plotter.XYs{{X: p, Y: H(p)}})
	if err != nil {
		return nil, fmt.Errorf("figures: entropy dot: %w", err)
	}
	dot.GlyphStyle = draw.GlyphStyle{Color: DarkRed, Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
	pl.Add(line, dot)
	pl.X.Min, pl.X.Max, pl.Y.Min, pl.Y.Max = -0.05, 1.05, -0.05, 1.05
	pl.X.Tick.Marker, pl.Y.Tick.Marker = ticks{5}, ticks{5}
	pl.Draw(draw.Crop(cv.Canvas, vg.Points(4), -vg.Points(8), sliderH, -vg.Points(4)))
	// The slider as it stands.
	y := sliderH / 2
	x0, x1 := w*0.12, w*0.85
	cv.Canvas.FillText(textStyle(8, color.Black, text.XRight, text.YCenter), vg.Point{X: x0 - vg.Points(6), Y: y}, "p")
	cv.Canvas.FillText(textStyle(8, color.Black, text.XLeft, text.YCenter), vg.Point{X: x1 + vg.Points(6), Y: y}, fmt.Sprintf("%.2f", p))
	cv.Canvas.StrokeLine2(draw.LineStyle{Color: gridCol, Width: vg.Points(5)}, x0, y, x1, y)
	xv := x0 + (x1-x0)*vg.Length(p)
	cv.Canvas.StrokeLine2(draw.LineStyle{Color: Blue, Width: vg.Points(5)}, x0, y, xv, y)
	cv.Canvas.FillPolygon(Blue, circle(vg.Point{X: xv, Y: y}, vg.Points(5), 20))
	return cv.PNG()
}

// ShowEntropy displays Entropy(p) in the GoNB cell. The course's figure has a
// live slider; this one is a still picture of it at p (see the optional
// lab's notebook for why).
func ShowEntropy(p float64) error {
	return report(func() ([]byte, error) { return Entropy(p) })
}
