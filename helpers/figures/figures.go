// Package figures draws the course's pictures that are not digit grids, the
// Go counterparts of the labs' matplotlib figures and lecture diagrams:
//
//   - the multiclass lab (C2_W2): the activation trio (Activations), the loss
//     history (Loss) and the softmax bars (Softmax);
//   - the binary lab (C2_W1): a diagram of a model drawn from the nn model
//     itself (Model), a dense layer's units (DenseLayer), the vector-matrix and
//     matrix-matrix products with their shapes (MatMul) and the broadcasting
//     cases (Broadcast);
//   - the decision-tree labs (C2_W4): a node split in two (Split), a
//     tree of depth 2 (Tree), each node a strip of its examples drawn
//     from their features (Mushrooms, Cats), and the entropy curve (Entropy).
//
// Each picture has a pure function returning PNG bytes, for tests and
// programs, and a Show function that displays it in the output of a GoNB
// notebook cell. A Show function never panics: an error (bad arguments, a
// learner's function that fails, or ErrNotNotebook outside GoNB) is printed
// to standard error and returned, so a cell can call it bare:
//
//	figures.ShowActivations()
//
// # Names
//
// A picture is named for what it shows, and the package name says that it is
// a picture: figures.Softmax(f, z) is the softmax figure, as plotter.Line is
// a line plotter and color.Gray a colour, and figures.ShowSoftmax displays
// it. figures.SoftmaxFigure would say "figure" twice; a name such as
// nn.Softmax, which computes, is never read without its package either. So
// every pure function here returns a picture as PNG bytes and no function
// computes what it is named after: the softmax figure takes the learner's
// softmax as an argument.
//
// Everything is drawn with gonum/plot on the canvas of internal/canvas
// (shared with package digitplot), in the course's style: DejaVu Sans (matplotlib's font), the colours of the
// course's style sheet, no tick marks, a light gray grid. Figures are PNG, so
// they are kept in the notebook and in its exported HTML page.
package figures

import (
	"errors"
	"image/color"
	"io"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/mlspec-go/nnlab/internal/canvas"
	"github.com/mlspec-go/nnlab/internal/display"
)

// DPI is the resolution of every figure: a figure of w x h inches is
// 100w x 100h pixels, as JupyterLab's interactive matplotlib canvas draws it.
const DPI = 100

// ErrNotNotebook is returned by the Show functions when the program does not
// run under a GoNB kernel, so there is nowhere to display the figure.
var ErrNotNotebook = errors.New("figures: not running in a GoNB notebook, figure not displayed")

// stderr receives the Show functions' error messages (GoNB shows it in the cell).
var stderr io.Writer = os.Stderr

// The colours of the course's style sheet.
var (
	Blue    = rgb(0x00, 0x96, 0xFF) // #0096FF
	Orange  = rgb(0xFF, 0x93, 0x00) // #FF9300
	Magenta = rgb(0xFF, 0x40, 0xFF) // #FF40FF
	Purple  = rgb(0x70, 0x30, 0xA0) // #7030A0
	DarkRed = rgb(0xC0, 0x00, 0x00) // #C00000
	gridCol = rgb(0xCB, 0xCB, 0xCB) // #cbcbcb
)

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 255} }

// textStyle is a DejaVu Sans style of the given size, colour and alignment.
func textStyle(size vg.Length, col color.Color, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{Color: col, Font: canvas.Sans(size), XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler}
}

// newCanvas is a white figure of w x h inches (DPI pixels per inch) to draw on.
func newCanvas(w, h vg.Length) *canvas.Canvas {
	return canvas.New(canvas.Pixels(w, DPI), canvas.Pixels(h, DPI), DPI)
}

// styled gives a gonum plot the course's look: DejaVu Sans at 8 points,
// larger titles, no tick marks, light axes.
func styled(p *plot.Plot) *plot.Plot {
	p.Title.TextStyle.Font = canvas.Sans(10)
	p.Title.Padding = vg.Points(4)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = canvas.Sans(8)
		a.Tick.Label.Font = canvas.Sans(8)
		a.Tick.Length = 0
		a.Tick.LineStyle.Width = 0
		a.LineStyle.Width = vg.Points(0.8)
		a.Padding = vg.Points(2)
	}
	p.Legend.TextStyle.Font = canvas.Sans(8)
	return p
}

// report renders with render, displays the PNG in the GoNB cell and prints
// any error; a panic while drawing (in a learner's function, say) is an error
// (see display.Show).
func report(render func() ([]byte, error)) error {
	return display.Show(stderr, "figures", ErrNotNotebook, render)
}
