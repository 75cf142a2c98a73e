package mnistgen

import (
	"math"
	"testing"
)

// TestResizeVerticalBar resizes a synthetic 28x28 image holding a vertical
// bar and checks that the bar fills the frame, stays vertical in the upright
// picture, and is stored column-major.
func TestResizeVerticalBar(t *testing.T) {
	const w, h = 28, 28
	img := make([]byte, w*h)
	for y := 4; y < 24; y++ { // 20 rows tall
		for x := 12; x < 15; x++ { // 3 columns wide
			img[y*w+x] = 255
		}
	}
	out := Resize(img, w, h)
	if len(out) != Side*Side {
		t.Fatalf("%d values, want %d", len(out), Side*Side)
	}
	at := func(r, c int) float64 { return out[c*Side+r] } // column-major
	// The bar spans 18 of 20 output rows (1-pixel margins), centred.
	mid := Side / 2
	if v := at(mid, mid); math.Abs(v-1) > 0.1 {
		t.Errorf("centre pixel %v, want about 1", v)
	}
	for _, r := range []int{2, 10, 17} {
		if v := at(r, mid); v < 0.9 {
			t.Errorf("pixel (%d, %d) = %v, want ink along the vertical bar", r, mid, v)
		}
	}
	for _, rc := range [][2]int{{0, mid}, {Side - 1, mid}, {mid, 2}, {mid, Side - 3}} {
		if v := at(rc[0], rc[1]); math.Abs(v) > 0.05 {
			t.Errorf("pixel %v = %v, want background", rc, v)
		}
	}
	// Bicubic overshoot: a dip below 0 next to the bar's sides.
	if v := math.Min(at(mid, mid-2), at(mid, mid+2)); v >= 0 {
		t.Errorf("no negative ringing beside the bar (min %v)", v)
	}
}

func TestResizeEmpty(t *testing.T) {
	for i, v := range Resize(make([]byte, 28*28), 28, 28) {
		if v != 0 {
			t.Fatalf("value %d of an empty image is %v", i, v)
		}
	}
}

func TestCubicKernel(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{
		{0, 1}, {1, 0}, {-1, 0}, {2, 0}, {0.5, 0.5625}, {1.5, -0.0625}, {3, 0},
	} {
		if got := cubic(tc.x); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("cubic(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}
