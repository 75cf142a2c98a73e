package export

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// pageTestMarkdown is the markdown the page must handle: <details> blocks written in
// each way our notebooks write them (on one line or two, with or without a blank line
// after the summary, an indented body, one inside another, maths inside), inline and
// displayed maths, and dollars in code.
var pageTestMarkdown = []string{
	"# A *page* test\n\nUnit $j$ computes $$a_j = g\\left(\\vec{a}_{in} \\cdot \\vec{w}_j + b_j\\right)$$ where `$x$` is code.\n\n```\n$not maths$\n```\n",
	"<details>\n  <summary><b>Expected Output (click to expand)</b></summary>\n\n```\nTotal params: 10,431\n```\n</details>\n" +
		"<details><summary>Hint one line</summary>\n\nUse `nn.Dense` with $s_{out}$ units.\n</details>\n",
	"<details>\n<summary>No blank line</summary>\n```go\nx := 1\n```\n</details>\nAfter the block.\n\n" +
		"<details>\n  <summary>Indented</summary>\n\n    ```go\n    y := 2\n    ```\n</details>\n\n" +
		"<details><summary>Outer</summary>\n\nOuter text.\n\n<details><summary>Inner</summary>\n\nInner text.\n</details>\n</details>\n",
}

// writePageTestNotebook writes a notebook of pageTestMarkdown's cells and one code cell
// with a PNG output, with the language_info GoNB reports.
func writePageTestNotebook(t *testing.T, path string, markdown []string) {
	t.Helper()
	var cells []map[string]any
	for i, src := range markdown {
		cells = append(cells, map[string]any{"cell_type": "markdown", "id": fmt.Sprintf("m%d", i), "metadata": map[string]any{}, "source": src})
	}
	cells = append(cells, map[string]any{
		"cell_type": "code", "id": "c1", "metadata": map[string]any{}, "execution_count": 1,
		"source": "%%\nfmt.Println(\"hi\")",
		"outputs": []any{
			map[string]any{"output_type": "stream", "name": "stdout", "text": "hi\n"},
			map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{
				"image/png":  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
				"text/plain": "<image>",
			}},
		},
	})
	data, err := json.MarshalIndent(map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec": map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
			"language_info": map[string]any{"codemirror_mode": "", "file_extension": ".go", "mimetype": "text/x-go",
				"name": "go", "nbconvert_exporter": "", "pygments_lexer": "", "version": "go1.26.8"},
		},
		"cells": cells,
	}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The page exporter of run.py on markdown written every way our notebooks
// write it, without running a kernel: nbtest.CheckPage passes, each block hides what its
// markdown puts in it, and the notebook's own language_info is untouched.
func TestPageExport(t *testing.T) {
	root := nbtest.MustSetUp(t)
	dir := t.TempDir()
	src, pagePath := filepath.Join(dir, "page.ipynb"), filepath.Join(dir, "page.html")
	writePageTestNotebook(t, src, pageTestMarkdown)
	if err := nbtest.ExportPage(t.Context(), root, src, pagePath); err != nil {
		t.Fatal(err)
	}
	nb, err := nbtest.ReadNotebook(src)
	if err != nil {
		t.Fatal(err)
	}
	nbtest.CheckPage(t, root, nb, pagePath)

	page, err := nbtest.ReadPage(t.Context(), root, pagePath)
	if err != nil {
		t.Fatal(err)
	}
	if page.Title != "A page test" {
		t.Errorf("title %q, want %q", page.Title, "A page test")
	}
	if page.Math.Inline != 2 || page.Math.Block != 1 {
		t.Errorf("MathML: %d inline, %d displayed; want 2 and 1 ($j$, $s_{out}$; $$a_j = ...$$)", page.Math.Inline, page.Math.Block)
	}
	want := []struct{ summary, body string }{
		{"Expected Output (click to expand)", "Total params: 10,431"},
		{"Hint one line", "Use nn.Dense with"},
		{"No blank line", "x := 1"},
		{"Indented", "y := 2"},
		{"Outer", "Inner text."},
		{"Inner", "Inner text."},
	}
	if len(page.Details) != len(want) {
		t.Fatalf("%d <details> blocks, want %d: %+v", len(page.Details), len(want), page.Details)
	}
	for i, w := range want {
		d := page.Details[i]
		if d.Summary != w.summary || !strings.Contains(d.BodyText, w.body) {
			t.Errorf("<details> %d: summary %q hides %q; want %q hiding %q", i+1, d.Summary, d.BodyText, w.summary, w.body)
		}
		if strings.Contains(d.BodyText, "```") || strings.Contains(d.BodyText, "After the block") {
			t.Errorf("<details> %d hides %q: markdown left as text, or text after </details>", i+1, d.BodyText)
		}
	}
	if !strings.Contains(page.Details[4].BodyText, "Outer text.") {
		t.Errorf("the outer block hides %q, want its own text too", page.Details[4].BodyText)
	}

	// The page has its own language_info fix-up; the notebook keeps GoNB's.
	var raw struct {
		Metadata struct {
			LanguageInfo map[string]string `json:"language_info"`
		} `json:"metadata"`
	}
	data, _ := os.ReadFile(src)
	if err := json.Unmarshal(data, &raw); err != nil || raw.Metadata.LanguageInfo["pygments_lexer"] != "" {
		t.Errorf("exporting changed the notebook's language_info: %v %v", raw.Metadata.LanguageInfo, err)
	}

	// A formula latex2mathml cannot read stops the export and is named.
	writePageTestNotebook(t, src, []string{"# Bad maths\n\nUnit $\\left( a$.\n"})
	if err := nbtest.ExportPage(t.Context(), root, src, pagePath); err == nil || !strings.Contains(err.Error(), `\left( a`) {
		t.Errorf("exporting a notebook with the formula $\\left( a$: got %v, want an error naming it", err)
	}
}
