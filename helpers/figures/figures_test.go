package figures

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/nn"
	"github.com/mlspec-go/nnlab/internal/display"
	"github.com/mlspec-go/nnlab/internal/notebook/notebooktest"
)

func decode(t *testing.T, b []byte, err error) image.Image {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	im, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return im
}

func size(t *testing.T, im image.Image, w, h int) {
	t.Helper()
	if got := im.Bounds().Size(); got != (image.Point{w, h}) {
		t.Errorf("figure is %v pixels, want %dx%d", got, w, h)
	}
}

// near says whether the pixel at (x, y) is within tol of col in every channel.
func near(im image.Image, x, y int, col color.RGBA, tol int) bool {
	r, g, b, _ := im.At(x, y).RGBA()
	d := func(a uint32, b uint8) bool { return math.Abs(float64(int(a>>8)-int(b))) <= float64(tol) }
	return d(r, col.R) && d(g, col.G) && d(b, col.B)
}

// count is the number of pixels of colour col in r.
func count(im image.Image, r image.Rectangle, col color.RGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(im, x, y, col, 12) {
				n++
			}
		}
	}
	return n
}

// dark counts the near-black pixels (text, axes) in r.
func dark(im image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c, _, _, _ := color.GrayModel.Convert(im.At(x, y)).RGBA()
			if c>>8 < 100 {
				n++
			}
		}
	}
	return n
}

func TestActivations(t *testing.T) {
	im := decoded(t)(Activations())
	size(t, im, 600, 200)
	// The overall title, centred in the top band.
	if dark(im, image.Rect(200, 0, 400, 28)) < 100 {
		t.Error("no overall title in the top band")
	}
	if dark(im, image.Rect(0, 0, 150, 28)) > 0 {
		t.Error("the overall title is not centred")
	}
	// A blue curve in each third, and each has a title.
	for k := 0; k < 3; k++ {
		third := image.Rect(k*200, 45, (k+1)*200, 200)
		if n := count(im, third, Blue); n < 300 {
			t.Errorf("plot %d has %d blue pixels, want a thick curve", k+1, n)
		}
		if dark(im, image.Rect(k*200+40, 28, k*200+180, 45)) < 30 {
			t.Errorf("plot %d has no title", k+1)
		}
	}
	// ReLu is flat (on its lowest level) over the left half of its plot and
	// rises on the right: its blue pixels left of the middle lie in one band.
	lo, hi := 200, 0
	for y := 45; y < 200; y++ {
		for x := 420; x < 490; x++ {
			if near(im, x, y, Blue, 12) {
				lo, hi = min(lo, y), max(hi, y)
			}
		}
	}
	if hi-lo > 8 {
		t.Errorf("ReLu's left half spans rows %d..%d, want a flat line", lo, hi)
	}
}

func decoded(t *testing.T) func([]byte, error) image.Image {
	return func(b []byte, err error) image.Image {
		t.Helper()
		return decode(t, b, err)
	}
}

// The rows of the blue line in the left part of a loss plot.
func lossBand(t *testing.T, loss []float64) (int, int) {
	im := decoded(t)(Loss(loss))
	size(t, im, 400, 300)
	lo, hi := 300, -1
	for y := 0; y < 300; y++ {
		for x := 60; x < 250; x++ {
			if near(im, x, y, Blue, 12) {
				lo, hi = min(lo, y), max(hi, y)
			}
		}
	}
	return lo, hi
}

func TestLoss(t *testing.T) {
	flat := func(v float64) []float64 {
		l := make([]float64, 40)
		for i := range l {
			l[i] = v
		}
		return l
	}
	lo1, hi1 := lossBand(t, flat(1))
	lo05, hi05 := lossBand(t, flat(0.5))
	if hi1 < 0 || hi05 < 0 {
		t.Fatal("no loss line drawn")
	}
	if hi1-lo1 > 8 {
		t.Errorf("a constant loss drawn over rows %d..%d, want a flat line", lo1, hi1)
	}
	// y is fixed to [0, 2]: 0.5 lies a quarter of the axis below 1.
	step := float64(lo05 - lo1)
	if step < 40 || step > 80 {
		t.Errorf("loss 1 at row %d, loss 0.5 at row %d: want about a quarter of the axis apart", lo1, lo05)
	}
	// Above 2 is clipped: nothing drawn in the plot area.
	if lo, hi := lossBand(t, flat(3)); hi >= 0 && hi > 30 {
		t.Errorf("a loss of 3 is drawn at rows %d..%d, want it clipped", lo, hi)
	}
	im := decoded(t)(Loss(flat(1)))
	if dark(im, image.Rect(150, 280, 250, 300)) < 20 {
		t.Error("no x label under the plot")
	}
	if dark(im, image.Rect(0, 80, 15, 220)) < 20 {
		t.Error("no y label left of the plot")
	}
	if count(im, image.Rect(60, 40, 380, 260), gridCol) < 300 {
		t.Error("no grid drawn")
	}
	for _, bad := range [][]float64{nil, {1, math.NaN()}, {math.Inf(1)}} {
		if _, err := Loss(bad); err == nil {
			t.Errorf("Loss(%v) gave no error", bad)
		}
	}
	// One epoch is enough to draw.
	if _, err := Loss([]float64{0.7}); err != nil {
		t.Errorf("Loss of one epoch: %v", err)
	}
}

