package npfmt

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// goldenCase is one value printed by numpy (testdata/make_golden.py).
type goldenCase struct {
	Name  string   `json:"name"`
	Kind  string   `json:"kind"` // float64, float32, int, scalar, scalar32
	Shape []int    `json:"shape"`
	Data  []string `json:"data"` // row-major, Python repr of each value
	Want  string   `json:"want"` // numpy's str()
	// Precision is np.set_printoptions(precision=...) for this case;
	// 0 (absent) is numpy's default, 8.
	Precision int `json:"precision"`
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	path := "testdata/golden.json"
	if p := os.Getenv("NPFMT_GOLDEN"); p != "" {
		path = p // e.g. a larger set printed by another numpy version
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden cases: %v", err)
	}
	var g struct {
		NumpyVersion string       `json:"numpy_version"`
		Cases        []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	if len(g.Cases) < 100 {
		t.Fatalf("only %d golden cases; regenerate with testdata/make_golden.py", len(g.Cases))
	}
	t.Logf("%d cases printed by numpy %s", len(g.Cases), g.NumpyVersion)
	return g.Cases
}

// inputs turns a golden case into every Go value that should print like it.
func (c goldenCase) inputs(t *testing.T) map[string]any {
	t.Helper()
	f := make([]float64, len(c.Data))
	ints := make([]int, len(c.Data))
	for i, s := range c.Data {
		if c.Kind == "int" {
			v, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			ints[i] = v
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		f[i] = v
	}
	f32 := make([]float32, len(f))
	for i, v := range f {
		f32[i] = float32(v)
	}
	rows2 := func() (r, cols int) { return c.Shape[0], c.Shape[1] }
	out := map[string]any{}
	switch {
	case c.Kind == "scalar":
		out["float64"] = f[0]
	case c.Kind == "scalar32":
		out["float32"] = f32[0]
	case len(c.Shape) == 1 && c.Kind == "float64":
		out["[]float64"] = f
		if len(f) > 0 {
			out["*mat.VecDense"] = mat.NewVecDense(len(f), f)
		}
	case len(c.Shape) == 1 && c.Kind == "float32":
		out["[]float32"] = f32
		// float32 values held in float64 containers, marked by Float32.
		out["Float32([]float64)"] = Float32(f)
		if len(f) > 0 {
			out["Float32(*mat.VecDense)"] = Float32(mat.NewVecDense(len(f), f))
		}
	case len(c.Shape) == 1 && c.Kind == "int":
		out["[]int"] = ints
		i64 := make([]int64, len(ints))
		for i, v := range ints {
			i64[i] = int64(v)
		}
		out["[]int64"] = i64
	case len(c.Shape) == 2:
		r, cols := rows2()
		switch c.Kind {
		case "float64":
			if r > 0 && cols > 0 {
				out["*mat.Dense"] = mat.NewDense(r, cols, f)
				out["mat.Transpose"] = mat.DenseCopyOf(mat.NewDense(r, cols, f).T()).T()
			}
			rows := make([][]float64, r)
			for i := range rows {
				rows[i] = f[i*cols : (i+1)*cols]
			}
			out["[][]float64"] = rows
		case "float32":
			rows := make([][]float32, r)
			for i := range rows {
				rows[i] = f32[i*cols : (i+1)*cols]
			}
			out["[][]float32"] = rows
			rows64 := make([][]float64, r)
			for i := range rows64 {
				rows64[i] = f[i*cols : (i+1)*cols]
			}
			out["Float32([][]float64)"] = Float32(rows64)
			if r > 0 && cols > 0 {
				out["Float32(*mat.Dense)"] = Float32(mat.NewDense(r, cols, f))
			}
		case "int":
			rows := make([][]int, r)
			for i := range rows {
				rows[i] = ints[i*cols : (i+1)*cols]
			}
			out["[][]int"] = rows
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: unsupported golden case kind %q shape %v", c.Name, c.Kind, c.Shape)
	}
	return out
}

// TestSprintMatchesNumpy prints every golden case through Options (and,
// at numpy's default precision, through the package-level Sprint and
// Sprintln) and compares with numpy's own str().
func TestSprintMatchesNumpy(t *testing.T) {
	perPrecision := map[int]int{}
	for _, c := range loadGolden(t) {
		perPrecision[c.Precision]++
		o := Options{Precision: c.Precision}
		for goType, x := range c.inputs(t) {
			if got := o.Sprint(x); got != c.Want {
				t.Errorf("%s as %s at precision %d:\n got:\n%s\nwant (numpy):\n%s", c.Name, goType, c.Precision, got, c.Want)
			}
			if got := o.Sprintln("x:", x); got != "x: "+c.Want+"\n" {
				t.Errorf("%s as %s: Options.Sprintln = %q, want %q", c.Name, goType, got, "x: "+c.Want+"\n")
			}
			if c.Precision == 0 || c.Precision == defaultPrecision {
				if got := Sprint(x); got != c.Want {
					t.Errorf("%s as %s: Sprint:\n got:\n%s\nwant (numpy):\n%s", c.Name, goType, got, c.Want)
				}
			}
		}
	}
	// The goldens must exercise the multiclass lab's precision=2.
	if perPrecision[2] < 100 {
		t.Errorf("only %d golden cases at precision 2; regenerate with testdata/make_golden.py", perPrecision[2])
	}
	t.Logf("cases per precision (0 = default): %v", perPrecision)
}
