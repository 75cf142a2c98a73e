package autils

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/mlspec-go/nnlab/autils/internal/mnistgen"
	"github.com/mlspec-go/nnlab/helpers/npfmt"
)

// pixel returns the pixel at row r, column c of the upright picture of
// example i: rows of X are column-major unrolled.
func pixel(X *mat.Dense, i, r, c int) float64 { return X.At(i, c*ImageSide+r) }

// meanImage returns the mean upright picture of rows from..to-1 of X,
// indexed [r][c].
func meanImage(X *mat.Dense, from, to int) [ImageSide][ImageSide]float64 {
	var m [ImageSide][ImageSide]float64
	for i := from; i < to; i++ {
		for r := 0; r < ImageSide; r++ {
			for c := 0; c < ImageSide; c++ {
				m[r][c] += pixel(X, i, r, c) / float64(to-from)
			}
		}
	}
	return m
}

func readBuiltin(t testing.TB, multiclass bool) (X, y *mat.Dense) {
	t.Helper()
	// An empty directory has no data/ folder: the built-in set is used.
	read := ReadData
	if multiclass {
		read = ReadDataMulticlass
	}
	X, y, err := read(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return X, y
}

func TestBuiltinShapesAndLabels(t *testing.T) {
	for _, tc := range []struct {
		name       string
		multiclass bool
		rows       int
	}{
		{"binary", false, BinaryExamples},
		{"multiclass", true, MulticlassExamples},
	} {
		t.Run(tc.name, func(t *testing.T) {
			X, y := readBuiltin(t, tc.multiclass)
			if r, c := X.Dims(); r != tc.rows || c != 400 {
				t.Errorf("X is %dx%d, want %dx400", r, c, tc.rows)
			}
			if r, c := y.Dims(); r != tc.rows || c != 1 {
				t.Errorf("y is %dx%d, want %dx1", r, c, tc.rows)
			}
			for i := 0; i < tc.rows; i++ {
				if got, want := y.At(i, 0), float64(i/500); got != want {
					t.Fatalf("y[%d] = %v, want %v (blocks of 500 per digit)", i, got, want)
				}
			}
		})
	}
	// The binary set is the first 1000 rows of the ten-digit set.
	Xb, _ := readBuiltin(t, false)
	Xm, _ := readBuiltin(t, true)
	if !mat.Equal(Xb, Xm.Slice(0, BinaryExamples, 0, NumPixels)) {
		t.Error("the binary set differs from the first 1000 rows of the multiclass set")
	}
}

func TestBuiltinValueRange(t *testing.T) {
	X, _ := readBuiltin(t, true)
	lo, hi := mat.Min(X), mat.Max(X)
	// Resampling leaves small negative values and values a bit above 1.
	if lo >= 0 || lo < -0.3 {
		t.Errorf("min pixel %v, want a small negative value in [-0.3, 0)", lo)
	}
	if hi <= 1 || hi > 1.2 {
		t.Errorf("max pixel %v, want slightly above 1, at most 1.2", hi)
	}
	n, _ := X.Dims()
	for i := 0; i < n; i++ {
		row := X.RawRowView(i)
		if m := floatsMax(row); m < 0.7 {
			t.Errorf("example %d: brightest pixel %v, want a stroke of about 1", i, m)
		}
		// Background is exactly 0 in the corners, and the digit fills the
		// frame: some ink near every edge's middle band is not required,
		// but the corners hold no ink.
		for _, rc := range [][2]int{{0, 0}, {0, 19}, {19, 0}, {19, 19}} {
			if v := pixel(X, i, rc[0], rc[1]); math.Abs(v) > 0.25 {
				t.Errorf("example %d: corner pixel %v = %v, want background", i, rc, v)
			}
		}
	}
	// Most of the picture is background, and most background is exactly 0.
	zeros := 0
	for _, v := range X.RawMatrix().Data {
		if v == 0 {
			zeros++
		}
	}
	if frac := float64(zeros) / float64(n*NumPixels); frac < 0.3 || frac > 0.8 {
		t.Errorf("%.2f of the pixels are exactly 0, want between 0.3 and 0.8", frac)
	}
}

func floatsMax(s []float64) float64 {
	m := math.Inf(-1)
	for _, v := range s {
		m = max(m, v)
	}
	return m
}

// TestBuiltinOrientation checks that rows are column-major unrolled like the
// course's: read that way, the mean "1" is a vertical stroke and the mean
// "7" has its bar at the top.
func TestBuiltinOrientation(t *testing.T) {
	X, _ := readBuiltin(t, true)

	one := meanImage(X, 500, 1000)
	var colProfile, rowProfile [ImageSide]float64 // ink per column, per row
	for r := 0; r < ImageSide; r++ {
		for c := 0; c < ImageSide; c++ {
			colProfile[c] += one[r][c]
			rowProfile[r] += one[r][c]
		}
	}
	vc := stat.Variance(colProfile[:], nil)
	vr := stat.Variance(rowProfile[:], nil)
	if vc < 4*vr {
		t.Errorf("mean 1: variance of the column profile %.3g is not well above that of the row profile %.3g: not a vertical stroke", vc, vr)
	}

	seven := meanImage(X, 3500, 4000)
	var top, bottom float64
	for r := 0; r < 5; r++ {
		for c := 0; c < ImageSide; c++ {
			top += seven[r][c]
			bottom += seven[ImageSide-1-r][c]
		}
	}
	if top < 1.5*bottom {
		t.Errorf("mean 7: ink in the top 5 rows %.3g, bottom 5 rows %.3g: want the bar at the top", top, bottom)
	}
}

func TestBuiltinDeterministic(t *testing.T) {
	X1, y1 := readBuiltin(t, false)
	X2, y2 := readBuiltin(t, false)
	if !mat.Equal(X1, X2) || !mat.Equal(y1, y2) {
		t.Fatal("two loads differ")
	}
	// Each load returns fresh matrices.
	X1.Set(0, 0, 42)
	if X2.At(0, 0) == 42 {
		t.Error("two loads share memory")
	}
	X3, _ := readBuiltin(t, false)
	if X3.At(0, 0) == 42 {
		t.Error("modifying a loaded matrix changed the built-in data")
	}
}

// TestGeneratedFileUpToDate proves that the generator reproduces the
// committed digits.bin byte for byte from the GoMNIST module.
func TestGeneratedFileUpToDate(t *testing.T) {
	modDir, err := mnistgen.ModuleDir()
	if err != nil {
		t.Fatal(err)
	}
	got, err := mnistgen.Generate(modDir)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("digits.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Fatalf("the generator writes %d bytes that differ from the committed digits.bin (%d bytes); run `go generate ./autils`", len(got), len(committed))
	}
	if !bytes.Equal(committed, digitsBin) {
		t.Fatal("the embedded digits differ from digits.bin on disk")
	}
}

// TestGoGenerate runs the command of the go:generate directive into a
// temporary directory and compares its output with the committed file.
func TestGoGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	src, err := os.ReadFile("doc_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	const directive = "//go:generate go run ./internal/gen -o digits.bin\n"
	if !bytes.Contains(src, []byte(directive)) {
		t.Fatalf("doc_gen.go lacks %q; update this test with the directive", directive)
	}
	out := filepath.Join(t.TempDir(), "digits.bin")
	cmd := exec.Command("go", "run", "./internal/gen", "-o", out)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./internal/gen: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, digitsBin) {
		t.Fatal("go run ./internal/gen does not reproduce digits.bin; run `go generate ./autils`")
	}
}

