// Package pyfmt prints Go values the way Python prints the values they stand
// for, where a lab prints plain Python values rather than numpy arrays: a list
// of ints as "[0, 1, 4, 7]", a float as "1.0", a tuple of lists as
// "([0, 3], [1, 2])", and numpy's repr of a 1-D int array as
// "array([1, 1, 1])". Arrays printed with str() (print(X_train)) are
// npfmt's job; floats go through npfmt too, whose scalars print as Python's
// repr does.
//
// The test data in testdata/golden.json was printed by Python itself (see
// testdata/make_golden.py).
package pyfmt

import (
	"strconv"
	"strings"

	"github.com/mlspec-go/nnlab/helpers/npfmt"
)

// List returns Python's repr of a list of ints: "[0, 1, 4, 7]", "[]" for an
// empty (or nil) slice.
func List(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.Itoa(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Float returns Python's repr of a float: the shortest digits that identify
// it, with ".0" on whole numbers ("1.0", "0.2780719051126377", "1e-05").
func Float(x float64) string { return npfmt.Sprint(x) }

// Repr returns Python's repr of x: a []int as a list, a float64 as a float,
// an int as itself, a string quoted with single quotes (no escapes: for
// plain text), anything else through fmt's %v.
func Repr(x any) string {
	switch v := x.(type) {
	case []int:
		return List(v)
	case float64:
		return Float(v)
	case int:
		return strconv.Itoa(v)
	case string:
		return "'" + v + "'"
	}
	return npfmt.Sprint(x)
}

// Tuple returns Python's repr of a tuple of the values xs, each as Repr
// shows it: Tuple(left, right) is "([0, 3, 4, 5, 7], [1, 2, 6, 8, 9])". A
// tuple of one value keeps Python's trailing comma: "(1,)".
func Tuple(xs ...any) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = Repr(x)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// ArrayRepr returns numpy's repr of a 1-D int64 array, what a notebook shows
// for an array left as the last line of a cell: "array([1, 1, 1])", every
// element padded to the widest ("array([10, -2,  3])"), and
// "array([], dtype=int64)" when empty. It keeps to one line: the labs print
// short arrays only.
func ArrayRepr(v []int) string {
	if len(v) == 0 {
		return "array([], dtype=int64)"
	}
	width := 0
	for _, x := range v {
		width = max(width, len(strconv.Itoa(x)))
	}
	parts := make([]string, len(v))
	for i, x := range v {
		s := strconv.Itoa(x)
		parts[i] = strings.Repeat(" ", width-len(s)) + s
	}
	return "array([" + strings.Join(parts, ", ") + "])"
}
