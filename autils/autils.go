// Package autils is the Go counterpart of the course's autils.py: it loads
// the hand-written digits of the neural-network lab and provides the
// sigmoid function.
//
// Each example is a 20x20 grayscale image unrolled into a row of 400 float64
// values, column by column (column-major), exactly like the course's data:
// the upright picture of row i is the transpose of its row-major 20x20
// reshape, i.e. pixel (r, c) of the picture is X.At(i, c*20+r). Intensities
// are 0 on the background and about 1 on the stroke, with small negative
// values, values slightly above 1 and a fringe of tiny values (1e-6 and less)
// left by the resampling; as in the course, those tiny values make numpy
// (and helpers/npfmt) print a row in scientific notation.
//
// # Where the data comes from
//
// If the working directory has the course's files data/X.npy and
// data/y.npy, they are read (any float X, any integer or float y, C or
// Fortran order) and checked: shapes, types, sizes and labels. Otherwise a
// built-in set is used: 500 real MNIST test digits of each kind, cropped to
// the digit and resampled to 20x20 like the course's images (see
// internal/mnistgen). The built-in set needs no network and no files.
//
// [LoadData] and [LoadDataMulticlass] are the calls a notebook makes; they
// print one line on standard output naming the data set and panic with an
// explanation if the course's files are present but unusable. [ReadData] and
// [ReadDataMulticlass] are their quiet, error-returning twins for programs
// and tests.
package autils

import (
	_ "embed"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/mlspec-go/nnlab/internal/notebook"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/autils/internal/digitfile"
)

const (
	// ImageSide is the side of the digit images, in pixels.
	ImageSide = 20
	// NumPixels is the number of values in one example (one row of X).
	NumPixels = ImageSide * ImageSide

	// BinaryExamples is the number of rows of the 0/1 set of LoadData:
	// 500 zeros then 500 ones.
	BinaryExamples = 1000
	// MulticlassExamples is the number of rows of the set of
	// LoadDataMulticlass: 500 of each digit 0..9, in blocks.
	MulticlassExamples = 5000
	// PerDigit is the number of examples of each digit.
	PerDigit = 500
)

// digitsBin is the built-in digit set, written by `go generate` (see
// doc_gen.go and internal/gen).
//
//go:embed digits.bin
var digitsBin []byte

// dataset describes one of the two sets the lab uses.
type dataset struct {
	fn     string // notebook-facing function, for messages
	digits int    // digits 0..digits-1, PerDigit of each
}

func (s dataset) rows() int { return s.digits * PerDigit }

var (
	binarySet     = dataset{fn: "LoadData", digits: 2}
	multiclassSet = dataset{fn: "LoadDataMulticlass", digits: 10}
)

// LoadData returns the lab's binary data set, like the course's
// load_data(): X is 1000x400, one unrolled 20x20 image per row, and y is
// 1000x1 with labels 0 and 1. Rows 0-499 are zeros (y = 0) and rows 500-999
// are ones (y = 1).
//
// It reads data/X.npy and data/y.npy (first 1000 rows) when both exist in
// the working directory, and uses the built-in MNIST digits otherwise. One
// line on standard output says which. If the course's files exist but cannot
// be used, LoadData stops with a message that names the file, the problem
// and the fix: in a GoNB cell the cell fails with that message alone,
// elsewhere LoadData panics. Use [ReadData] to get an error instead.
func LoadData() (X, y *mat.Dense) {
	return mustLoad(binarySet)
}

// LoadDataMulticlass returns the ten-digit data set: X is 5000x400 and y is
// 5000x1, with rows 500*d to 500*d+499 holding the digit d (label d; zero
// is labelled 0). Files, messages and panics are as for [LoadData]; the
// course's files are read in full (5000 rows).
func LoadDataMulticlass() (X, y *mat.Dense) {
	return mustLoad(multiclassSet)
}

// ReadData is the error-returning twin of [LoadData]. It looks for
// data/X.npy and data/y.npy under dir ("" means the current directory) and
// falls back to the built-in digits when neither exists. It prints nothing.
func ReadData(dir string) (X, y *mat.Dense, err error) {
	X, y, _, err = load(dir, binarySet)
	return X, y, err
}

