package nprand

import "math"

const (
	mtN       = 624
	mtM       = 397
	mtMatrixA = 0x9908b0df
	mtUpper   = 0x80000000
	mtLower   = 0x7fffffff
)

// RandomState is numpy's legacy random generator (np.random.RandomState):
// a 32-bit Mersenne Twister plus the Gaussian it caches between calls.
// Make one with [NewRandomState]; the zero value is not seeded.
// A RandomState is not safe for concurrent use.
type RandomState struct {
	key      [mtN]uint32
	pos      int
	hasGauss bool
	gauss    float64
}

// NewRandomState returns the generator numpy's RandomState(seed) and
// np.random.seed(seed) make: MT19937 seeded with init_genrand(seed).
func NewRandomState(seed uint32) *RandomState {
	r := &RandomState{}
	r.Seed(seed)
	return r
}

// Seed resets r as np.random.seed(seed) does, dropping any cached Gaussian.
func (r *RandomState) Seed(seed uint32) {
	s := seed
	for i := range mtN {
		r.key[i] = s
		s = 1812433253*(s^(s>>30)) + uint32(i) + 1
	}
	r.pos = mtN
	r.hasGauss = false
	r.gauss = 0
}

// generate refills the state with the next 624 words.
func (r *RandomState) generate() {
	k := &r.key
	var i int
	for i = 0; i < mtN-mtM; i++ {
		y := (k[i] & mtUpper) | (k[i+1] & mtLower)
		k[i] = k[i+mtM] ^ (y >> 1) ^ (-(y & 1) & mtMatrixA)
	}
	for ; i < mtN-1; i++ {
		y := (k[i] & mtUpper) | (k[i+1] & mtLower)
		k[i] = k[i+mtM-mtN] ^ (y >> 1) ^ (-(y & 1) & mtMatrixA)
	}
	y := (k[mtN-1] & mtUpper) | (k[0] & mtLower)
	k[mtN-1] = k[mtM-1] ^ (y >> 1) ^ (-(y & 1) & mtMatrixA)
	r.pos = 0
}

// Uint32 returns the next 32-bit output of the Mersenne Twister.
func (r *RandomState) Uint32() uint32 {
	if r.pos == mtN {
		r.generate()
	}
	y := r.key[r.pos]
	r.pos++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// Float64 returns one uniform double in [0, 1) made of 53 random bits from
// two outputs, as numpy's random_sample does.
func (r *RandomState) Float64() float64 {
	a := r.Uint32() >> 5
	b := r.Uint32() >> 6
	return (float64(a)*67108864 + float64(b)) / 9007199254740992
}

// RandomSample returns n uniform doubles in [0, 1):
// numpy's random_sample((n,)), rand(n) and np.random.sample((n,)).
func (r *RandomState) RandomSample(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = r.Float64()
	}
	return out
}

// Rand is numpy's rand(n), the same stream as [RandomState.RandomSample].
func (r *RandomState) Rand(n int) []float64 { return r.RandomSample(n) }

// StandardNormal returns one standard Gaussian value by numpy's legacy polar
// method: it draws a point uniformly in the unit disc, returns one of the two
// values it gives and keeps the other for the next call.
func (r *RandomState) StandardNormal() float64 {
	if r.hasGauss {
		r.hasGauss = false
		g := r.gauss
		r.gauss = 0
		return g
	}
	var x1, x2, r2 float64
	for {
		x1 = 2*r.Float64() - 1
		x2 = 2*r.Float64() - 1
		r2 = float64(x1*x1) + float64(x2*x2) // no fused multiply-add: numpy rounds each product
		if r2 < 1 && r2 != 0 {
			break
		}
	}
	f := math.Sqrt(-2 * log(r2) / r2)
	r.gauss = f * x1
	r.hasGauss = true
	return f * x2
}

// Randn returns n standard Gaussian values: numpy's randn(n).
func (r *RandomState) Randn(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = r.StandardNormal()
	}
	return out
}

// Normal returns n Gaussian values of mean loc and standard deviation
// scale, each loc + scale·g: numpy's normal(loc, scale, n).
func (r *RandomState) Normal(loc, scale float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = loc + float64(scale*r.StandardNormal())
	}
	return out
}

// Interval returns a uniform integer in [0, max] the way numpy's legacy
// generator bounds integers: it masks 32-bit outputs (64-bit ones when max
// needs them) to the smallest 2^k-1 that covers max and draws again while
// the result exceeds max.
func (r *RandomState) Interval(max uint64) uint64 {
	if max == 0 {
		return 0
	}
	mask := max
	mask |= mask >> 1
	mask |= mask >> 2
	mask |= mask >> 4
	mask |= mask >> 8
	mask |= mask >> 16
	mask |= mask >> 32
	if max <= math.MaxUint32 {
		for {
			if v := uint64(r.Uint32()) & mask; v <= max {
				return v
			}
		}
	}
	for {
		if v := r.uint64() & mask; v <= max {
			return v
		}
	}
}

// uint64 is the legacy generator's 64-bit output: two 32-bit ones, high first.
func (r *RandomState) uint64() uint64 {
	hi := uint64(r.Uint32())
	return hi<<32 | uint64(r.Uint32())
}

// Randint returns n integers uniform in [low, high): numpy's
// randint(low, high, n). It panics if high <= low.
func (r *RandomState) Randint(low, high int64, n int) []int64 {
	if high <= low {
		panic("nprand: Randint needs low < high")
	}
	span := uint64(high-1) - uint64(low)
	out := make([]int64, n)
	for i := range out {
		out[i] = low + int64(r.Interval(span))
	}
	return out
}

// Shuffle shuffles n elements in place as numpy's shuffle does (Fisher-Yates
// from the last element down, i swapped with Interval(i)); swap exchanges
// the elements with indexes i and j.
func (r *RandomState) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		j := int(r.Interval(uint64(i)))
		swap(i, j)
	}
}

// Permutation returns a shuffled 0, 1, ..., n-1: numpy's permutation(n).
func (r *RandomState) Permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}
