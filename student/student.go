// Command student writes the student edition of the lab's notebooks: a copy
// of each notebook in which the code of every graded part, between the lines
// "// START CODE HERE" and "// END CODE HERE", is replaced by a placeholder
// comment, and every output is cleared.
//
// The placeholder still compiles: each graded cell is written so that, with
// its answer removed, it builds something valid but wrong (a model with no
// layers, a layer that returns zeros), and the cell that checks the exercise
// then reports the failure with a hint.
//
// Usage:
//
//	go run ./student [-out build/student] notebooks/*.ipynb
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Markers around the code a learner writes, and the line that replaces it.
const (
	startMarker = "// START CODE HERE"
	endMarker   = "// END CODE HERE"
	placeholder = "// YOUR CODE HERE"
)

func main() {
	out := flag.String("out", filepath.Join("build", "student"), "folder for the student notebooks")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: student [-out DIR] NOTEBOOK.ipynb...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "student:", err)
		os.Exit(1)
	}
	for _, path := range flag.Args() {
		dst := filepath.Join(*out, filepath.Base(path))
		n, err := convertFile(path, dst)
		if err != nil {
			fmt.Fprintln(os.Stderr, "student:", err)
			os.Exit(1)
		}
		fmt.Printf("%s -> %s (%d graded parts)\n", path, dst, n)
	}
}

// convertFile writes the student edition of the notebook at src to dst and
// returns the number of graded parts it replaced.
func convertFile(src, dst string) (int, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return 0, err
	}
	res, n, err := Convert(data)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	if n == 0 {
		return 0, fmt.Errorf("%s: no graded parts (no %q line): nothing to hide", src, startMarker)
	}
	return n, os.WriteFile(dst, res, 0o644)
}

// Convert returns the student edition of a notebook (.ipynb JSON) and the
// number of graded parts it replaced. Cells keep every field; code cells lose
// their outputs and execution counts.
func Convert(notebook []byte) ([]byte, int, error) {
	var nb map[string]any
	if err := json.Unmarshal(notebook, &nb); err != nil {
		return nil, 0, fmt.Errorf("not a notebook: %w", err)
	}
	cells, ok := nb["cells"].([]any)
	if !ok {
		return nil, 0, errors.New("not a notebook: no list of cells")
	}
	total := 0
	for i, c := range cells {
		cell, ok := c.(map[string]any)
		if !ok || cell["cell_type"] != "code" {
			continue
		}
		src, err := sourceText(cell["source"])
		if err != nil {
			return nil, 0, fmt.Errorf("cell %d: %w", i+1, err)
		}
		hidden, n, err := Hide(src)
		if err != nil {
			return nil, 0, fmt.Errorf("cell %d: %w", i+1, err)
		}
		total += n
		cell["source"] = sourceLines(hidden)
		cell["outputs"] = []any{}
		cell["execution_count"] = nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), total, nil
}

// Hide replaces the lines strictly between each start and end marker of a
// cell's code with one placeholder line at the start marker's indentation. It
// returns the new code and the number of graded parts; unbalanced markers are
// an error.
func Hide(code string) (string, int, error) {
	lines := strings.Split(code, "\n")
	var out []string
	n, inside := 0, false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, startMarker):
			if inside {
				return "", 0, fmt.Errorf("line %d: %q inside another graded part", i+1, startMarker)
			}
			inside = true
			n++
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			out = append(out, line, indent+placeholder)
		case strings.HasPrefix(trimmed, endMarker):
			if !inside {
				return "", 0, fmt.Errorf("line %d: %q without a %q before it", i+1, endMarker, startMarker)
			}
			inside = false
			out = append(out, line)
		case !inside:
			out = append(out, line)
		}
	}
	if inside {
		return "", 0, fmt.Errorf("%q without a matching %q", startMarker, endMarker)
	}
	return strings.Join(out, "\n"), n, nil
}

// sourceText joins a cell's source, which nbformat stores as a string or a
// list of lines.
func sourceText(v any) (string, error) {
	switch s := v.(type) {
	case string:
		return s, nil
	case []any:
		var sb strings.Builder
		for _, l := range s {
			str, ok := l.(string)
			if !ok {
				return "", errors.New("source holds a non-string line")
			}
			sb.WriteString(str)
		}
		return sb.String(), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("source is a %T, not text", v)
}

// sourceLines splits code into nbformat's list of lines, each but the last
// keeping its newline.
func sourceLines(code string) []any {
	var res []any
	for len(code) > 0 {
		i := strings.IndexByte(code, '\n')
		if i < 0 {
			res = append(res, code)
			break
		}
		res = append(res, code[:i+1])
		code = code[i+1:]
	}
	if res == nil {
		res = []any{}
	}
	return res
}