// ReadDataMulticlass is the error-returning twin of [LoadDataMulticlass],
// with the directory rules of [ReadData].
func ReadDataMulticlass(dir string) (X, y *mat.Dense, err error) {
	X, y, _, err = load(dir, multiclassSet)
	return X, y, err
}

// notice receives the one-line notice of LoadData; tests replace it. It is
// stdout, not stderr: Jupyter shows stderr in red, as if something had gone
// wrong, and nbgrader fails a grade cell that writes anything on stderr.
var notice io.Writer = os.Stdout

func mustLoad(s dataset) (X, y *mat.Dense) {
	X, y, source, err := load("", s)
	if err != nil {
		notebook.Fail(fmt.Sprintf("autils.%s: %v\n"+
			"To fix it, put the course's original data/X.npy and data/y.npy back, "+
			"or move both files out of the data folder to use the built-in MNIST digits.", s.fn, err))
	}
	announce(source)
	return X, y
}

// announce writes the one-line notice of where the data came from. In a GoNB
// notebook every cell is a new process that loads the data again, so there
// the notice is written once per kernel session (and again when the source
// changes): the last notice is remembered in a file in GoNB's temporary
// directory (notebook.TempDir), which lives as long as the kernel.
func announce(source string) {
	line := "autils: " + source + "\n"
	if dir := notebook.TempDir(); dir != "" {
		marker := filepath.Join(dir, ".autils-announced")
		if last, err := os.ReadFile(marker); err == nil && string(last) == line {
			return
		}
		_ = os.WriteFile(marker, []byte(line), 0o644) // best effort: at worst the notice repeats
	}
	fmt.Fprint(notice, line)
}

// load returns the data set s from dir's course files or the built-in set,
// and a one-line description of where it came from.
func load(dir string, s dataset) (X, y *mat.Dense, source string, err error) {
	xPath, yPath, found, err := courseFiles(dir)
	if err != nil {
		return nil, nil, "", err
	}
	if !found {
		X, y, err = builtin(s)
		if err != nil {
			return nil, nil, "", err
		}
		return X, y, fmt.Sprintf("using the built-in MNIST digits, %d rows (no %s here)", s.rows(), xPath), nil
	}
	X, y, err = readCourseFiles(xPath, yPath, s.rows(), s.digits-1)
	if err != nil {
		return nil, nil, "", err
	}
	return X, y, fmt.Sprintf("loaded %s, %s (course files, first %d rows)", xPath, yPath, s.rows()), nil
}

// builtin decodes the first s.digits blocks of the embedded digit file.
func builtin(s dataset) (X, y *mat.Dense, err error) {
	f, err := digitfile.Parse(digitsBin)
	if err != nil {
		return nil, nil, fmt.Errorf("built-in digits: %w (rebuild with `go generate ./autils`)", err)
	}
	if f.Rows != PerDigit || f.Cols != NumPixels || f.Blocks < s.digits {
		return nil, nil, fmt.Errorf("built-in digits: file has %d blocks of %dx%d, want %d blocks of %dx%d (rebuild with `go generate ./autils`)",
			f.Blocks, f.Rows, f.Cols, s.digits, PerDigit, NumPixels)
	}
	n := s.rows()
	xs := make([]float64, n*NumPixels)
	if err := f.Decode(0, s.digits, xs); err != nil {
		return nil, nil, fmt.Errorf("built-in digits: %w (rebuild with `go generate ./autils`)", err)
	}
	ys := make([]float64, n)
	for i := range ys {
		ys[i] = float64(i / PerDigit)
	}
	return mat.NewDense(n, NumPixels, xs), mat.NewDense(n, 1, ys), nil
}

// Sigmoid returns the logistic function 1 / (1 + e^-z).
func Sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	// Same value, written so that e^-z cannot overflow for very negative z.
	e := math.Exp(z)
	return e / (1 + e)
}
