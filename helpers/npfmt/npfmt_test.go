package npfmt

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

func TestShapes(t *testing.T) {
	if got := Shape(mat.NewDense(1000, 400, nil)); got != "(1000, 400)" {
		t.Errorf("Shape = %q, want (1000, 400)", got)
	}
	if got := Shape(mat.NewDense(3, 1, nil).T()); got != "(1, 3)" {
		t.Errorf("Shape of a transpose = %q, want (1, 3)", got)
	}
	if got := VecShape(mat.NewVecDense(25, nil)); got != "(25,)" {
		t.Errorf("VecShape = %q, want (25,)", got)
	}
}

func TestSprintVectorIsOneDimensional(t *testing.T) {
	v := mat.NewVecDense(3, []float64{6, 7, 8})
	if got, want := Sprint(v), "[6. 7. 8.]"; got != want {
		t.Errorf("VecDense: got %q, want %q", got, want)
	}
	// The same numbers as a 3x1 matrix print as a column.
	if got, want := Sprint(mat.NewDense(3, 1, []float64{6, 7, 8})), "[[6.]\n [7.]\n [8.]]"; got != want {
		t.Errorf("Dense: got %q, want %q", got, want)
	}
	// A row view of a matrix is a vector too.
	m := mat.NewDense(2, 2, []float64{0.5, 1, -2, 3})
	if got, want := Sprint(m.RowView(1)), "[-2.  3.]"; got != want {
		t.Errorf("RowView: got %q, want %q", got, want)
	}
}

func TestSprintOtherValues(t *testing.T) {
	for _, tc := range []struct {
		x    any
		want string
	}{
		{"text", "text"},
		{42, "42"},
		{uint8(1), "1"},
		{[]uint8{0, 1}, "[0 1]"},
		{[][]int{{1, -20}, {300, 4}}, "[[  1 -20]\n [300   4]]"},
		{[]int{}, "[]"},
		{[][]float64{}, "[]"},
	} {
		if got := Sprint(tc.x); got != tc.want {
			t.Errorf("Sprint(%#v) = %q, want %q", tc.x, got, tc.want)
		}
	}
	if got := Sprint([][]float64{{1, 2}, {3}}); !strings.HasPrefix(got, "%!npfmt(ragged rows") {
		t.Errorf("ragged rows: got %q, want an %%!npfmt(ragged rows ...) marker", got)
	}
}

func TestSprintln(t *testing.T) {
	p := mat.NewDense(1, 1, []float64{0.981372833251953125})
	got := Sprintln("predicting a one: ", p)
	if want := "predicting a one:  [[0.98137283]]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = Sprintln("L1 params = ", 10025, ", L2 params = ", 390)
	if want := "L1 params =  10025 , L2 params =  390\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Sprintln(); got != "\n" {
		t.Errorf("Sprintln() = %q, want a lone newline", got)
	}
}

// The wrapped lines of a long vector never exceed numpy's 75 characters and
// continue with a one-space indent.
func TestLongVectorWraps(t *testing.T) {
	x := make([]float64, 400)
	for i := range x {
		x[i] = math.Sin(float64(i))
	}
	x[3] = 1e-17
	lines := strings.Split(Sprint(x), "\n")
	if len(lines) != 100 {
		t.Fatalf("got %d lines, want 100 (four 15-character numbers per line)", len(lines))
	}
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d characters: %q", i, len(l), l)
		}
		if i > 0 && !strings.HasPrefix(l, " ") {
			t.Errorf("line %d lacks the hanging indent: %q", i, l)
		}
	}
	if !strings.HasPrefix(lines[0], "[ 0.00000000e+00  8.41470985e-01") {
		t.Errorf("first line %q: want scientific notation", lines[0])
	}
}

func BenchmarkSprintRow400(b *testing.B) {
	x := mat.NewDense(1, 400, nil)
	for j := 0; j < 400; j++ {
		x.Set(0, j, float64(j)/401-0.1)
	}
	for b.Loop() {
		_ = Sprint(x)
	}
}

