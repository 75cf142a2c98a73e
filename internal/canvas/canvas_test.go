package canvas

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

func TestCanvas(t *testing.T) {
	if got := Pixels(3.5*vg.Inch, 100); got != 350 {
		t.Errorf("3.5 inches at 100 dpi = %d pixels, want 350", got)
	}
	c := New(200, 100, 100)
	if got := c.Image.Bounds().Size(); got != image.Pt(200, 100) {
		t.Fatalf("canvas of %v pixels, want 200x100", got)
	}
	if got := c.Image.RGBAAt(5, 5); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("a new canvas is %v, want white", got)
	}
	// One inch of vg length is dpi pixels, measured from the bottom left: a
	// black square of the lower-left half inch is 50 x 50 pixels at the
	// image's bottom left.
	half := vg.Inch / 2
	c.FillPolygon(color.Black, []vg.Point{{X: 0, Y: 0}, {X: half, Y: 0}, {X: half, Y: half}, {X: 0, Y: half}})
	if got := c.Image.RGBAAt(10, 90); got.R != 0 {
		t.Errorf("pixel (10, 90) inside the square is %v, want black", got)
	}
	if got := c.Image.RGBAAt(60, 90); got.R != 255 {
		t.Errorf("pixel (60, 90) right of the square is %v, want white", got)
	}
	// Text in Sans draws ink.
	c.FillText(text.Style{Color: color.Black, Font: Sans(20), Handler: plot.DefaultTextHandler}, vg.Point{X: vg.Inch, Y: vg.Inch / 4}, "Ag")
	ink := 0
	for y := 50; y < 100; y++ {
		for x := 100; x < 200; x++ {
			if c.Image.RGBAAt(x, y).R < 128 {
				ink++
			}
		}
	}
	if ink < 50 {
		t.Errorf("text in DejaVu Sans drew %d dark pixels", ink)
	}
	for name, enc := range map[string]func() ([]byte, error){"PNG": c.PNG, "GrayPNG": c.GrayPNG} {
		b, err := enc()
		if err != nil {
			t.Fatal(err)
		}
		im, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, gray := im.(*image.Gray); gray != (name == "GrayPNG") {
			t.Errorf("%s decodes as %T", name, im)
		}
		if r, _, _, _ := im.At(10, 90).RGBA(); r != 0 {
			t.Errorf("%s lost the square", name)
		}
	}
}
