package digitfile

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestQuantize(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want byte
	}{
		{0, Zero}, {1, Zero + Scale}, {-0.1, Zero - 18}, {-5, 0}, {5, 255},
	} {
		if got := Quantize(tc.v); got != tc.want {
			t.Errorf("Quantize(%v) = %d, want %d", tc.v, got, tc.want)
		}
	}
}

// blocks returns n blocks of rows x cols codes, mostly background with long
// runs of zeros and of ink, to exercise the 255 limits of the encoding.
func blocks(n, rows, cols int) [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([][]byte, n)
	for b := range out {
		out[b] = make([]byte, rows*cols)
		for i := range out[b] {
			out[b][i] = Zero
		}
		for k := 0; k < 20; k++ {
			start, length := r.IntN(rows*cols), r.IntN(700)
			for i := start; i < min(start+length, rows*cols); i++ {
				out[b][i] = byte(r.IntN(256))
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
			if got, want := dst[b*1200+i], float64(int(c)-Zero)/Scale; got != want {
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