func BenchmarkLoadData(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, _, err := ReadData(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDataMulticlass(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, _, err := ReadDataMulticlass(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBuiltinPrintsLikeCourse checks that the built-in digits keep what makes
// the course's images print as they do: around every stroke, resampling
// leaves tiny non-zero values (the course's X[0] has 13 below 1e-4, down to
// 6e-18), so numpy prints X[0] in scientific notation, four values a line
// (100 lines) at the default precision and seven a line (58 lines) at the
// multiclass lab's precision 2.
func TestBuiltinPrintsLikeCourse(t *testing.T) {
	X, _ := readBuiltin(t, true)
	n, _ := X.Dims()
	tinyRows := 0
	for i := 0; i < n; i++ {
		tiny := 0
		for _, v := range X.RawRowView(i) {
			if v != 0 && math.Abs(v) < 1e-4 {
				tiny++
			}
		}
		if tiny > 0 {
			tinyRows++
		}
	}
	if tinyRows < n*99/100 {
		t.Errorf("%d of %d images have non-zero values below 1e-4, want nearly all (the course's fringe of tiny values)", tinyRows, n)
	}
	x0 := X.RawRowView(0)
	for _, tc := range []struct {
		o     npfmt.Options
		lines int
		first string
	}{
		{npfmt.Options{}, 100, "[ 0.00000000e+00  0.00000000e+00  0.00000000e+00  0.00000000e+00"},
		{npfmt.Options{Precision: 2}, 58, "[ 0.00e+00  0.00e+00  0.00e+00  0.00e+00  0.00e+00  0.00e+00  0.00e+00"},
	} {
		lines := strings.Split(tc.o.Sprint(x0), "\n")
		if len(lines) != tc.lines || lines[0] != tc.first {
			t.Errorf("X[0] at precision %d prints %d lines starting %q, want %d starting %q",
				tc.o.Precision, len(lines), lines[0], tc.lines, tc.first)
		}
	}
}
