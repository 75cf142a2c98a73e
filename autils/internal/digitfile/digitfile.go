// Package digitfile reads and writes the compact file that holds the default
// digit images of package autils.
//
// The images are stored in blocks of equal size (one block per digit), each
// pixel as a two-byte floating-point code (see [Code]), and each block
// run-length encoded on its background (exactly zero) pixels. A block can be
// decoded without touching the others, so the binary 0/1 set decodes only
// its two blocks.
//
// The codes are floating point rather than fixed steps so that the tiny
// values resampling leaves around a stroke (1e-6, 1e-17: what makes numpy
// print the course's images in scientific notation) survive next to the
// intensities near 1, each to about 3 significant digits.
//
// Layout (little-endian):
//
//	magic     [8]byte  "NNLABDG2"
//	rows      uint16   images per block
//	cols      uint16   pixels per image
//	blocks    uint16   number of blocks
//	offsets   [blocks+1]uint32, start of each block's stream (and the end
//	          of the last) relative to the end of the header
//	streams   each block: a sequence of (run, count uint8) pairs, each
//	          followed by count literal codes (uint16); run background
//	          pixels come first, then the count literals. Pixels are in
//	          row order.
//
// The encoding is fully specified here (no general-purpose compressor is
// involved), so the same images always give the same bytes on every Go
// version.
package digitfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

const (
	magic = "NNLABDG2"

	fixedHeader = 8 + 3*2

	// The code of a value: sign (1 bit), exponent (expBits) and mantissa
	// (mantBits, the leading 1 implied), like a small IEEE float without
	// subnormals, infinities or NaNs. Code 0 is the value 0.
	expBits  = 6
	mantBits = 9
	// expBias places the exponents 1..63 on 2^-62 .. 2^0: codes cover
	// magnitudes from 2^-62 (about 2.2e-19) to just under 2.
	expBias = 63
)

// MinMagnitude is the smallest non-zero magnitude a code holds; smaller
// values are stored as 0.
const MinMagnitude = 0x1p-62

// MaxMagnitude is the largest magnitude a code holds; larger values are
// clamped to it.
const MaxMagnitude = 2 - 0x1p-9

// Code returns the two-byte code of v: v rounded to 10 significant bits
// (a relative error of at most 2^-10, about 0.1%), to 0 below
// [MinMagnitude] and clamped at [MaxMagnitude]. NaN codes as 0.
func Code(v float64) uint16 {
	a := math.Abs(v)
	if !(a >= MinMagnitude) { // also NaN
		return 0
	}
	var sign uint16
	if math.Signbit(v) {
		sign = 1 << 15
	}
	if a >= MaxMagnitude {
		return sign | (1<<expBits-1)<<mantBits | (1<<mantBits - 1)
	}
	// Round the 52-bit mantissa to mantBits, half to even; a carry moves
	// into the exponent, as it should.
	b := math.Float64bits(a)
	const drop = 52 - mantBits
	b += 1<<(drop-1) - 1 + (b>>drop)&1
	e := int(b>>52) - 1023 + expBias
	m := uint16(b>>drop) & (1<<mantBits - 1)
	switch {
	case e <= 0:
		return 0 // unreachable: a >= MinMagnitude
	case e >= 1<<expBits:
		return sign | (1<<expBits-1)<<mantBits | (1<<mantBits - 1)
	}
	return sign | uint16(e)<<mantBits | m
}

// Value returns the value of a code: the inverse of [Code].
func Value(c uint16) float64 {
	e := int(c>>mantBits) & (1<<expBits - 1)
	if e == 0 {
		return 0
	}
	b := uint64(e-expBias+1023)<<52 | uint64(c&(1<<mantBits-1))<<(52-mantBits)
	if c&(1<<15) != 0 {
		b |= 1 << 63
	}
	return math.Float64frombits(b)
}

