package nprand

import (
	"math"
	"math/big"
	"sync"
)

// log is the natural logarithm of the polar method, correctly rounded.
//
// numpy calls the C library's log there, which is correctly rounded in all
// but vanishingly rare cases; Go's math.Log may be one unit in the last place
// off (about one Gaussian in 500 would then differ in its last bit from
// numpy's). So log evaluates ln(x) = e·ln2 + 2·atanh(s), s = (m−1)/(m+1),
// with x = m·2^e and m in [√½, √2), in double-double arithmetic (about 100
// bits) and rounds that once; when the result lies too close to halfway
// between two doubles for 100 bits to decide, it redoes the sum at 128 bits
// with math/big.
func log(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 1) {
		return math.Log(x) // NaN, ±Inf: nothing to round
	}
	m, e := reduce(x)
	v := ddAtanh2(ddDiv(dd{m - 1, 0}, twoSum(m, 1)))
	if e != 0 {
		v = ddAdd(v, ddMulFloat(ln2dd(), float64(e)))
	}
	if decided(v) {
		return v.hi
	}
	return bigLog(m, e)
}

// reduce returns m in [√½, √2) and e with x = m·2^e.
func reduce(x float64) (float64, int) {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	return m, e
}

// decided reports whether v.hi is surely the double nearest v.hi+v.lo's
// exact value: v.lo is far enough (2^-90 relative) from half a unit in the
// last place, and v.hi is no power of two (where the unit changes).
func decided(v dd) bool {
	if v.hi == 0 {
		return v.lo == 0
	}
	if frac, _ := math.Frexp(v.hi); math.Abs(frac) == 0.5 {
		return false
	}
	half := (math.Nextafter(math.Abs(v.hi), math.Inf(1)) - math.Abs(v.hi)) / 2
	return math.Abs(math.Abs(v.lo)-half) > math.Abs(v.hi)*0x1p-90
}

// dd is an unevaluated sum hi + lo of two doubles, |lo| ≤ half an ulp of hi.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	return dd{s, (a - (s - bb)) + (b - bb)}
}

func fastTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func ddAdd(a, b dd) dd {
	s := twoSum(a.hi, b.hi)
	t := twoSum(a.lo, b.lo)
	s = fastTwoSum(s.hi, s.lo+t.hi)
	return fastTwoSum(s.hi, s.lo+t.lo)
}

func ddMul(a, b dd) dd {
	p := a.hi * b.hi
	e := math.FMA(a.hi, b.hi, -p)
	e += a.hi*b.lo + a.lo*b.hi
	return fastTwoSum(p, e)
}

func ddMulFloat(a dd, b float64) dd { return ddMul(a, dd{b, 0}) }

// ddDiv is a/b by long division: three double quotients.
func ddDiv(a, b dd) dd {
	q1 := a.hi / b.hi
	r := ddAdd(a, ddMulFloat(b, -q1))
	q2 := r.hi / b.hi
	r = ddAdd(r, ddMulFloat(b, -q2))
	q3 := r.hi / b.hi
	q := fastTwoSum(q1, q2)
	return ddAdd(q, dd{q3, 0})
}

// ddAtanh2 returns 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + ...) for |s| ≤ 1/3.
func ddAtanh2(s dd) dd {
	s2 := ddMul(s, s)
	pow, sum := s, s
	for k := 3; ; k += 2 {
		pow = ddMul(pow, s2)
		term := ddDiv(pow, dd{float64(k), 0})
		sum = ddAdd(sum, term)
		if math.Abs(term.hi) <= math.Abs(sum.hi)*0x1p-110 {
			break
		}
	}
	return dd{2 * sum.hi, 2 * sum.lo}
}

// ln2dd is ln 2 = 2·atanh(1/3) in double-double.
var ln2dd = sync.OnceValue(func() dd { return ddAtanh2(ddDiv(dd{1, 0}, dd{3, 0})) })

// bigLog is ln(m·2^e) at 128 bits, rounded once.
func bigLog(m float64, e int) float64 {
	one := newBig(1)
	s := newBig(0).Quo(newBig(0).Sub(newBig(m), one), newBig(0).Add(newBig(m), one))
	sum := bigAtanh2(s)
	if e != 0 {
		sum.Add(sum, newBig(float64(e)).Mul(newBig(float64(e)), ln2big()))
	}
	f, _ := sum.Float64()
	return f
}

const bigPrec = 128

func newBig(v float64) *big.Float { return new(big.Float).SetPrec(bigPrec).SetFloat64(v) }

// bigAtanh2 is ddAtanh2 at 128 bits.
func bigAtanh2(s *big.Float) *big.Float {
	s2 := newBig(0).Mul(s, s)
	pow := newBig(0).Set(s)
	sum := newBig(0).Set(s)
	term := newBig(0)
	for k := 3; ; k += 2 {
		pow.Mul(pow, s2)
		term.Quo(pow, newBig(float64(k)))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -bigPrec-4 {
			break
		}
	}
	return sum.Mul(sum, newBig(2))
}

var ln2big = sync.OnceValue(func() *big.Float { return bigAtanh2(newBig(0).Quo(newBig(1), newBig(3))) })
