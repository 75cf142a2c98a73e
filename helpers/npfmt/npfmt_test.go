package npfmt

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
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
