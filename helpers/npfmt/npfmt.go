// Package npfmt prints gonum values the way numpy prints arrays, so that a Go
// notebook shows the same text as the Python notebook it recreates.
//
// Sprint follows numpy's default print options (numpy >= 1.14): at most 8
// digits after the point, the shortest digits that identify each value,
// scientific notation when the largest magnitude is at least 1e8 (1e6 for
// float32) or the smallest non-zero one is below 1e-4 or their ratio is above
// 1000, all elements padded to one width, lines wrapped at 75 characters, and
// arrays of more than 1000 elements summarised with "...". A mat.Vector or a
// slice prints as a 1-D array ("[0.5 1. ]"), a mat.Matrix as a 2-D one
// ("[[0.5]\n [1. ]]").
//
// [Options] carries numpy's print options: Options{Precision: 2} prints as
// numpy does after np.set_printoptions(precision=2), the setting of the
// course's multiclass lab. [Float32] marks values a model computed in
// float32 (but returned in a float64 *mat.Dense) to print as numpy prints a
// float32 array ("[[0.980979]]", not "[[0.98097903]]").
//
// The test data in testdata/golden.json was printed by numpy itself (see
// testdata/make_golden.py), at precision 8 and 2, float64 and float32.
package npfmt

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// Shape returns the shape of m as numpy writes a 2-D shape: "(1000, 400)".
func Shape(m mat.Matrix) string {
	r, c := m.Dims()
	return ShapeOf(r, c)
}

// VecShape returns the shape of v as numpy writes a 1-D shape: "(25,)".
func VecShape(v mat.Vector) string {
	return ShapeOf(v.Len())
}

// ShapeOf returns the shape with the given dimensions as numpy writes it: "(1000, 400)",
// "(25,)" for one dimension, "()" for none.
func ShapeOf(dims ...int) string {
	s := make([]string, len(dims))
	for i, d := range dims {
		s[i] = strconv.Itoa(d)
	}
	if len(s) == 1 {
		return "(" + s[0] + ",)"
	}
	return "(" + strings.Join(s, ", ") + ")"
}

// Options are the numpy print options a print follows, as set by
// np.set_printoptions. The zero value is numpy's defaults, so
// Options{}.Sprint(x) == Sprint(x). The course's multiclass lab calls
// np.set_printoptions(precision=2); its Go counterpart is
//
//	p := npfmt.Options{Precision: 2}
//	p.Println(" predicting a Two: \n", logits) // [[ -7.99  -2.23 ...]]
type Options struct {
	// Precision is numpy's precision: the most digits printed after the
	// point in an array of floats (fewer when fewer identify every value).
	// 0 (or less) means numpy's default, 8. Float scalars ignore it, as in
	// numpy, and print the shortest digits that identify them.
	Precision int
}

// precision is o.Precision with 0 (or less) read as numpy's default.
func (o Options) precision() int {
	if o.Precision <= 0 {
		return defaultPrecision
	}
	return o.Precision
}

// Sprint returns x as Python's str() shows the numpy value it stands for,
// under numpy's default print options.
//
//   - mat.Vector, []float64, []float32: a 1-D float array.
//   - mat.Matrix, [][]float64, [][]float32: a 2-D float array.
//   - []int, []int64, []uint8, [][]int: a 1-D or 2-D integer array ("[0]").
//   - float64, float32: a float scalar ("0.5", "3.0", "1e-05").
//   - a [Float32Array] (the result of [Float32]): a float32 array.
//
// Float64 values print with the digits that identify a float64, float32
// values ([]float32, [][]float32, float32 and [Float32Array]) with those that
// identify a float32, as numpy prints float64 and float32 arrays.
//
// Any other value is formatted by fmt.Sprint. A mat.Vector is checked before
// mat.Matrix, so a *mat.VecDense prints as 1-D, like a numpy vector.
// A ragged [][]float64 yields a string starting with "%!npfmt(".
func Sprint(x any) string {
	return Options{}.Sprint(x)
}

