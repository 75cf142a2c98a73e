package autils

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/sbinet/npyio/npy"
	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/helpers/npfmt"
)

// courseFiles returns the paths of the course's data files under dir and
// whether they are there. Exactly one of the two being present is an error.
func courseFiles(dir string) (xPath, yPath string, found bool, err error) {
	if dir == "" {
		dir = "."
	}
	xPath = filepath.Join(dir, "data", "X.npy")
	yPath = filepath.Join(dir, "data", "y.npy")
	xOK, err := isFile(xPath)
	if err != nil {
		return xPath, yPath, false, err
	}
	yOK, err := isFile(yPath)
	if err != nil {
		return xPath, yPath, false, err
	}
	switch {
	case xOK && !yOK:
		return xPath, yPath, false, fmt.Errorf("found %s but not %s: the course's data needs both files (copy %s next to it, or remove %s)",
			xPath, yPath, filepath.Base(yPath), xPath)
	case yOK && !xOK:
		return xPath, yPath, false, fmt.Errorf("found %s but not %s: the course's data needs both files (copy %s next to it, or remove %s)",
			yPath, xPath, filepath.Base(xPath), yPath)
	}
	return xPath, yPath, xOK, nil
}

// isFile reports whether path exists; a directory in its place is an error.
func isFile(path string) (bool, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case st.IsDir():
		return false, fmt.Errorf("%s is a directory, want a .npy file", path)
	}
	return true, nil
}

// readCourseFiles reads the first rows examples of the course's X and y
// files. Labels must be whole numbers in 0..maxLabel.
func readCourseFiles(xPath, yPath string, rows, maxLabel int) (X, y *mat.Dense, err error) {
	xa, err := openNPY(xPath)
	if err != nil {
		return nil, nil, err
	}
	defer xa.Close()
	ya, err := openNPY(yPath)
	if err != nil {
		return nil, nil, err
	}
	defer ya.Close()
	xs, err := xa.images(rows)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", xPath, err)
	}
	ys, err := ya.labels(rows, maxLabel)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", yPath, err)
	}
	if xa.shape[0] != ya.shape[0] {
		return nil, nil, fmt.Errorf("%s has %d rows but %s has %d: the two files must come from the same data set",
			xPath, xa.shape[0], yPath, ya.shape[0])
	}
	return mat.NewDense(rows, NumPixels, xs), mat.NewDense(rows, 1, ys), nil
}

// npyFile is an open, checked .npy file.
type npyFile struct {
	*npyArray
	*os.File
}

// openNPY opens and checks the .npy file at path; errors name the file.
func openNPY(path string) (*npyFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	a, err := parseNPY(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &npyFile{a, f}, nil
}

// npyArray is a checked .npy file: a header that npyio parsed and a data
// section whose size matches it exactly. Only the elements a data set needs
// are read, on demand.
type npyArray struct {
	hdr     npy.Header
	shape   []int
	elem    reflect.Type // Go type of one element
	size    int          // bytes per element
	r       io.ReaderAt
	dataOff int64 // offset of the data section in r
}

// parseNPY checks a .npy file of the given size: its header, its dtype and
// the size of its data. Errors say what is wrong in words a learner can act
// on; the caller adds the file name.
func parseNPY(r io.ReaderAt, fileSize int64) (*npyArray, error) {
	hdr, err := readNPYHeader(r, fileSize)
	if err != nil {
		return nil, err
	}
	h, err := decodeNPYHeader(hdr)
	if err != nil {
		return nil, err
	}
	a := &npyArray{hdr: h, shape: h.Descr.Shape, r: r, dataOff: int64(len(hdr))}
	if err := a.checkDtype(); err != nil {
		return nil, err
	}
	if err := a.checkDataSize(fileSize); err != nil {
		return nil, err
	}
	return a, nil
}

// readNPYHeader checks the magic bytes and the format version and returns
// the whole header: the bytes before the data.
func readNPYHeader(r io.ReaderAt, fileSize int64) ([]byte, error) {
	var pre [12]byte
	n, err := r.ReadAt(pre[:min(fileSize, 12)], 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	b := pre[:n]
	if len(b) < len(npy.Magic)+4 || !bytes.Equal(b[:len(npy.Magic)], npy.Magic[:]) {
		return nil, errors.New("not a NumPy .npy file (bad magic bytes); the file is corrupt or was saved in another format")
	}
	var hdrEnd int64
	switch major := b[6]; major {
	case 1:
		hdrEnd = 10 + int64(binary.LittleEndian.Uint16(b[8:]))
	case 2:
		if len(b) < 12 {
			return nil, errors.New("truncated: the .npy header is incomplete; copy the file again")
		}
		hdrEnd = 12 + int64(binary.LittleEndian.Uint32(b[8:]))
	default:
		return nil, fmt.Errorf("unsupported .npy format version %d.%d (want 1.0 or 2.0); save it again with numpy.save", major, b[7])
	}
	if hdrEnd > fileSize {
		return nil, fmt.Errorf("truncated: the file is %d bytes but its header needs %d; the file is incomplete, copy it again", fileSize, hdrEnd)
	}
	hdr := make([]byte, hdrEnd)
	if _, err = r.ReadAt(hdr, 0); err != nil {
		return nil, err
	}
	if !bytes.Contains(hdr, []byte("\n")) {
		return nil, errors.New("corrupt .npy header (no end of line)")
	}
	return hdr, nil
}

// decodeNPYHeader parses the header's Python dict (dtype, order, shape).
func decodeNPYHeader(hdr []byte) (h npy.Header, err error) {
	// npyio v0.6.0 can panic on malformed headers; turn that into an error.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("corrupt .npy header (%v)", p)
		}
	}()
	nr, err := npy.NewReader(bytes.NewReader(hdr))
	if err != nil {
		return npy.Header{}, fmt.Errorf("corrupt .npy header: %w", err)
	}
	return nr.Header, nil
}

