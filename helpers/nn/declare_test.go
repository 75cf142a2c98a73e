package nn

import (
	"os"
	"path/filepath"
	"testing"
)

// cellSource is the main.go GoNB writes for a cell: every declaration so far,
// then the cell's main (a stub for a cell of declarations only).
func cellSource(model, main string) string {
	return "package main\n\nimport \"github.com/mlspec-go/nnlab/helpers/nn\"\n\n" +
		"var (\n\tmodel = nn.Sequential(\"my_model\",\n\t\tnn.Input(400),\n\t\t" + model + ",\n\t)\n\tseed = 1\n)\n\n" + main + "\n"
}

// A notebook session as the cell programs see it: the cell that declares the model,
// that cell again, another cell, a new declaration, a cell that builds another
// model of the same name in its body.
func TestDeclaredIn(t *testing.T) {
	dir := t.TempDir()
	steps := []struct {
		what, src string
		want      bool
	}{
		{"the declaring cell", cellSource(`nn.Dense(15, "sigmod")`, "func main() { flag.Parse() }"), true},
		{"the same cell run again", cellSource(`nn.Dense(15, "sigmod")`, "func main() { flag.Parse() }"), true},
		{"the summary cell", cellSource(`nn.Dense(15, "sigmod")`, "func main() {\n\tflag.Parse()\n\tmodel.Summary()\n}"), false},
		{"a cell of other declarations", cellSource(`nn.Dense(15, "sigmod")`, "func f() {}\nfunc main() { flag.Parse() }"), false},
		{"the summary cell again", cellSource(`nn.Dense(15, "sigmod")`, "func main() {\n\tflag.Parse()\n\tmodel.Summary()\n}"), false},
		{"the declaring cell, corrected", cellSource(`nn.Dense(15, "sigmoid")`, "func main() { flag.Parse() }"), true},
		{"a cell with a local model of the same name", cellSource(`nn.Dense(15, "sigmoid")`,
			"func main() {\n\tflag.Parse()\n\tm := nn.Sequential(\"my_model\", nn.Dense(3, \"relu\"))\n\t_ = m\n}"), false},
	}
	for _, s := range steps {
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(s.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := declaredIn(dir, "my_model"); got != s.want {
			t.Errorf("%s: declaredIn = %v, want %v", s.what, got, s.want)
		}
	}
	// Another model's name, no main.go, a main.go that does not parse: nothing to report.
	if declaredIn(dir, "other_model") {
		t.Error("declaredIn(other_model) = true for a file that does not declare it")
	}
	if declaredIn(t.TempDir(), "my_model") {
		t.Error("declaredIn without a main.go = true")
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "main.go"), []byte("package main\nvar model = nn.Sequential(\"my_model\",\n"), 0o644)
	if declaredIn(bad, "my_model") {
		t.Error("declaredIn of a main.go that does not parse = true")
	}
}

// Outside a GoNB cell (here: a test) Sequential keeps an invalid model as a value.
func TestSequentialOutsideACellKeepsTheError(t *testing.T) {
	t.Setenv("GONB_TMP_DIR", "")
	m := Sequential("my_model", Input(400), Dense(15, "sigmod"))
	if m.Err() == nil {
		t.Fatal("an unknown activation made a valid model")
	}
}
