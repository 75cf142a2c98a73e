// Package digitfile reads and writes the compact file that holds the default
// digit images of package autils.
//
// The images are stored in blocks of equal size (one block per digit), each
// pixel quantised to one byte, and each block run-length encoded on its
// background (zero) pixels. A block can be decoded without touching the
// others, so the binary 0/1 set decodes only its two blocks.
//
// Layout (little-endian):
//
//	magic     [8]byte  "NNLABDG1"
//	rows      uint16   images per block
//	cols      uint16   pixels per image
//	blocks    uint16   number of blocks
//	zero      uint16   code of the value 0
//	scale     uint16   codes per unit: value = (code - zero) / scale
//	offsets   [blocks+1]uint32, start of each block's stream (and the end
//	          of the last) relative to the end of the header
//	streams   each block: a sequence of (run, count uint8) pairs, each
//	          followed by count literal codes; run background pixels come
//	          first, then the count literals. Pixels are in row order.
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
	magic = "NNLABDG1"

	// Zero is the code of the value 0.
	Zero = 48
	// Scale is the number of codes per unit of intensity. With Zero = 48
	// the representable range is [-48/176, 207/176] ~ [-0.273, 1.176] in
	// steps of 1/176 ~ 0.0057.
	Scale = 176

	fixedHeader = 8 + 5*2
)

// Quantize returns the one-byte code of the intensity v, clamped to the
// representable range.
func Quantize(v float64) byte {
	q := math.Round(v*Scale) + Zero
	return byte(max(0, min(255, q)))
}

// Encode returns the file holding the given blocks of codes; each block has
// rows images of cols pixels, row after row.
func Encode(rows, cols int, blocks [][]byte) ([]byte, error) {
	if rows <= 0 || cols <= 0 || rows > math.MaxUint16 || cols > math.MaxUint16 || len(blocks) > math.MaxUint16 {
		return nil, fmt.Errorf("digitfile: unsupported dimensions %d blocks of %dx%d", len(blocks), rows, cols)
	}
	out := []byte(magic)
	for _, v := range []int{rows, cols, len(blocks), Zero, Scale} {
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
			for i < len(codes) && codes[i] == Zero && run < 255 {
				run++
				i++
			}
			j := i
			for j < len(codes) && codes[j] != Zero && j-i < 255 {
				j++
			}
			out = append(out, byte(run), byte(j-i))
			out = append(out, codes[i:j]...)
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

	lut     [256]float64
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
	zero, scale := u16(3), u16(4)
	if f.Rows == 0 || f.Cols == 0 || scale == 0 {
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
	for c := range f.lut {
		f.lut[c] = float64(c-zero) / float64(scale)
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
			if cnt > len(s) || pos+cnt > len(out) {
				return fmt.Errorf("%w: block %d: run past the end", errCorrupt, first+b)
			}
			for _, c := range s[:cnt] {
				out[pos] = f.lut[c]
				pos++
			}
			s = s[cnt:]
		}
		if pos != len(out) {
			return fmt.Errorf("%w: block %d: %d pixels, want %d", errCorrupt, first+b, pos, len(out))
		}
	}
	return nil
}
