package npfmt

import (
	"math"
	"strconv"
	"strings"
)

// numpy's default print options (numpy >= 1.14, legacy=False).
const (
	defaultPrecision = 8    // digits after the point, at most
	lineWidth        = 75   // characters per line
	threshold        = 1000 // arrays with more elements are summarised
	edgeItems        = 3    // items kept at each edge of a summarised axis
)

// floatFormat formats the elements of one float array so that they share a
// width, as numpy's FloatingFormat does with floatmode 'maxprec'.
type floatFormat struct {
	bits      int  // 64 or 32: the float type whose shortest repr is used
	precision int  // numpy's precision: digits after the point, at most
	exp       bool // scientific notation
	prec      int  // exp: digits after the point, every element
	padLeft   int  // width of the integer part, sign included
	padRight  int  // positional: width of the fraction; exp: of all after the integer part
	expSize   int  // exp: digits of the exponent
}

// splitPositional formats x without an exponent, using the shortest digits
// that identify x but at most maxFrac of them after the point, with trailing
// zeros removed and the point kept ("6.", "0.5", "0.33333333").
// It returns the integer part (with the sign) and the fraction digits.
func splitPositional(x float64, bits, maxFrac int) (intPart, frac string) {
	s := strconv.FormatFloat(x, 'f', -1, bits)
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) > maxFrac {
		s = strconv.FormatFloat(x, 'f', maxFrac, bits)
		intPart, frac, _ = strings.Cut(s, ".")
		frac = strings.TrimRight(frac, "0")
	}
	return intPart, frac
}

// splitScientific formats x as d.ddd e±XX with the shortest digits that
// identify x but at most maxFrac after the point, trailing zeros removed.
// It returns the integer part (with sign), the fraction digits, the
// exponent's sign ('+' or '-') and its digits.
func splitScientific(x float64, bits, maxFrac int) (intPart, frac string, expSign byte, expDigits string) {
	s := strconv.FormatFloat(x, 'e', -1, bits)
	mant, exp, _ := strings.Cut(s, "e")
	intPart, frac, _ = strings.Cut(mant, ".")
	if len(frac) > maxFrac {
		s = strconv.FormatFloat(x, 'e', maxFrac, bits)
		mant, exp, _ = strings.Cut(s, "e")
		intPart, frac, _ = strings.Cut(mant, ".")
		frac = strings.TrimRight(frac, "0")
	}
	return intPart, frac, exp[0], exp[1:]
}

// expCutoff is the magnitude from which numpy switches an array to
// scientific notation: 10**min(8, decimal precision of the type).
func expCutoff(bits int) float64 {
	if bits == 32 {
		return 1e6
	}
	return 1e8
}

// newFloatFormat scans the values an array will print (all of them, or the
// corners of a summarised array) and fixes notation and widths.
func newFloatFormat(vals []float64, bits, precision int) *floatFormat {
	f := &floatFormat{bits: bits, precision: precision, expSize: -1}
	sc := scanFloats(vals)
	f.exp = sc.scientific(bits)
	f.fitWidths(sc.finite)
	if len(sc.finite) != len(vals) {
		// Make room for "nan", "inf" and "-inf".
		offset := f.padRight + 1
		neg := 0
		if sc.negInf {
			neg = 1
		}
		f.padLeft = max(f.padLeft, 3-offset, 3+neg-offset)
	}
	return f
}

// floatScan is what the notation and widths of an array depend on.
type floatScan struct {
	finite         []float64 // the values that are neither NaN nor infinite
	maxAbs, minAbs float64   // the largest and smallest non-zero magnitudes
	nonZero        bool      // whether any finite value is not 0
	negInf         bool      // whether -Inf is among the values
}

func scanFloats(vals []float64) floatScan {
	var sc floatScan
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if math.IsInf(v, -1) {
				sc.negInf = true
			}
			continue
		}
		sc.finite = append(sc.finite, v)
		if a := math.Abs(v); a != 0 {
			if !sc.nonZero || a > sc.maxAbs {
				sc.maxAbs = a
			}
			if !sc.nonZero || a < sc.minAbs {
				sc.minAbs = a
			}
			sc.nonZero = true
		}
	}
	return sc
}