func TestOptionsZeroIsDefault(t *testing.T) {
	x := mat.NewDense(2, 2, []float64{1.0 / 3, -2, 1e-5, 7})
	for _, o := range []Options{{}, {Precision: 8}, {Precision: -1}} {
		if got, want := o.Sprint(x), Sprint(x); got != want {
			t.Errorf("%+v.Sprint = %q, want Sprint's %q", o, got, want)
		}
		if got, want := o.Sprintln("x", x, 0.5), Sprintln("x", x, 0.5); got != want {
			t.Errorf("%+v.Sprintln = %q, want Sprintln's %q", o, got, want)
		}
	}
	// Scalars ignore the precision, as numpy's do.
	if got := (Options{Precision: 2}).Sprint(1.0 / 3); got != "0.3333333333333333" {
		t.Errorf("scalar at precision 2 = %q, want Python's 0.3333333333333333", got)
	}
}

func TestFloat32Marker(t *testing.T) {
	v := float64(float32(0.980979))
	for _, tc := range []struct {
		x    any
		want string
	}{
		{Float32(mat.NewDense(1, 1, []float64{v})), "[[0.980979]]"},
		{Float32(mat.NewVecDense(2, []float64{v, 0.5})), "[0.980979 0.5     ]"},
		{Float32(mat.NewDense(2, 1, []float64{v, 0.5}).ColView(0)), "[0.980979 0.5     ]"},
		{Float32([]float64{v}), "[0.980979]"},
		{Float32([][]float64{{v}, {1}}), "[[0.980979]\n [1.      ]]"},
		{Float32(0.1), "0.1"},                          // a float32 scalar
		{Float32([]float32{0.1, 0.25}), "[0.1  0.25]"}, // float32 stays float32
		{Float32(Float32([]float64{v})), "[0.980979]"},
		// Values that are not float32 yet are rounded to float32 first.
		{Float32([]float64{0.98097903}), "[0.980979]"},
		{Float32([]float64{1.0 / 3}), "[0.33333334]"},
	} {
		if got := Sprint(tc.x); got != tc.want {
			t.Errorf("Sprint(%#v) = %q, want %q", tc.x, got, tc.want)
		}
	}
	// fmt's own prints show the marked value as numpy would.
	if got := fmt.Sprint(Float32([]float64{v})); got != "[0.980979]" {
		t.Errorf("fmt.Sprint of Float32 = %q, want [0.980979]", got)
	}
	// Float32 copies: later changes to the matrix do not show.
	m := mat.NewDense(1, 1, []float64{0.5})
	marked := Float32(m)
	m.Set(0, 0, 2)
	if got := Sprint(marked); got != "[[0.5]]" {
		t.Errorf("after changing the matrix: %q, want [[0.5]]", got)
	}
}

// A value Float32 cannot print is the caller's mistake: outside a notebook cell it panics with a
// message naming it (in a cell, notebook.Fail ends the cell with that message alone).
func TestFloat32Refuses(t *testing.T) {
	t.Setenv(notebook.TempDirEnv, "")
	for _, tc := range []struct {
		x    any
		want string
	}{
		{"text", "npfmt.Float32 cannot print a value of type string"},
		{42, "npfmt.Float32 cannot print a value of type int"},
		{[]int{1}, "npfmt.Float32 cannot print a value of type []int"},
		{[][]float64{{1, 2}, {3}}, "npfmt.Float32: ragged rows: row 0 has 2 elements, row 1 has 1"},
		{[][]float32{{1}, {2, 3}}, "npfmt.Float32: ragged rows: row 0 has 1 elements, row 1 has 2"},
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, tc.want) {
					t.Errorf("Float32(%#v) panicked with %q, want %q...", tc.x, r, tc.want)
				}
			}()
			Float32(tc.x)
		}()
	}
}
