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
// ("[[0.5]\n [1. ]]"). The test data in testdata/golden.json was printed by
// numpy itself (see testdata/make_golden.py).
package npfmt

import (
	"fmt"
	"os"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Shape returns the shape of m as numpy writes a 2-D shape: "(1000, 400)".
func Shape(m mat.Matrix) string {
	r, c := m.Dims()
	return fmt.Sprintf("(%d, %d)", r, c)
}

// VecShape returns the shape of v as numpy writes a 1-D shape: "(25,)".
func VecShape(v mat.Vector) string {
	return fmt.Sprintf("(%d,)", v.Len())
}

// Sprint returns x as Python's str() shows the numpy value it stands for.
//
//   - mat.Vector, []float64, []float32: a 1-D float array.
//   - mat.Matrix, [][]float64, [][]float32: a 2-D float array.
//   - []int, []int64, []uint8, [][]int: a 1-D or 2-D integer array ("[0]").
//   - float64, float32: a float scalar ("0.5", "3.0", "1e-05").
//
// Any other value is formatted by fmt.Sprint. A mat.Vector is checked before
// mat.Matrix, so a *mat.VecDense prints as 1-D, like a numpy vector.
// A ragged [][]float64 yields a string starting with "%!npfmt(".
func Sprint(x any) string {
	switch v := x.(type) {
	case mat.Vector:
		n := v.Len()
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = v.AtVec(i)
		}
		return floatArray(vals, []int{n}, 64)
	case mat.Matrix:
		r, c := v.Dims()
		vals := make([]float64, 0, r*c)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				vals = append(vals, v.At(i, j))
			}
		}
		return floatArray(vals, []int{r, c}, 64)
	case []float64:
		return floatArray(v, []int{len(v)}, 64)
	case []float32:
		return floatArray(widen(v), []int{len(v)}, 32)
	case [][]float64:
		vals, shape, err := flatten(v)
		if err != nil {
			return "%!npfmt(" + err.Error() + ")"
		}
		return floatArray(vals, shape, 64)
	case [][]float32:
		vals, shape, err := flatten(v)
		if err != nil {
			return "%!npfmt(" + err.Error() + ")"
		}
		return floatArray(widen(vals), shape, 32)
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
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = Sprint(x)
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
	return fmt.Fprint(os.Stdout, Sprintln(a...))
}

func floatArray(vals []float64, shape []int, bits int) string {
	summarise := size(shape) > threshold
	flat := shownFlat(shape, summarise)
	shown := make([]float64, len(flat))
	for i, k := range flat {
		shown[i] = vals[k]
	}
	f := newFloatFormat(shown, bits)
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
