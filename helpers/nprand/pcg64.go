package nprand

import "math/bits"

// SeedSequence is numpy's np.random.SeedSequence for an integer entropy and
// no spawn key: it hashes the seed into a pool of four 32-bit words and
// derives a generator's initial state from that pool.
type SeedSequence struct {
	pool [seedPoolSize]uint32
}

const (
	seedPoolSize = 4
	seedInitA    = 0x43b0d7e5
	seedMultA    = 0x931e8875
	seedInitB    = 0x8b51f9dd
	seedMultB    = 0x58f38ded
	seedMixL     = 0xca01f9dd
	seedMixR     = 0x4973f715
	seedXShift   = 16
)

// NewSeedSequence returns numpy's SeedSequence(entropy).
func NewSeedSequence(entropy uint64) *SeedSequence {
	// The entropy as 32-bit words, least significant first; 0 is one word.
	words := []uint32{uint32(entropy)}
	if entropy>>32 != 0 {
		words = append(words, uint32(entropy>>32))
	}
	s := &SeedSequence{}
	hashConst := uint32(seedInitA)
	hashmix := func(v uint32) uint32 {
		v ^= hashConst
		hashConst *= seedMultA
		v *= hashConst
		v ^= v >> seedXShift
		return v
	}
	mix := func(x, y uint32) uint32 {
		r := seedMixL*x - seedMixR*y
		r ^= r >> seedXShift
		return r
	}
	for i := range s.pool {
		var w uint32
		if i < len(words) {
			w = words[i]
		}
		s.pool[i] = hashmix(w)
	}
	for src := range s.pool {
		for dst := range s.pool {
			if src != dst {
				s.pool[dst] = mix(s.pool[dst], hashmix(s.pool[src]))
			}
		}
	}
	return s
}

// Pool returns a copy of the sequence's entropy pool (numpy's pool).
func (s *SeedSequence) Pool() [4]uint32 { return s.pool }

// GenerateState32 returns n words of numpy's generate_state(n, np.uint32).
func (s *SeedSequence) GenerateState32(n int) []uint32 {
	out := make([]uint32, n)
	hashConst := uint32(seedInitB)
	for i := range out {
		v := s.pool[i%seedPoolSize]
		v ^= hashConst
		hashConst *= seedMultB
		v *= hashConst
		v ^= v >> seedXShift
		out[i] = v
	}
	return out
}

// GenerateState64 returns n words of numpy's generate_state(n, np.uint64):
// pairs of 32-bit words, the first of each pair the low half.
func (s *SeedSequence) GenerateState64(n int) []uint64 {
	w := s.GenerateState32(2 * n)
	out := make([]uint64, n)
	for i := range out {
		out[i] = uint64(w[2*i]) | uint64(w[2*i+1])<<32
	}
	return out
}

// PCG64 is numpy's PCG64 bit generator: a 128-bit linear congruential state
// with the XSL-RR output (not the DXSM one of Go's math/rand/v2).
type PCG64 struct {
	stateHi, stateLo uint64
	incHi, incLo     uint64
}

const (
	pcgMultHi = 2549297995355413924
	pcgMultLo = 4865540595714422341
)

// NewPCG64 returns numpy's PCG64(seed): seeded from SeedSequence(seed).
func NewPCG64(seed uint64) *PCG64 {
	st := NewSeedSequence(seed).GenerateState64(4)
	p := &PCG64{}
	// pcg64_set_seed: state (st[0] high, st[1] low), stream (st[2], st[3]).
	p.incHi = st[2]<<1 | st[3]>>63
	p.incLo = st[3]<<1 | 1
	p.step()
	var carry uint64
	p.stateLo, carry = bits.Add64(p.stateLo, st[1], 0)
	p.stateHi, _ = bits.Add64(p.stateHi, st[0], carry)
	p.step()
	return p
}

// step advances the state: state = state·mult + inc (mod 2^128).
func (p *PCG64) step() {
	hi, lo := bits.Mul64(p.stateLo, pcgMultLo)
	hi += p.stateHi*pcgMultLo + p.stateLo*pcgMultHi
	var carry uint64
	p.stateLo, carry = bits.Add64(lo, p.incLo, 0)
	p.stateHi, _ = bits.Add64(hi, p.incHi, carry)
}

// Uint64 advances the generator and returns its next output
// (numpy's random_raw).
func (p *PCG64) Uint64() uint64 {
	p.step()
	return bits.RotateLeft64(p.stateHi^p.stateLo, -int(p.stateHi>>58))
}

// Generator is numpy's np.random.Generator on a PCG64, as
// np.random.default_rng(seed) returns it. Only the draws the labs make are
// here. A Generator is not safe for concurrent use.
type Generator struct {
	bits *PCG64
}

// DefaultRNG returns numpy's np.random.default_rng(seed).
func DefaultRNG(seed uint64) *Generator {
	return &Generator{bits: NewPCG64(seed)}
}

// Float64 returns one uniform double in [0, 1): the top 53 bits of the next
// 64-bit output, as numpy's Generator.random() makes it.
func (g *Generator) Float64() float64 {
	return float64(g.bits.Uint64()>>11) * (1.0 / 9007199254740992.0)
}

// Random returns n uniform doubles in [0, 1): numpy's random(n).
func (g *Generator) Random(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = g.Float64()
	}
	return out
}