func softmax(z []float64) []float64 {
	out := make([]float64, len(z))
	s := 0.0
	for i, v := range z {
		out[i] = math.Exp(v)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// barLengths measures the four horizontal bars of colour col in x range
// [x0, x1): for each bar, bottom to top, the longest run of its colour.
func barLengths(im image.Image, x0, x1 int, col color.RGBA) []int {
	var lens []int
	inBar := false
	for y := 260; y >= 0; y-- {
		run := 0
		for x := x0; x < x1; x++ {
			if near(im, x, y, col, 12) {
				run++
			}
		}
		switch {
		case run > 0 && !inBar:
			lens = append(lens, run)
			inBar = true
		case run > 0:
			lens[len(lens)-1] = max(lens[len(lens)-1], run)
		default:
			inBar = false
		}
	}
	return lens
}

func TestSoftmax(t *testing.T) {
	im := decoded(t)(Softmax(softmax, SoftmaxStart))
	size(t, im, 800, 400)
	z := barLengths(im, 0, 400, Blue)
	a := barLengths(im, 400, 800, DarkRed)
	if len(z) != 4 || len(a) != 4 {
		t.Fatalf("found %d blue and %d dark red bars, want 4 each", len(z), len(a))
	}
	// z bars as long as 1, 2, 3, 4 on the same scale.
	for j := range z {
		if r := float64(z[j]) / float64(z[0]); math.Abs(r-float64(j+1)) > 0.15*float64(j+1) {
			t.Errorf("z bars %v are not in the ratio 1:2:3:4", z)
			break
		}
	}
	// softmax bars: 0.032, 0.087, 0.237, 0.644 of the axis [0, 1].
	want := softmax(SoftmaxStart)
	for j := range a {
		if r := float64(a[j]) / float64(a[3]); math.Abs(r-want[j]/want[3]) > 0.05 {
			t.Errorf("softmax bars %v, want in the ratio of %v", a, want)
			break
		}
	}
	// z = 4 is 0.4 of the left axis, a3 = 0.644 of the right: compare.
	if r := float64(a[3]) / float64(z[3]); math.Abs(r-0.644/0.4) > 0.12 {
		t.Errorf("a3 bar %d px, z3 bar %d px: ratio %.2f, want %.2f (both axes equally long)", a[3], z[3], r, 0.644/0.4)
	}
	// The titles and the sliders' labels are drawn.
	if dark(im, image.Rect(100, 0, 300, 25)) < 30 || dark(im, image.Rect(500, 0, 700, 25)) < 30 {
		t.Error("a chart title is missing")
	}
	if count(im, image.Rect(40, 270, 360, 400), Blue) < 200 {
		t.Error("no sliders drawn under the left chart")
	}

	// Whatever the learner's f does wrong is an error, not a crash.
	for _, tc := range []struct {
		name string
		f    func([]float64) []float64
		want string
	}{
		{"nil", nil, "needs a function"},
		{"panics", func([]float64) []float64 { panic("not implemented") }, "failed on z = [1 2 3 4]: a panic: not implemented"},
		{"short", func([]float64) []float64 { return []float64{1} }, "returned 1 values for the 4 values"},
		{"NaN", func(z []float64) []float64 { return []float64{math.NaN(), 0, 0, 0} }, "a[0] = NaN"},
	} {
		_, err := Softmax(tc.f, SoftmaxStart)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := Softmax(softmax, []float64{1, 2, 3}); err == nil {
		t.Error("3 values of z gave no error")
	}
	if _, err := Softmax(softmax, []float64{1, 2, 3, 11}); err == nil || !strings.Contains(err.Error(), "z3 = 11") {
		t.Errorf("z3 = 11: %v", err)
	}
	// f may modify its argument: the figure's z stays as given.
	zz := []float64{1, 2, 3, 4}
	if _, err := Softmax(func(z []float64) []float64 { z[0] = 99; return softmax(z) }, zz); err != nil || zz[0] != 1 {
		t.Errorf("f changing its input changed z: %v, %v", zz, err)
	}
}

func TestModel(t *testing.T) {
	m := nn.Sequential("my_model", nn.Input(400), nn.Dense(25, nn.ReLU), nn.Dense(15, nn.ReLU), nn.Dense(10, nn.Linear))
	if m.Err() != nil {
		t.Fatal(m.Err())
	}
	im := decoded(t)(Model(m))
	b := im.Bounds()
	if b.Dx() < 500 || b.Dy() < 250 {
		t.Errorf("model diagram is %v, too small", b.Size())
	}
	// One more layer, a wider picture.
	m2 := nn.Sequential("m2", nn.Input(4), nn.Dense(3, nn.Sigmoid), nn.Dense(3, nn.Sigmoid), nn.Dense(2, nn.ReLU), nn.Dense(1, nn.Sigmoid))
	im2 := decoded(t)(Model(m2))
	if im2.Bounds().Dx() <= b.Dx() {
		t.Errorf("4 layers drawn %d px wide, 3 layers %d: want wider", im2.Bounds().Dx(), b.Dx())
	}
	// Units are blue discs inside every layer's box.
	if n := count(im, b, Blue); n < 200 {
		t.Errorf("%d blue pixels: no units drawn", n)
	}
	if dark(im, image.Rect(b.Dx()/3, 0, 2*b.Dx()/3, 20)) < 30 {
		t.Error("no title")
	}
	bad := nn.Sequential("bad", nn.Input(4), nn.Dense(3, nn.Activation(9)))
	if _, err := Model(bad); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("Model of an invalid model: %v", err)
	}
	if _, err := Model(nil); err == nil {
		t.Error("Model(nil) gave no error")
	}
	if _, err := ModelDiagram(0, []ModelLayer{{Units: 1}}); err == nil {
		t.Error("0 inputs gave no error")
	}
	if _, err := ModelDiagram(3, []ModelLayer{{Units: 0}}); err == nil {
		t.Error("0 units gave no error")
	}
}

func TestDenseLayerAndMatMul(t *testing.T) {
	for _, sz := range [][2]int{{2, 3}, {400, 25}, {1, 1}} {
		im := decoded(t)(DenseLayer(sz[0], sz[1]))
		size(t, im, 653, 361)
		if count(im, im.Bounds(), light) < 300 {
			t.Errorf("DenseLayer%v draws no unit", sz)
		}
		if dark(im, image.Rect(150, 0, 500, 20)) < 30 {
			t.Errorf("DenseLayer%v has no title", sz)
		}
	}
	if _, err := DenseLayer(0, 3); err == nil {
		t.Error("DenseLayer(0, 3) gave no error")
	}
	im := decoded(t)(MatMul(4, 2, 3))
	// The highlighted row of the inputs (blue), column of W (orange) and the
	// entry of the product (magenta) are all drawn, in both products.
	for _, c := range []color.RGBA{Blue, Orange, Magenta} {
		b := im.Bounds()
		top := count(im, image.Rect(0, 0, b.Dx(), b.Dy()/2), c)
		bottom := count(im, image.Rect(0, b.Dy()/2, b.Dx(), b.Dy()), c)
		if top < 30 || bottom < 30 {
			t.Errorf("colour %v: %d pixels in the top product, %d in the bottom, want both", c, top, bottom)
		}
	}
	big := decoded(t)(MatMul(1000, 400, 25))
	if big.Bounds().Dx() > 1200 || big.Bounds().Dy() > 700 {
		t.Errorf("MatMul(1000, 400, 25) is %v: large sizes must stay a readable picture", big.Bounds().Size())
	}
	if _, err := MatMul(1, 0, 1); err == nil {
		t.Error("MatMul with n = 0 gave no error")
	}
}

// The binary lab's four broadcasting pictures (C2_W1 cells locked_broadcast_*), drawn
// from the arrays the cells hold. testdata/broadcast-*.png are these pictures as the
// notebook showed them before Broadcast took its arrays (drawn then from constants).
var broadcastCases = []struct {
	name, title string
	a           Array
	op          string
	b           Array
}{
	{"scalar-add", "a + 5: the scalar is stretched to the shape of a",
		Array{"a", [][]int{{1}, {2}, {3}}}, "+", Array{"5", [][]int{{5}}}},
	{"scalar-mul", "5 × a: the scalar is stretched to the shape of a",
		Array{"a", [][]int{{1}, {2}, {3}}}, "×", Array{"5", [][]int{{5}}}},
	{"column-row", "a + b: a column and a row both stretch to (4, 3)",
		Array{"a", [][]int{{1}, {2}, {3}, {4}}}, "+", Array{"b", [][]int{{1, 2, 3}}}},
	{"bias", "Z + b: the bias is added to every row",
		Array{"Z = A_in W", mat.NewDense(2, 3, []float64{70, 80, 90, 158, 184, 210})}, "+",
		Array{"b", mat.NewVecDense(3, []float64{3, 5, 6}).T()}},
}

func TestBroadcast(t *testing.T) {
	for _, c := range broadcastCases {
		got, err := Broadcast(c.title, c.a, c.op, c.b)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, err := os.ReadFile(filepath.Join("testdata", "broadcast-"+c.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the picture differs from testdata/broadcast-%s.png", c.name, c.name)
			_ = os.WriteFile(filepath.Join(t.TempDir(), c.name+".png"), got, 0o644)
		}
	}
	for _, bad := range []struct {
		a, b Array
		op   string
		want string
	}{
		{Array{"a", [][]int{{1}, {2}, {3}, {4}}}, Array{"b", [][]int{{1}, {2}, {3}}}, "+", "shapes (4, 1) and (3, 1) cannot be broadcast together"},
		{Array{"a", [][]int{{1}}}, Array{"b", [][]int{{1}}}, "-", `operator "-"`},
		{Array{"a", [][]int{}}, Array{"b", [][]int{{1}}}, "+", "the array is empty"},
		{Array{"a", [][]int{{1, 2}, {3}}}, Array{"b", [][]int{{1}}}, "+", "row 1 has 1 values"},
		{Array{"a", []int{1}}, Array{"b", [][]int{{1}}}, "+", "got []int"},
	} {
		if _, err := Broadcast("t", bad.a, bad.op, bad.b); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Broadcast(%v %s %v): %v, want an error with %q", bad.a.Values, bad.op, bad.b.Values, err, bad.want)
		}
	}
}

// Outside GoNB every Show function draws, displays nothing, prints and
// returns ErrNotNotebook; a bad argument is printed and returned instead.
func TestShowOutsideNotebook(t *testing.T) {
	if display.CanDisplay() {
		t.Skip("running under GoNB")
	}
	msg := notebooktest.Capture(t, &stderr)
	m := nn.Sequential("m", nn.Input(4), nn.Dense(2, nn.ReLU))
	for name, show := range map[string]func() error{
		"ShowActivations": ShowActivations,
		"ShowLoss":        func() error { return ShowLoss([]float64{1, 0.5}) },
		"ShowSoftmax":     func() error { return ShowSoftmax(softmax) },
		"ShowModel":       func() error { return ShowModel(m) },
		"ShowDenseLayer":  func() error { return ShowDenseLayer(2, 3) },
		"ShowMatMul":      func() error { return ShowMatMul(4, 2, 3) },
		"ShowBroadcast": func() error {
			c := broadcastCases[3]
			return ShowBroadcast(c.title, c.a, c.op, c.b)
		},
	} {
		msg.Reset()
		if err := show(); err != ErrNotNotebook {
			t.Errorf("%s: %v, want ErrNotNotebook", name, err)
		}
		if !strings.Contains(msg.String(), "not running in a GoNB notebook") {
			t.Errorf("%s printed %q", name, msg.String())
		}
	}
	msg.Reset()
	if err := ShowSoftmax(func([]float64) []float64 { panic("TODO") }); err == nil || !strings.Contains(msg.String(), "a panic: TODO") {
		t.Errorf("ShowSoftmax of a panicking f: %v, printed %q", err, msg.String())
	}
	msg.Reset()
	if err := ShowLoss(nil); err == nil || !strings.Contains(msg.String(), "empty history") {
		t.Errorf("ShowLoss(nil): %v, printed %q", err, msg.String())
	}
}
