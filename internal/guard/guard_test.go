package guard

import (
	"os"
	"strings"
	"testing"
)

func TestVerdict(t *testing.T) {
	for events, wantOK := range map[string]bool{
		"start MyDense\npass MyDense\n":                  true,
		"start MyDense\nfail MyDense\n":                  true, // the cell already fails with status 1
		"start MyDense\npass MyDense\nstart hidden\n":    false,
		"start MyDense\nstart MyDenseV\npass MyDense\n":  false,
		"start MyDense\npass MyDense\nstart A\npass A\n": true,
		"":                            false, // ended before any check
		"All tests passed!\n":         false,
		"start MyDense\n":             false,
		"start model\npass MyDense\n": false,
	} {
		msg := verdict(strings.NewReader(events))
		if (msg == "") != wantOK {
			t.Errorf("verdict(%q) = %q, want ok=%v", events, msg, wantOK)
		}
	}
}

func TestCallsACheck(t *testing.T) {
	dir := t.TempDir()
	if !callsACheck(dir) {
		t.Error("without main.go, callsACheck should assume a check")
	}
	for src, want := range map[string]bool{
		"package main\n\nfunc main() {\n\texercise.CheckDense(MyDense)\n}\n":                        true,
		"package main\n\nvar exercise = fake{}\n\nfunc main() {\n\texercise.CheckModel(model)\n}\n": true,
		"package main\n\nfunc MyDense() {}\n\nfunc main() {\n\tfmt.Println(1)\n}\n":                 false,
		"package main\n\nfunc helper() { exercise.CheckDense(nil) }\n\nfunc main() {\n}\n":          false,
	} {
		if err := os.WriteFile(dir+"/main.go", []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := callsACheck(dir); got != want {
			t.Errorf("callsACheck(%q) = %v, want %v", src, got, want)
		}
	}
}
