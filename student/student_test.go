package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHide(t *testing.T) {
	code := "func F() int {\n\tx := 0\n\t// START CODE HERE\n\tx = 42\n\tx++\n\t// END CODE HERE\n\treturn x\n}"
	got, n, err := Hide(code)
	if err != nil || n != 1 {
		t.Fatalf("Hide = %d parts, %v", n, err)
	}
	want := "func F() int {\n\tx := 0\n\t// START CODE HERE\n\t// YOUR CODE HERE\n\t// END CODE HERE\n\treturn x\n}"
	if got != want {
		t.Errorf("Hide:\n%s\nwant:\n%s", got, want)
	}
	if got, n, _ := Hide("fmt.Println(1)"); n != 0 || got != "fmt.Println(1)" {
		t.Errorf("a cell without markers changed: %q, %d", got, n)
	}
	for _, bad := range []string{
		"// START CODE HERE\nx := 1",
		"x := 1\n// END CODE HERE",
		"// START CODE HERE\n// START CODE HERE\n// END CODE HERE",
	} {
		if _, _, err := Hide(bad); err == nil {
			t.Errorf("Hide(%q) accepted unbalanced markers", bad)
		}
	}
}

// The lab's own notebook: every graded part is hidden, the answers are gone,
// the rest of the code and every markdown cell is unchanged, outputs cleared.
func TestConvertTheLab(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "notebooks", "C2_W1_Assignment.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	out, n, err := Convert(src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d graded parts, want 3 (the model, MyDense, MyDenseV)", n)
	}
	var before, after struct {
		Cells []struct {
			CellType string `json:"cell_type"`
			Source   []string
			Outputs  []any
		}
		Metadata map[string]any
	}
	if err := json.Unmarshal(src, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &after); err != nil {
		t.Fatal(err)
	}
	if len(after.Cells) != len(before.Cells) {
		t.Fatalf("%d cells, want %d", len(after.Cells), len(before.Cells))
	}
	if after.Metadata["kernelspec"] == nil {
		t.Error("the kernelspec metadata was lost")
	}
	answers := []string{"nn.Dense(25, \"sigmoid\")", "mat.Dot(aIn, W.ColView(j))", "AOut.Mul(AIn, W)"}
	for i, c := range after.Cells {
		text := strings.Join(c.Source, "")
		orig := strings.Join(before.Cells[i].Source, "")
		if c.CellType == "code" && strings.Contains(orig, startMarker) {
			if !strings.Contains(text, placeholder) {
				t.Errorf("cell %d: no placeholder", i+1)
			}
			for _, a := range answers {
				if strings.Contains(text, a) {
					t.Errorf("cell %d still holds the answer %q", i+1, a)
				}
			}
		} else if text != orig {
			t.Errorf("cell %d changed though it has no graded part", i+1)
		}
		if len(c.Outputs) != 0 {
			t.Errorf("cell %d has outputs", i+1)
		}
	}
}
