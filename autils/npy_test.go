package autils

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sbinet/npyio"
	"gonum.org/v1/gonum/mat"
)

// The fixtures in testdata/npy were written by NumPy with
// testdata/make_fixtures.py. Valid X fixtures have 6 rows with pixel
// (i, j) = i*1000 + j; valid y fixtures hold 0, 0, 0, 1, 1, 1.

func fixture(name string) string { return filepath.Join(fixtureDir, name+".npy") }

// fixtureDir is absolute so that fixtures stay reachable after t.Chdir.
var fixtureDir = func() string {
	d, err := filepath.Abs(filepath.Join("testdata", "npy"))
	if err != nil {
		panic(err)
	}
	return d
}()

// courseDir makes a temporary working directory whose data/ folder holds
// the given fixtures as X.npy and y.npy ("" leaves a file out).
func courseDir(t testing.TB, x, y string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{"X.npy": x, "y.npy": y} {
		if src == "" {
			continue
		}
		b, err := os.ReadFile(fixture(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readFixtures reads the first 4 rows of a fixture pair, binary labels.
func readFixtures(t *testing.T, x, y string) (X, Y *mat.Dense, err error) {
	t.Helper()
	dir := courseDir(t, x, y)
	return readCourseFiles(filepath.Join(dir, "data", "X.npy"), filepath.Join(dir, "data", "y.npy"), 4, 1)
}

func TestCourseFilesValid(t *testing.T) {
	for _, tc := range []struct{ x, y string }{
		{"x_f_f64", "y_u8"}, // the course's layout
		{"x_c_f64", "y_u8"},
		{"x_c_f32", "y_i64"},
		{"x_f_f32", "y_i64_1d"},
		{"x_f_f64_bigendian", "y_f64"},
		{"x_c_f64", "y_i16_fortran"},
	} {
		t.Run(tc.x+"+"+tc.y, func(t *testing.T) {
			X, y, err := readFixtures(t, tc.x, tc.y)
			if err != nil {
				t.Fatal(err)
			}
			if r, c := X.Dims(); r != 4 || c != 400 {
				t.Fatalf("X is %dx%d, want the first 4 rows: 4x400", r, c)
			}
			for i := 0; i < 4; i++ {
				for j := 0; j < 400; j++ {
					if got, want := X.At(i, j), float64(i*1000+j); got != want {
						t.Fatalf("X[%d, %d] = %v, want %v", i, j, got, want)
					}
				}
			}
			if got, want := mat.Col(nil, 0, y), []float64{0, 0, 0, 1}; !equalFloats(got, want) {
				t.Errorf("y = %v, want %v", got, want)
			}
		})
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCourseFilesInvalid(t *testing.T) {
	for _, tc := range []struct {
		x, y string
		want []string // substrings of the error
	}{
		{"x_399_cols", "y_u8", []string{"X.npy", "shape is (6, 399), want (N, 400)"}},
		{"x_3d", "y_u8", []string{"X.npy", "shape is (6, 20, 20)"}},
		{"x_int64", "y_u8", []string{"X.npy", `dtype is "<i8", want float64 or float32`}},
		{"x_bool", "y_u8", []string{"X.npy", `dtype "|b1" is not a number type`}},
		{"x_c_f64", "y_2_cols", []string{"y.npy", "shape is (6, 2), want (N, 1)"}},
		{"x_c_f64", "y_bool", []string{"y.npy", "not a number type"}},
		{"x_c_f64", "y_str", []string{"y.npy", `"<U1"`}},
		{"x_c_f64", "y_complex", []string{"y.npy", "not a number type"}},
		{"x_3_rows", "y_u8", []string{"X.npy", "has 3 rows, want at least 4"}},
		{"x_c_f64", "y_3_rows", []string{"y.npy", "has 3 rows, want at least 4"}},
		{"x_c_f64", "y_5_rows", []string{"X.npy has 6 rows but", "y.npy has 5"}},
		{"x_c_f64", "y_label_7", []string{"y.npy", "row 2 has label 7, want a whole number from 0 to 1"}},
		{"x_c_f64", "y_label_half", []string{"y.npy", "row 1 has label 0.5"}},
		{"x_nan", "y_u8", []string{"X.npy", "row 1, column 2 is NaN"}},
		{"x_truncated_data", "y_u8", []string{"X.npy", "truncated", "copy it again"}},
		{"x_truncated_header", "y_u8", []string{"X.npy", "truncated"}},
		{"x_c_f64", "y_truncated", []string{"y.npy", "truncated"}},
		{"x_extra_bytes", "y_u8", []string{"X.npy", "8 unexpected bytes after the data"}},
		{"x_not_npy", "y_u8", []string{"X.npy", "not a NumPy .npy file"}},
	} {
		t.Run(tc.x+"+"+tc.y, func(t *testing.T) {
			X, _, err := readFixtures(t, tc.x, tc.y)
			if err == nil {
				t.Fatalf("no error; X = %v", mat.Formatted(X.Slice(0, 1, 0, 3)))
			}
			t.Log(err)
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestMissingPartnerFile(t *testing.T) {
	for _, tc := range []struct{ x, y, want string }{
		{"x_c_f64", "", "found data/X.npy but not data/y.npy"},
		{"", "y_u8", "found data/y.npy but not data/X.npy"},
	} {
		t.Chdir(courseDir(t, tc.x, tc.y))
		if _, _, err := ReadData(""); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("x=%q y=%q: error %v, want one containing %q", tc.x, tc.y, err, tc.want)
		}
	}
}

// writeNPY writes a float64 matrix as a .npy file, in Fortran order if
// fortran is set (like the course's X), with a header like NumPy's.
func writeNPY(t testing.TB, path string, m *mat.Dense, fortran bool) {
	t.Helper()
	r, c := m.Dims()
	hdr := fmt.Sprintf("{'descr': '<f8', 'fortran_order': %s, 'shape': (%d, %d), }",
		map[bool]string{false: "False", true: "True"}[fortran], r, c)
	for (10+len(hdr)+1)%64 != 0 {
		hdr += " "
	}
	hdr += "\n"
	var buf bytes.Buffer
	buf.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&buf, binary.LittleEndian, uint16(len(hdr)))
	buf.WriteString(hdr)
	var data []float64
	if fortran {
		data = make([]float64, 0, r*c)
		for j := 0; j < c; j++ {
			data = append(data, mat.Col(nil, j, m)...)
		}
	} else {
		data = mat.DenseCopyOf(m).RawMatrix().Data
	}
	binary.Write(&buf, binary.LittleEndian, data)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fullCourseDir writes course-sized files (5000 rows; y uint8 written by
// npyio) whose pixels and labels encode their row: pixel (i, j) = i + j/1000.
func fullCourseDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	X := mat.NewDense(MulticlassExamples, NumPixels, nil)
	X.Apply(func(i, j int, _ float64) float64 { return float64(i) + float64(j)/1000 }, X)
	writeNPY(t, filepath.Join(dir, "data", "X.npy"), X, true)
	y := make([]uint8, MulticlassExamples)
	for i := range y {
		y[i] = uint8(i / PerDigit)
	}
	f, err := os.Create(filepath.Join(dir, "data", "y.npy"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := npyio.Write(f, y); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReadCourseSizedFiles(t *testing.T) {
	dir := fullCourseDir(t)
	readBoth(t, dir, func(name string, rows int, X, y *mat.Dense) {
		for _, i := range []int{0, 1, 499, 500, rows - 1} {
			for _, j := range []int{0, 1, 20, 399} {
				if got, want := X.At(i, j), float64(i)+float64(j)/1000; got != want {
					t.Errorf("%s: X[%d, %d] = %v, want %v", name, i, j, got, want)
				}
			}
			if got, want := y.At(i, 0), float64(i/PerDigit); got != want {
				t.Errorf("%s: y[%d] = %v, want %v", name, i, got, want)
			}
		}
	})
}

// readBoth reads the data directory dir with ReadData and ReadDataMulticlass,
// checks that each returns X with its number of rows (BinaryExamples,
// MulticlassExamples) and NumPixels columns and y as a column, and passes
// both to check with the reader's name and the rows.
func readBoth(t *testing.T, dir string, check func(name string, rows int, X, y *mat.Dense)) {
	t.Helper()
	for _, tc := range []struct {
		name string
		read func(string) (X, y *mat.Dense, err error)
		rows int
	}{
		{"ReadData", ReadData, BinaryExamples},
		{"ReadDataMulticlass", ReadDataMulticlass, MulticlassExamples},
	} {
		X, y, err := tc.read(dir)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r, c := X.Dims(); r != tc.rows || c != NumPixels {
			t.Fatalf("%s: X is %dx%d, want %dx%d", tc.name, r, c, tc.rows, NumPixels)
		}
		if r, c := y.Dims(); r != tc.rows || c != 1 {
			t.Fatalf("%s: y is %dx%d, want %dx1", tc.name, r, c, tc.rows)
		}
		check(tc.name, tc.rows, X, y)
	}
}

func TestLoadDataMessages(t *testing.T) {
	var buf bytes.Buffer
	notice = &buf
	defer func() { notice = os.Stdout }()

	t.Chdir(t.TempDir())
	X, _ := LoadData()
	if r, _ := X.Dims(); r != BinaryExamples {
		t.Errorf("built-in: %d rows", r)
	}
	if got, want := buf.String(), "autils: using the built-in MNIST digits, 1000 rows (no data/X.npy here)\n"; got != want {
		t.Errorf("built-in: notice %q, want %q", got, want)
	}

	buf.Reset()
	t.Chdir(fullCourseDir(t))
	LoadDataMulticlass()
	if got, want := buf.String(), "autils: loaded data/X.npy, data/y.npy (course files, first 5000 rows)\n"; got != want {
		t.Errorf("course files: notice %q, want %q", got, want)
	}

	buf.Reset()
	t.Chdir(courseDir(t, "x_c_f64", "y_str"))
	msg := func() (msg string) {
		defer func() { msg = fmt.Sprint(recover()) }()
		LoadData()
		return ""
	}()
	for _, want := range []string{`autils.LoadData: data/y.npy: dtype "<U1" is not a number type`, "To fix it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("panic message %q does not contain %q", msg, want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("a failed load printed %q", buf.String())
	}
}

// FuzzParseNPY feeds arbitrary bytes to the .npy path: it must return an
// error or data, never panic.
func FuzzParseNPY(f *testing.F) {
	fixtures, err := filepath.Glob(filepath.Join("testdata", "npy", "*.npy"))
	if err != nil || len(fixtures) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, p := range fixtures {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// Large seeds make the fuzzer spend its time minimising them.
		if len(b) <= 1024 {
			f.Add(b)
		}
	}
	// Small valid X files: one image of float32, in both orders.
	for _, hdr := range []string{
		"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 400), }",
		"{'descr': '>f4', 'fortran_order': True, 'shape': (1, 400), }",
	} {
		b := []byte("\x93NUMPY\x01\x00")
		b = binary.LittleEndian.AppendUint16(b, uint16(len(hdr)+1))
		b = append(b, hdr+"\n"...)
		f.Add(append(b, make([]byte, 4*NumPixels)...))
	}
	f.Add([]byte("\x93NUMPY\x02\x00\xff\xff\xff\xff{'descr': '<f8', 'fortran_order': True, 'shape': (1, 400), }\n"))
	f.Add([]byte("\x93NUMPY\x01\x00\x10\x00{'descr'\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := parseNPY(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		if xs, err := a.images(1); err == nil && len(xs) != NumPixels {
			t.Errorf("images(1) returned %d values", len(xs))
		}
		if ys, err := a.labels(1, 9); err == nil && (len(ys) != 1 || ys[0] < 0 || ys[0] > 9 || math.IsNaN(ys[0])) {
			t.Errorf("labels(1, 9) returned %v", ys)
		}
	})
}

func BenchmarkReadCourseFiles(b *testing.B) {
	dir := fullCourseDir(b)
	for b.Loop() {
		if _, _, err := ReadData(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// In a GoNB kernel (GONB_TMP_DIR set) each cell is a new process: the notice
// is written once per kernel session, and again when the data source changes.
func TestLoadDataNoticeOncePerKernelSession(t *testing.T) {
	var buf bytes.Buffer
	notice = &buf
	defer func() { notice = os.Stdout }()
	t.Setenv("GONB_TMP_DIR", t.TempDir())

	t.Chdir(t.TempDir())
	LoadData()
	LoadData()
	if got, want := buf.String(), "autils: using the built-in MNIST digits, 1000 rows (no data/X.npy here)\n"; got != want {
		t.Errorf("two loads in one kernel session: notice %q, want %q", got, want)
	}
	buf.Reset()
	t.Chdir(fullCourseDir(t))
	LoadData()
	if got := buf.String(); !strings.Contains(got, "course files") {
		t.Errorf("after the source changed: notice %q, want the course-files notice", got)
	}
}

// gunzipFixture writes the gzipped fixture name (testdata/npy/name.gz) to
// path and returns its bytes.
func gunzipFixture(t *testing.T, name, path string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtureDir, name+".gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadNumpyWrittenCourseLayout reads files NumPy wrote in the course's
// exact layout (testdata/make_fixtures.py, course_layout): X (5000, 400)
// float64 in Fortran order, y (5000, 1) uint8, labels in blocks of 500.
// LoadDataMulticlass must return the whole files, LoadData their first
// 1000 rows, with every value where NumPy put it.
func TestReadNumpyWrittenCourseLayout(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	xb := gunzipFixture(t, "course_X.npy", filepath.Join(dir, "data", "X.npy"))
	yb := gunzipFixture(t, "course_y.npy", filepath.Join(dir, "data", "y.npy"))
	// The fixtures really are the course's layout.
	for _, h := range []struct {
		b    []byte
		want string
	}{
		{xb, "{'descr': '<f8', 'fortran_order': True, 'shape': (5000, 400), }"},
		{yb, "{'descr': '|u1', 'fortran_order': False, 'shape': (5000, 1), }"},
	} {
		if !bytes.Contains(h.b[:128], []byte(h.want)) {
			t.Fatalf("fixture header %q lacks %q; regenerate with testdata/make_fixtures.py", h.b[10:80], h.want)
		}
	}

	want := func(i, j int) float64 {
		v := 0.0
		if j == 399-i%400 {
			v = -float64(i+1) * 1e-8
		}
		if j == 7*i%400 {
			v = float64(i + 1)
		}
		return v
	}
	readBoth(t, dir, func(name string, rows int, X, y *mat.Dense) {
		bad := 0
		for i := 0; i < rows; i++ {
			for j := 0; j < NumPixels; j++ {
				if got := X.At(i, j); got != want(i, j) && bad < 5 {
					bad++
					t.Errorf("%s: X[%d, %d] = %v, want %v", name, i, j, got, want(i, j))
				}
			}
			if got := y.At(i, 0); got != float64(i/PerDigit) && bad < 5 {
				bad++
				t.Errorf("%s: y[%d] = %v, want %d (blocks of 500)", name, i, got, i/PerDigit)
			}
		}
	})
	// The lab's prediction cells rely on row 1015 being a two.
	_, y, _ := ReadDataMulticlass(dir)
	if got := y.At(1015, 0); got != 2 {
		t.Errorf("y[1015] = %v, want 2", got)
	}
}

func TestCourseFilesTenDigits(t *testing.T) {
	dir := courseDir(t, "x_f_f64", "y_u8_digits")
	_, y, err := readCourseFiles(filepath.Join(dir, "data", "X.npy"), filepath.Join(dir, "data", "y.npy"), 6, 9)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mat.Col(nil, 0, y), []float64{0, 9, 2, 5, 7, 3}; !equalFloats(got, want) {
		t.Errorf("y = %v, want %v", got, want)
	}
	// The binary set accepts only 0 and 1; ten digits only 0..9.
	if _, _, err := readCourseFiles(filepath.Join(dir, "data", "X.npy"), filepath.Join(dir, "data", "y.npy"), 4, 1); err == nil ||
		!strings.Contains(err.Error(), "row 1 has label 9, want a whole number from 0 to 1") {
		t.Errorf("binary labels from a ten-digit file: err = %v", err)
	}
	dir = courseDir(t, "x_f_f64", "y_label_10")
	if _, _, err := readCourseFiles(filepath.Join(dir, "data", "X.npy"), filepath.Join(dir, "data", "y.npy"), 6, 9); err == nil ||
		!strings.Contains(err.Error(), "row 2 has label 10, want a whole number from 0 to 9") {
		t.Errorf("label 10: err = %v", err)
	}
}