// Encode returns the file holding the given blocks of codes; each block has
// rows images of cols pixels, row after row.
func Encode(rows, cols int, blocks [][]uint16) ([]byte, error) {
	if rows <= 0 || cols <= 0 || rows > math.MaxUint16 || cols > math.MaxUint16 || len(blocks) > math.MaxUint16 {
		return nil, fmt.Errorf("digitfile: unsupported dimensions %d blocks of %dx%d", len(blocks), rows, cols)
	}
	out := []byte(magic)
	for _, v := range []int{rows, cols, len(blocks)} {
		out = binary.LittleEndian.AppendUint16(out, uint16(v))
	}
	offPos := len(out)
	out = append(out, make([]byte, 4*(len(blocks)+1))...)
	dataStart := len(out)
	for b, codes := range blocks {
		if len(codes) != rows*cols {
			return nil, fmt.Errorf("digitfile: block %d has %d codes, want %d", b, len(codes), rows*cols)
		}
		binary.LittleEndian.PutUint32(out[offPos+4*b:], uint32(len(out)-dataStart))
		for i := 0; i < len(codes); {
			run := 0
			for i < len(codes) && codes[i] == 0 && run < 255 {
				run++
				i++
			}
			j := i
			for j < len(codes) && codes[j] != 0 && j-i < 255 {
				j++
			}
			out = append(out, byte(run), byte(j-i))
			for _, c := range codes[i:j] {
				out = binary.LittleEndian.AppendUint16(out, c)
			}
			i = j
		}
	}
	binary.LittleEndian.PutUint32(out[offPos+4*len(blocks):], uint32(len(out)-dataStart))
	return out, nil
}

// File is a parsed digit file.
type File struct {
	Rows   int // images per block
	Cols   int // pixels per image
	Blocks int // number of blocks

	offsets []uint32
	data    []byte
}

var errCorrupt = errors.New("digitfile: corrupt file")

// Parse checks the header of a digit file and returns it ready to decode.
// It does not copy b.
func Parse(b []byte) (*File, error) {
	if len(b) < fixedHeader || string(b[:8]) != magic {
		return nil, fmt.Errorf("%w: bad header", errCorrupt)
	}
	u16 := func(i int) int { return int(binary.LittleEndian.Uint16(b[8+2*i:])) }
	f := &File{Rows: u16(0), Cols: u16(1), Blocks: u16(2)}
	if f.Rows == 0 || f.Cols == 0 {
		return nil, fmt.Errorf("%w: bad dimensions", errCorrupt)
	}
	n := f.Blocks + 1
	if len(b) < fixedHeader+4*n {
		return nil, fmt.Errorf("%w: truncated offsets", errCorrupt)
	}
	f.offsets = make([]uint32, n)
	for i := range f.offsets {
		f.offsets[i] = binary.LittleEndian.Uint32(b[fixedHeader+4*i:])
		if i > 0 && f.offsets[i] < f.offsets[i-1] {
			return nil, fmt.Errorf("%w: offsets out of order", errCorrupt)
		}
	}
	f.data = b[fixedHeader+4*n:]
	if int64(f.offsets[n-1]) != int64(len(f.data)) {
		return nil, fmt.Errorf("%w: data is %d bytes, header says %d", errCorrupt, len(f.data), f.offsets[n-1])
	}
	return f, nil
}

// Decode decodes the blocks first, first+1, ..., first+n-1 into dst, which
// must hold n*Rows*Cols values and be all zeros on entry (only non-background
// pixels are written). Images follow one another, block after block.
func (f *File) Decode(first, n int, dst []float64) error {
	size := f.Rows * f.Cols
	if first < 0 || n < 0 || first+n > f.Blocks {
		return fmt.Errorf("digitfile: blocks %d..%d out of range (file has %d)", first, first+n-1, f.Blocks)
	}
	if len(dst) != n*size {
		return fmt.Errorf("digitfile: destination holds %d values, want %d", len(dst), n*size)
	}
	for b := 0; b < n; b++ {
		s := f.data[f.offsets[first+b]:f.offsets[first+b+1]]
		out := dst[b*size : (b+1)*size]
		pos := 0
		for len(s) > 0 {
			if len(s) < 2 {
				return fmt.Errorf("%w: block %d: truncated run", errCorrupt, first+b)
			}
			pos += int(s[0])
			cnt := int(s[1])
			s = s[2:]
			if 2*cnt > len(s) || pos+cnt > len(out) {
				return fmt.Errorf("%w: block %d: run past the end", errCorrupt, first+b)
			}
			for k := 0; k < cnt; k++ {
				out[pos] = Value(binary.LittleEndian.Uint16(s[2*k:]))
				pos++
			}
			s = s[2*cnt:]
		}
		if pos != len(out) {
			return fmt.Errorf("%w: block %d: %d pixels, want %d", errCorrupt, first+b, pos, len(out))
		}
	}
	return nil
}
