package nprand

import (
	"math"
	"math/big"
	"sync"
)

// log is the natural logarithm of the polar method, correctly rounded.
//
// numpy calls the C library's log there, which is correctly rounded in all
// but very rare cases; Go's math.Log may be one unit in the last place off
// (about one Gaussian in 500 would then differ in its last bit from
// numpy's). So log evaluates ln(x) = e·ln2 + 2·atanh(s), s = (m−1)/(m+1)
// with x = m·2^e and m in [√½, √2), at 128 bits, and rounds once.
func log(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 1) {
		return math.Log(x) // NaN, ±Inf: nothing to round
	}
	frac, exp := math.Frexp(x)
	if frac < math.Sqrt2/2 {
		frac *= 2
		exp--
	}
	m := newBig(frac)
	num := newBig(0).Sub(m, newBig(1))
	den := newBig(0).Add(m, newBig(1))
	s := num.Quo(num, den)
	sum := atanh2(s)
	if exp != 0 {
		e := newBig(float64(exp))
		sum.Add(sum, e.Mul(e, ln2()))
	}
	f, _ := sum.Float64()
	return f
}

const logPrec = 128

func newBig(v float64) *big.Float { return new(big.Float).SetPrec(logPrec).SetFloat64(v) }

// atanh2 returns 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + ...) for |s| ≤ 1/3.
func atanh2(s *big.Float) *big.Float {
	s2 := newBig(0).Mul(s, s)
	pow := newBig(0).Set(s)
	sum := newBig(0).Set(s)
	term := newBig(0)
	eps := newBig(0).SetMantExp(newBig(1), -logPrec-4)
	for k := 3; ; k += 2 {
		pow.Mul(pow, s2)
		term.Quo(pow, newBig(float64(k)))
		sum.Add(sum, term)
		if term.Sign() == 0 || newBig(0).Abs(term).Cmp(newBig(0).Mul(eps, newBig(0).Abs(sum))) < 0 {
			break
		}
	}
	return sum.Mul(sum, newBig(2))
}

// ln2 is ln 2 = 2·atanh(1/3) at logPrec bits.
var ln2 = sync.OnceValue(func() *big.Float {
	third := newBig(1)
	third.Quo(third, newBig(3))
	return atanh2(third)
})
