package pyfmt

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
)

// goldenCase is one value printed by Python (testdata/make_golden.py).
type goldenCase struct {
	Kind  string `json:"kind"` // list, float, tuple, array
	Ints  []int  `json:"ints"`
	Float string `json:"float"`
	Parts []struct {
		Ints  []int  `json:"ints"`
		Float string `json:"float"`
		Int   *int   `json:"int"`
	} `json:"parts"`
	Want string `json:"want"`
}

func TestGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Python string       `json:"python_version"`
		Numpy  string       `json:"numpy_version"`
		Cases  []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) < 30 {
		t.Fatalf("only %d golden cases", len(g.Cases))
	}
	t.Logf("%d cases printed by Python %s, numpy %s", len(g.Cases), g.Python, g.Numpy)
	parse := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return v
	}
	for _, c := range g.Cases {
		var got string
		switch c.Kind {
		case "list":
			got = List(c.Ints)
		case "float":
			got = Float(parse(c.Float))
		case "array":
			got = ArrayRepr(c.Ints)
		case "tuple":
			var xs []any
			for _, p := range c.Parts {
				switch {
				case p.Int != nil:
					xs = append(xs, *p.Int)
				case p.Float != "":
					xs = append(xs, parse(p.Float))
				default:
					if p.Ints == nil {
						p.Ints = []int{}
					}
					xs = append(xs, p.Ints)
				}
			}
			got = Tuple(xs...)
		default:
			t.Fatalf("unknown kind %q", c.Kind)
		}
		if got != c.Want {
			t.Errorf("%s: got %q, Python printed %q", c.Kind, got, c.Want)
		}
	}
}

func TestNilListIsEmpty(t *testing.T) {
	if got := List(nil); got != "[]" {
		t.Errorf("List(nil) = %q", got)
	}
}
