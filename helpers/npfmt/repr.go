package npfmt

import (
	"strings"
)

// ReprFloat32 returns Python's repr() of x as a float32 numpy array, as a Python notebook shows an
// array that is the last value of a cell or an element of a printed list (Keras's get_weights()):
// "array([3., 4., 5.], dtype=float32)", "array([[200.]], dtype=float32)". x is what Float32 takes (another type ends the cell as Float32 does);
// the elements are printed as Sprint prints them (numpy's defaults), separated by ", " and, for a
// matrix, one row per line. Long rows are not wrapped.
func ReprFloat32(x any) string {
	s := Sprint(Float32(x))
	rows := strings.Split(s, "\n")
	for i, r := range rows {
		// Each row is "[" or " [" + padded elements joined by single spaces + "]" (and a last "]").
		spaces := len(r) - len(strings.TrimLeft(r, " "))
		lead := len(r) - len(strings.TrimLeft(r[spaces:], "[")) // the row's indent and brackets
		tail := len(r) - len(strings.TrimRight(r, "]"))
		body := r[lead : len(r)-tail]
		// Every element is padded to one width w, so the body is n chunks of w+1 bytes less one.
		n := len(strings.Fields(body))
		w := (len(body)+1)/n - 1
		fields := make([]string, n)
		for k := range fields {
			fields[k] = body[k*(w+1) : k*(w+1)+w]
		}
		prefix := strings.TrimLeft(r[:lead], " ")
		if i > 0 {
			prefix = "       " + prefix
		}
		sep := ""
		if i < len(rows)-1 {
			sep = ","
		}
		rows[i] = prefix + strings.Join(fields, ", ") + r[len(r)-tail:] + sep
	}
	return "array(" + strings.Join(rows, "\n") + ", dtype=float32)"
}