// Sprint is [Sprint] under the options o: Options{Precision: 2}.Sprint(x)
// is str(x) after np.set_printoptions(precision=2).
func (o Options) Sprint(x any) string {
	p := o.precision()
	switch v := x.(type) {
	case Float32Array:
		return v.sprint(p)
	case mat.Vector:
		vals, shape := vectorValues(v)
		return floatArray(vals, shape, 64, p)
	case mat.Matrix:
		vals, shape := matrixValues(v)
		return floatArray(vals, shape, 64, p)
	case []float64:
		return floatArray(v, []int{len(v)}, 64, p)
	case []float32:
		return floatArray(widen(v), []int{len(v)}, 32, p)
	case [][]float64:
		vals, shape, err := flatten(v)
		if err != nil {
			return "%!npfmt(" + err.Error() + ")"
		}
		return floatArray(vals, shape, 64, p)
	case [][]float32:
		vals, shape, err := flatten(v)
		if err != nil {
			return "%!npfmt(" + err.Error() + ")"
		}
		return floatArray(widen(vals), shape, 32, p)
	case []int:
		return intArray(toInt64(v), []int{len(v)})
	case []int64:
		return intArray(v, []int{len(v)})
	case []uint8:
		return intArray(toInt64(v), []int{len(v)})
	case [][]int:
		vals, shape, err := flatten(v)
		if err != nil {
			return "%!npfmt(" + err.Error() + ")"
		}
		return intArray(toInt64(vals), shape)
	case float64:
		return scalarString(v, 64)
	case float32:
		return scalarString(float64(v), 32)
	}
	return fmt.Sprint(x)
}

// Sprintln formats its operands like Python's print: each one through
// Sprint, separated by single spaces, ending in a newline.
func Sprintln(a ...any) string {
	return Options{}.Sprintln(a...)
}

// Sprintln is [Sprintln] under the options o.
func (o Options) Sprintln(a ...any) string {
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = o.Sprint(x)
	}
	return strings.Join(parts, " ") + "\n"
}

// Println writes its operands to standard output like Python's print:
// strings as they are, arrays and floats as numpy shows them (see Sprint),
// separated by single spaces. For example
//
//	npfmt.Println("The shape of X is:", npfmt.Shape(X))
//	npfmt.Println("predicting a one: ", prediction) // a 1x1 *mat.Dense
//
// prints "The shape of X is: (1000, 400)" and
// "predicting a one:  [[0.98137283]]".
func Println(a ...any) (n int, err error) {
	return Options{}.Println(a...)
}

// Println is [Println] under the options o.
func (o Options) Println(a ...any) (n int, err error) {
	return fmt.Fprint(os.Stdout, o.Sprintln(a...))
}

// Float32Array is a float array (or, with no dimensions, a scalar) to print as numpy prints a
// float32 one: the value [Float32] returns. [Sprint] and fmt's own prints (through String) show it.
type Float32Array struct {
	vals  []float64 // float32 values, row-major
	shape []int     // nil or empty: a scalar
}

// String prints the array as [Sprint] does, so that fmt's own prints show
// it as numpy would too.
func (a Float32Array) String() string { return Sprint(a) }

// sprint prints a at the given precision, a scalar (no dimensions) as numpy prints a float32 scalar.
func (a Float32Array) sprint(precision int) string {
	if len(a.shape) == 0 {
		return scalarString(a.vals[0], 32)
	}
	return floatArray(a.vals, a.shape, 32, precision)
}

