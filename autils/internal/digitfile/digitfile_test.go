package digitfile

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

func TestCode(t *testing.T) {
	for _, tc := range []struct{ v, want float64 }{
		{0, 0}, {1, 1}, {-1, -1}, {0.5, 0.5}, {1.5, 1.5}, {-0.0625, -0.0625},
		{1.28335523e-17, 0x1.d98p-57}, // ten significant bits
		{1 + 0x1p-10, 1},              // a tie rounds to even
		{1 + 3*0x1p-10, 1 + 0x1p-8},   // a tie rounds to even, upwards
		{2 - 0x1p-11, MaxMagnitude},   // rounding would reach 2
		{5, MaxMagnitude}, {-5, -MaxMagnitude},
		{MinMagnitude, MinMagnitude}, {0x1p-63, 0}, {0x1.fffp-63, 0},
		{1e-30, 0}, {math.NaN(), 0},
	} {
		if got := Value(Code(tc.v)); got != tc.want {
			t.Errorf("Value(Code(%g)) = %g (%x), want %g (%x)", tc.v, got, got, tc.want, tc.want)
		}
	}
	// Every magnitude in range keeps ten significant bits.
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 100000; i++ {
		v := math.Ldexp(1+r.Float64(), -r.IntN(62)-1)
		if r.IntN(2) == 0 {
			v = -v
		}
		got := Value(Code(v))
		if rel := math.Abs(got-v) / math.Abs(v); rel > 0x1p-10 {
			t.Fatalf("Value(Code(%g)) = %g: relative error %g > 2^-10", v, got, rel)
		}
	}
	// Codes and values are one to one.
	for c := 0; c < 1<<16; c++ {
		v := Value(uint16(c))
		if v == 0 {
			if c&0x7fff>>mantBits != 0 {
				t.Fatalf("code %#x with a non-zero exponent decodes to 0", c)
			}
			continue
		}
		if back := Code(v); back != uint16(c) {
			t.Fatalf("Code(Value(%#x)) = %#x", c, back)
		}
	}
}

// blocks returns n blocks of rows x cols codes, mostly background with long
// runs of zeros and of ink, to exercise the 255 limits of the encoding.
func blocks(n, rows, cols int) [][]uint16 {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([][]uint16, n)
	for b := range out {
		out[b] = make([]uint16, rows*cols)
		for k := 0; k < 20; k++ {
			start, length := r.IntN(rows*cols), r.IntN(700)
			for i := start; i < min(start+length, rows*cols); i++ {
				out[b][i] = uint16(r.IntN(1 << 16))
			}
		}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	in := blocks(4, 30, 40)
	enc, err := Encode(30, 40, in)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(enc)
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows != 30 || f.Cols != 40 || f.Blocks != 4 {
		t.Fatalf("header %d blocks of %dx%d, want 4 of 30x40", f.Blocks, f.Rows, f.Cols)
	}
	dst := make([]float64, 2*30*40)
	if err := f.Decode(1, 2, dst); err != nil {
		t.Fatal(err)
	}
	for b := 0; b < 2; b++ {
		for i, c := range in[1+b] {
			if got, want := dst[b*1200+i], Value(c); got != want {
				t.Fatalf("block %d value %d = %v, want %v", 1+b, i, got, want)
			}
		}
	}
	// Encoding is deterministic.
	enc2, _ := Encode(30, 40, in)
	if !bytes.Equal(enc, enc2) {
		t.Error("two encodings differ")
	}
}

func TestCorrupt(t *testing.T) {
	enc, err := Encode(30, 40, blocks(2, 30, 40))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(enc[:len(enc)-1]); err == nil {
		t.Error("Parse accepted a truncated file")
	}
	if _, err := Parse(append([]byte("XXXXXXXX"), enc[8:]...)); err == nil {
		t.Error("Parse accepted a bad magic")
	}
	// Damage every byte of the streams in turn: Decode must report an error
	// or decode something, never panic.
	for i := fixedHeader + 12; i < len(enc); i++ {
		bad := bytes.Clone(enc)
		bad[i] ^= 0xff
		f, err := Parse(bad)
		if err != nil {
			continue
		}
		_ = f.Decode(0, 2, make([]float64, 2*1200))
	}
	f, _ := Parse(enc)
	if err := f.Decode(1, 2, make([]float64, 2*1200)); err == nil {
		t.Error("Decode accepted blocks past the end")
	}
	if err := f.Decode(0, 1, make([]float64, 10)); err == nil {
		t.Error("Decode accepted a destination of the wrong size")
	}
}
