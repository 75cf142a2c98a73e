package figures

import (
	"fmt"
	"image/color"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// crosses and rings are the course's two scatter styles: marker 'x' (filled colour) and hollow
// circles (facecolors='none').
func crosses(pts plotter.XYs, col color.Color, size vg.Length, label string) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", label, err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: col, Radius: size, Shape: thickCross{}}
	return s, nil
}

func rings(pts plotter.XYs, col color.Color, size vg.Length, label string) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", label, err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: col, Radius: size, Shape: draw.RingGlyph{}}
	return s, nil
}

func dots(pts plotter.XYs, col color.Color, size vg.Length, label string) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", label, err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: col, Radius: size, Shape: draw.CircleGlyph{}}
	return s, nil
}

// thickCross is matplotlib's 'x' marker, drawn 1.5 points wide.
type thickCross struct{}

func (thickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.5)})
	r := sty.Radius * 0.75
	var p vg.Path
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	c.Stroke(p)
	p = vg.Path{}
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	c.Stroke(p)
}

// split returns the rows of X (its first two columns, or column 0 against 0 when X has one
// column) whose label in y is 1 (pos) and the others (neg).
func split(X mat.Matrix, y []float64) (pos, neg plotter.XYs, err error) {
	r, c := X.Dims()
	if len(y) != r {
		return nil, nil, fmt.Errorf("figures: %d rows of X but %d labels", r, len(y))
	}
	for i := range r {
		pt := plotter.XY{X: X.At(i, 0)}
		if c > 1 {
			pt.Y = X.At(i, 1)
		}
		if y[i] == 1 {
			pos = append(pos, pt)
		} else {
			neg = append(neg, pt)
		}
	}
	return pos, neg, nil
}

// column returns column j of a as a slice.
func column(a mat.Matrix, j int) []float64 {
	r, _ := a.Dims()
	out := make([]float64, r)
	for i := range out {
		out[i] = a.At(i, j)
	}
	return out
}

// line is a plotter.Line through pts in col, width w points.
func line(pts plotter.XYs, col color.Color, w float64) *plotter.Line {
	l, _ := plotter.NewLine(pts)
	l.Color, l.Width = col, vg.Points(w)
	return l
}

// addLegend adds one legend entry per (label, thumbnail) pair.
func addLegend(p *plot.Plot, entries ...any) {
	for i := 0; i+1 < len(entries); i += 2 {
		p.Legend.Add(entries[i].(string), entries[i+1].(plot.Thumbnailer))
	}
}