// scientific reports whether numpy prints the array in scientific notation:
// a magnitude from expCutoff up or below 1e-4, or a ratio of the largest to
// the smallest non-zero magnitude above 1000.
func (sc floatScan) scientific(bits int) bool {
	if !sc.nonZero {
		return false
	}
	if bits == 32 {
		// numpy 2 compares in the array's own type.
		mx, mn := float32(sc.maxAbs), float32(sc.minAbs)
		return mx >= float32(expCutoff(bits)) || mn < float32(1e-4) || mx/mn > 1000
	}
	return sc.maxAbs >= expCutoff(bits) || sc.minAbs < 1e-4 || sc.maxAbs/sc.minAbs > 1000
}

// fitWidths sets the widths left and right of the point (and, in
// scientific notation, of the exponent) that fit every finite value.
func (f *floatFormat) fitWidths(finite []float64) {
	switch {
	case len(finite) == 0:
		f.padLeft, f.padRight = 0, 0
	case f.exp:
		for _, v := range finite {
			ip, fr, _, ed := splitScientific(v, f.bits, f.precision)
			f.padLeft = max(f.padLeft, len(ip))
			f.prec = max(f.prec, len(fr))
			f.expSize = max(f.expSize, len(ed))
		}
		f.padRight = f.expSize + 2 + f.prec
	default:
		for _, v := range finite {
			ip, fr := splitPositional(v, f.bits, f.precision)
			f.padLeft = max(f.padLeft, len(ip))
			f.padRight = max(f.padRight, len(fr))
		}
	}
}

// format returns x padded to the common width.
func (f *floatFormat) format(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		s := "nan"
		if math.IsInf(x, 1) {
			s = "inf"
		} else if math.IsInf(x, -1) {
			s = "-inf"
		}
		return padLeft(s, f.padLeft+f.padRight+1)
	}
	var b strings.Builder
	if f.exp {
		// numpy prints exactly prec digits after the point; digits past the
		// shortest unique ones are the value's exact digits, not zeros (this
		// shows in float32: 7.5231149e-04, not 7.5231150e-04).
		mant, exp, _ := strings.Cut(strconv.FormatFloat(x, 'e', f.prec, 64), "e")
		ip, fr, _ := strings.Cut(mant, ".")
		es, ed := exp[0], exp[1:]
		b.WriteString(padLeft(ip, f.padLeft))
		b.WriteByte('.')
		b.WriteString(fr)
		b.WriteByte('e')
		b.WriteByte(es)
		b.WriteString(strings.Repeat("0", f.expSize-len(ed)))
		b.WriteString(ed)
		return b.String()
	}
	ip, fr := splitPositional(x, f.bits, f.precision)
	b.WriteString(padLeft(ip, f.padLeft))
	b.WriteByte('.')
	b.WriteString(fr)
	b.WriteString(strings.Repeat(" ", f.padRight-len(fr)))
	return b.String()
}

func padLeft(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}

// scalarString formats one float the way Python's print shows a float or a
// numpy float scalar: the shortest digits that identify it, positional
// between 1e-4 and the type's cutoff (1e16 for float64, 1e6 for float32),
// scientific otherwise ("0.5", "3.0", "1e-05", "1.2345678901234566e+17").
func scalarString(x float64, bits int) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	upper := 1e16
	if bits == 32 {
		upper = 1e6
	}
	if a := math.Abs(x); a == 0 || (a >= 1e-4 && a < upper) {
		s := strconv.FormatFloat(x, 'f', -1, bits)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	return strconv.FormatFloat(x, 'e', -1, bits)
}

// intFormat right-aligns integers to the width of the longest.
type intFormat struct{ width int }

func newIntFormat(vals []int64) *intFormat {
	f := &intFormat{}
	for _, v := range vals {
		f.width = max(f.width, len(strconv.FormatInt(v, 10)))
	}
	return f
}

func (f *intFormat) format(x int64) string {
	return padLeft(strconv.FormatInt(x, 10), f.width)
}
