package nn

import (
	"crypto/sha256"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// A mistake in a model's declaration (nn.Dense(15, "sigmod")) should show in the
// cell that declares the model, as Keras fails at the learner's line. But GoNB runs
// every cell as a new program that evaluates every package-level var again, the
// model's included: failing every program whose model is invalid would break every
// later cell, those that never use the model too (a blank Exercise 1 must not break
// Exercises 2 and 3). GoNB tells a cell's program nothing about which cell it is;
// what the program can read is the main.go GoNB wrote for it in $GONB_TMP_DIR,
// which holds every declaration made so far. So Sequential reads, in main.go, the
// source text of its own call (the nn.Sequential calls with the model's name) and
// compares it with the text the last program of this kernel recorded in
// $GONB_TMP_DIR. The first program built with a new text is the cell that declared
// it (GoNB compiles and runs a cell as soon as it is run): that program reports the
// invalid model and ends. Running that cell again at once builds the same main.go,
// whose hash is recorded too, so the error shows again. Any other cell keeps the
// invalid model as a value: the calls that use it report the error.
//
// Limits: a cell run again after other cells declared something new (so its
// main.go differs) does not report again; its error still shows in every cell that
// uses the model. Outside a GoNB cell, or when main.go cannot be read or parsed,
// nothing is reported at declaration.

// declaredHere reports whether this program is the GoNB cell that declared the
// model name with the current text, recording that text for the programs to come.
func declaredHere(name string) bool {
	if !notebook.InCell() || !initialisingMain() {
		return false
	}
	return declaredIn(notebook.TempDir(), name)
}

// declaredIn is declaredHere for the cell program whose main.go is in dir.
func declaredIn(dir, name string) bool {
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		return false
	}
	decl := sequentialCalls(src, name)
	if decl == "" {
		return false
	}
	sum := sha256.Sum256(src)
	program := hex.EncodeToString(sum[:])
	state := filepath.Join(dir, "nnlab-declared-"+hex.EncodeToString([]byte(name)))
	if old, err := os.ReadFile(state); err == nil {
		oldDecl, oldProgram, _ := strings.Cut(string(old), "\x00")
		if oldDecl == decl {
			return oldProgram == program // the declaring cell, run again at once
		}
	}
	// A new declaration: this program is the first built with it. Report only
	// if it is recorded, so that a state that cannot be written never makes
	// every cell fail.
	return os.WriteFile(state, []byte(decl+"\x00"+program), 0o644) == nil
}

// initialisingMain reports whether the caller runs while the main package's
// package-level vars are initialised (a declaration such as var model =
// nn.Sequential(...)), not from a function the cell calls.
func initialisingMain() bool {
	pc := make([]uintptr, 32)
	frames := goruntime.CallersFrames(pc[:goruntime.Callers(3, pc)])
	for {
		f, more := frames.Next()
		if f.Function == "main.init" || strings.HasPrefix(f.Function, "main.init.") {
			return true
		}
		if !more {
			return false
		}
	}
}

// sequentialCalls returns the source text of the calls Sequential(name, ...) in
// the package-level var declarations of the Go file src (qualified or not, the
// name given as a string literal), one per line, or "" when there is none or src
// does not parse.
func sequentialCalls(src []byte, name string) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.SkipObjectResolution)
	if err != nil {
		return ""
	}
	var calls []string
	inspect := func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		var fn string
		switch fun := call.Fun.(type) {
		case *ast.SelectorExpr:
			fn = fun.Sel.Name
		case *ast.Ident:
			fn = fun.Name
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if fn != "Sequential" || !ok || lit.Kind != token.STRING {
			return true
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && s == name {
			calls = append(calls, string(src[fset.Position(call.Pos()).Offset:fset.Position(call.End()).Offset]))
		}
		return true
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			ast.Inspect(g, inspect)
		}
	}
	return strings.Join(calls, "\n")
}
