// Package canvas is where every picture of the labs gets its font, its canvas
// and its PNG: DejaVu Sans (matplotlib's font, embedded, so a figure looks the
// same on every machine and offline), a white gonum/plot vg canvas over an
// RGBA image of a given size in pixels, and the encoding of that image as PNG.
// Packages figures and digitplot draw on it; it holds no picture of its own.
//
// Drawing is pure Go (gonum/plot's vgimg on gg, fonts rasterised by
// x/image), so one program draws the same bytes every time: the golden tests
// of figures and digitplot (see canvastest) rely on it.
package canvas

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"sync"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Typeface is the typeface of every text: DejaVu, variant Sans.
const Typeface = "DejaVu"

// registerSans adds the embedded DejaVu Sans to gonum/plot's font cache,
// once: parsing the face costs milliseconds that every notebook cell that
// draws would pay again.
var registerSans = sync.OnceFunc(func() {
	face, err := opentype.Parse(dejavusans.TTF)
	if err != nil {
		panic(fmt.Sprintf("canvas: the embedded DejaVu Sans does not parse: %v", err))
	}
	font.DefaultCache.Add(font.Collection{{Font: font.Font{Typeface: Typeface, Variant: "Sans"}, Face: face}})
})

// Sans is DejaVu Sans at size points, the font of every text.
func Sans(size vg.Length) font.Font {
	registerSans()
	return font.Font{Typeface: Typeface, Variant: "Sans", Size: size}
}

// Canvas is a picture being drawn: a vg canvas (lengths in points from the
// bottom-left corner) over Image, its pixels, which may also be drawn on
// directly (from the top-left corner, as package image counts).
type Canvas struct {
	draw.Canvas
	Image *image.RGBA
}

// New returns a white canvas of width x height pixels at dpi dots per inch:
// one inch of vg length is dpi pixels.
func New(width, height, dpi int) *Canvas {
	rgba := image.NewRGBA(image.Rect(0, 0, width, height))
	xdraw.Draw(rgba, rgba.Bounds(), image.White, image.Point{}, xdraw.Src)
	ctx := gg.NewContextForRGBA(rgba)
	ctx.InvertY()
	vc := vgimg.NewWith(vgimg.UseImageWithContext(rgba, ctx), vgimg.UseDPI(dpi))
	return &Canvas{Canvas: draw.New(vc), Image: rgba}
}

// Pixels is the number of pixels l spans at dpi dots per inch, rounded.
func Pixels(l vg.Length, dpi int) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }

// PNG encodes the picture, at PNG's best compression.
func (c *Canvas) PNG() ([]byte, error) { return encode(c.Image) }

// GrayPNG encodes the picture as 8-bit gray: for a picture drawn in grays
// only it loses nothing, in a fraction of the bytes of PNG.
func (c *Canvas) GrayPNG() ([]byte, error) {
	gray := image.NewGray(c.Image.Bounds())
	xdraw.Draw(gray, gray.Bounds(), c.Image, c.Image.Bounds().Min, xdraw.Src)
	return encode(gray)
}

func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}