// checkDtype sets the element type and size from the header's dtype, which
// must be a float or an integer.
func (a *npyArray) checkDtype() error {
	dt := a.hdr.Descr.Type
	a.elem = npy.TypeFrom(dt)
	if a.elem == nil {
		return fmt.Errorf("unsupported dtype %q", dt)
	}
	switch a.elem.Kind() {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		a.size = int(a.elem.Size())
		return nil
	}
	return fmt.Errorf("dtype %q is not a number type (want float or integer)", dt)
}

// checkDataSize checks that the data after the header holds exactly the
// elements of the shape.
func (a *npyArray) checkDataSize(fileSize int64) error {
	// Number of elements, capped just above the file size (no overflow).
	elems := int64(1)
	for _, d := range a.shape {
		if d < 0 {
			return fmt.Errorf("corrupt .npy header: negative dimension in shape %s", npfmt.ShapeOf(a.shape...))
		}
		if d > 0 && elems > (fileSize+1)/int64(d) {
			elems = fileSize + 1 // more than the file can hold
		} else {
			elems *= int64(d)
		}
	}
	dt := a.hdr.Descr.Type
	have := fileSize - a.dataOff
	switch need := elems * int64(a.size); {
	case have < need:
		return fmt.Errorf("truncated: a %s array of %s needs %d bytes of data but the file has only %d; the file is incomplete, copy it again",
			npfmt.ShapeOf(a.shape...), dt, need, have)
	case have > need:
		return fmt.Errorf("corrupt: %d unexpected bytes after the data of a %s array of %s", have-need, npfmt.ShapeOf(a.shape...), dt)
	}
	return nil
}

// read returns the raw bytes of elements k..k+count-1, reusing buf.
func (a *npyArray) read(buf []byte, k, count int) ([]byte, error) {
	n := count * a.size
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := a.r.ReadAt(buf, a.dataOff+int64(k)*int64(a.size)); err != nil {
		return nil, fmt.Errorf("reading data: %w", err)
	}
	return buf, nil
}