// Float32 returns x to print as numpy prints a float32 array: the shortest
// digits that identify each value as a float32 ("[[0.980979]]", where the
// same number as a float64 prints "[[0.98097903]]"), and float32's switch
// to scientific notation from 1e6. Use it for what a model computes in
// float32 but hands back in float64 containers, such as a *mat.Dense of
// predictions or weights:
//
//	npfmt.Println("predicting a one: ", npfmt.Float32(yhat))
//
// x may be a mat.Vector (printed 1-D), a mat.Matrix (2-D), a []float64 or a
// [][]float64; each value is rounded to the nearest float32, as numpy's
// astype(np.float32) does. The values are copied when Float32 is called.
// A float64 becomes a float32 scalar; float32 values ([]float32,
// [][]float32, float32) and a Float32Array keep their values.
//
// Any other type, or rows of different lengths, is a mistake in the calling
// code: it ends the notebook cell with a message naming it (outside a cell it
// panics with that message), as the notebook-facing Must helpers of this
// module do.
func Float32(x any) Float32Array {
	var vals []float64
	var shape []int
	switch v := x.(type) {
	case Float32Array:
		return v
	case float32:
		return Float32Array{vals: []float64{float64(v)}}
	case float64:
		return Float32Array{vals: []float64{float64(float32(v))}}
	case []float32:
		return Float32Array{vals: widen(v), shape: []int{len(v)}}
	case [][]float32:
		flat, sh, err := flatten(v)
		if err != nil {
			notebook.Fail("npfmt.Float32: " + err.Error())
		}
		return Float32Array{vals: widen(flat), shape: sh}
	case mat.Vector:
		vals, shape = vectorValues(v)
	case mat.Matrix:
		vals, shape = matrixValues(v)
	case []float64:
		vals, shape = append([]float64(nil), v...), []int{len(v)}
	case [][]float64:
		var err error
		if vals, shape, err = flatten(v); err != nil {
			notebook.Fail("npfmt.Float32: " + err.Error())
		}
	default:
		notebook.Fail(fmt.Sprintf("npfmt.Float32 cannot print a value of type %T: it takes a mat.Matrix, mat.Vector, []float64, [][]float64 or float64", x))
	}
	for i, f := range vals {
		vals[i] = float64(float32(f))
	}
	return Float32Array{vals: vals, shape: shape}
}

func vectorValues(v mat.Vector) ([]float64, []int) {
	n := v.Len()
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = v.AtVec(i)
	}
	return vals, []int{n}
}

func matrixValues(m mat.Matrix) ([]float64, []int) {
	r, c := m.Dims()
	vals := make([]float64, 0, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			vals = append(vals, m.At(i, j))
		}
	}
	return vals, []int{r, c}
}

func floatArray(vals []float64, shape []int, bits, precision int) string {
	summarise := size(shape) > threshold
	flat := shownFlat(shape, summarise)
	shown := make([]float64, len(flat))
	for i, k := range flat {
		shown[i] = vals[k]
	}
	f := newFloatFormat(shown, bits, precision)
	return array{shape: shape, word: func(index []int) string {
		return f.format(vals[offset(shape, index)])
	}}.layout(summarise)
}

func intArray(vals []int64, shape []int) string {
	summarise := size(shape) > threshold
	flat := shownFlat(shape, summarise)
	shown := make([]int64, len(flat))
	for i, k := range flat {
		shown[i] = vals[k]
	}
	f := newIntFormat(shown)
	return array{shape: shape, word: func(index []int) string {
		return f.format(vals[offset(shape, index)])
	}}.layout(summarise)
}

// offset is the row-major position of index in an array of the given shape.
func offset(shape, index []int) int {
	k := 0
	for i, d := range shape {
		k = k*d + index[i]
	}
	return k
}

func flatten[T any](rows [][]T) ([]T, []int, error) {
	if len(rows) == 0 {
		return nil, []int{0, 0}, nil
	}
	cols := len(rows[0])
	vals := make([]T, 0, len(rows)*cols)
	for i, r := range rows {
		if len(r) != cols {
			return nil, nil, fmt.Errorf("ragged rows: row 0 has %d elements, row %d has %d", cols, i, len(r))
		}
		vals = append(vals, r...)
	}
	return vals, []int{len(rows), cols}, nil
}

func widen(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func toInt64[T int | uint8](v []T) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}