// decoder returns a function that converts element k of the raw bytes d to
// float64, following the file's dtype and byte order.
//
// The data section is decoded here rather than with npyio's Reader, which in
// v0.6.0 issues one Read call per element (about 40 ms for the course's
// 5000x400 X, on every notebook cell) and cannot skip the rows a set does
// not use. parseNPY has already checked the size of the data.
func (a *npyArray) decoder() func(d []byte, k int) float64 {
	var order binary.ByteOrder = binary.LittleEndian
	if strings.HasPrefix(a.hdr.Descr.Type, ">") {
		order = binary.BigEndian
	}
	switch a.elem.Kind() {
	case reflect.Float64:
		return func(d []byte, k int) float64 { return math.Float64frombits(order.Uint64(d[8*k:])) }
	case reflect.Float32:
		return func(d []byte, k int) float64 { return float64(math.Float32frombits(order.Uint32(d[4*k:]))) }
	case reflect.Int8:
		return func(d []byte, k int) float64 { return float64(int8(d[k])) }
	case reflect.Uint8:
		return func(d []byte, k int) float64 { return float64(d[k]) }
	case reflect.Int16:
		return func(d []byte, k int) float64 { return float64(int16(order.Uint16(d[2*k:]))) }
	case reflect.Uint16:
		return func(d []byte, k int) float64 { return float64(order.Uint16(d[2*k:])) }
	case reflect.Int32:
		return func(d []byte, k int) float64 { return float64(int32(order.Uint32(d[4*k:]))) }
	case reflect.Uint32:
		return func(d []byte, k int) float64 { return float64(order.Uint32(d[4*k:])) }
	case reflect.Int64:
		return func(d []byte, k int) float64 { return float64(int64(order.Uint64(d[8*k:]))) }
	case reflect.Uint64:
		return func(d []byte, k int) float64 { return float64(order.Uint64(d[8*k:])) }
	}
	panic("autils: decoder for unchecked dtype " + a.hdr.Descr.Type) // parseNPY rejects the others
}

// images returns the first rows rows of a (N, 400) float array, row-major.
func (a *npyArray) images(rows int) ([]float64, error) {
	if len(a.shape) != 2 || a.shape[1] != NumPixels {
		return nil, fmt.Errorf("shape is %s, want (N, %d): one unrolled %dx%d image per row",
			npfmt.ShapeOf(a.shape...), NumPixels, ImageSide, ImageSide)
	}
	if k := a.elem.Kind(); k != reflect.Float32 && k != reflect.Float64 {
		return nil, fmt.Errorf("dtype is %q, want float64 or float32 pixel intensities", a.hdr.Descr.Type)
	}
	n := a.shape[0]
	if n < rows {
		return nil, fmt.Errorf("has %d rows, want at least %d", n, rows)
	}
	at := a.decoder()
	out := make([]float64, rows*NumPixels)
	if a.hdr.Descr.Fortran {
		// Column-major on disk: element (i, j) is at j*n + i. Read the
		// first rows elements of each column one after the other, then
		// transpose in tiles of rows to stay cache-friendly.
		cols := make([]byte, 0, rows*NumPixels*a.size)
		for j := 0; j < NumPixels; j++ {
			c, err := a.read(cols[len(cols):], j*n, rows)
			if err != nil {
				return nil, err
			}
			cols = cols[:len(cols)+len(c)]
		}
		const tile = 16
		for i0 := 0; i0 < rows; i0 += tile {
			for j := 0; j < NumPixels; j++ {
				for i := i0; i < min(i0+tile, rows); i++ {
					out[i*NumPixels+j] = at(cols, j*rows+i)
				}
			}
		}
	} else {
		buf, err := a.read(nil, 0, rows*NumPixels)
		if err != nil {
			return nil, err
		}
		for k := range out {
			out[k] = at(buf, k)
		}
	}
	for k, x := range out {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("row %d, column %d is %v; pixel intensities must be finite numbers", k/NumPixels, k%NumPixels, x)
		}
	}
	return out, nil
}

// labels returns the first rows labels of an (N, 1) or (N,) array, checking
// that each is a whole number in 0..maxLabel.
func (a *npyArray) labels(rows, maxLabel int) ([]float64, error) {
	if len(a.shape) != 1 && (len(a.shape) != 2 || a.shape[1] != 1) {
		return nil, fmt.Errorf("shape is %s, want (N, 1): one label per row", npfmt.ShapeOf(a.shape...))
	}
	n := a.shape[0]
	if n < rows {
		return nil, fmt.Errorf("has %d rows, want at least %d", n, rows)
	}
	// (N, 1) and (N,) arrays have the same layout in C and Fortran order.
	at := a.decoder()
	buf, err := a.read(nil, 0, rows)
	if err != nil {
		return nil, err
	}
	out := make([]float64, rows)
	for i := range out {
		x := at(buf, i)
		out[i] = x
		if x != math.Trunc(x) || x < 0 || x > float64(maxLabel) {
			return nil, fmt.Errorf("row %d has label %v, want a whole number from 0 to %d", i, x, maxLabel)
		}
	}
	return out, nil
}
