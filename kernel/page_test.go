package kernel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

var (
	fence      = regexp.MustCompile("(?ms)^[ \t]*(```+|~~~+).*?^[ \t]*```+[ \t]*$|(?ms)^[ \t]*~~~+.*?^[ \t]*~~~+[ \t]*$")
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	heading    = regexp.MustCompile(`(?m)^# +(.+?)\s*$`)
	detailsTag = regexp.MustCompile(`(?i)<details[\s>]`)
)

// markdownProse returns the markdown of nb's markdown cells without code, one cell a line.
func markdownProse(nb *Notebook) []string {
	var cells []string
	for _, c := range nb.Cells {
		if c.Type == "markdown" {
			cells = append(cells, codeSpan.ReplaceAllString(fence.ReplaceAllString(string(c.Source), ""), ""))
		}
	}
	return cells
}

// checkPage checks that the HTML page at pagePath, which the runner wrote for the
// executed notebook nb, stands alone and shows what the notebook holds: the first
// heading as its title, every formula as MathML and none as TeX, nothing loaded from
// the network, each <details> block with its summary first and its content inside,
// every code cell highlighted as Go, and every picture embedded.
func checkPage(t *testing.T, root string, nb *Notebook, pagePath string) {
	t.Helper()
	page, err := ReadPage(t.Context(), root, pagePath)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(pagePath)
	prose := markdownProse(nb)
	t.Logf("%s: title %q, %d+%d MathML formulas, %d <details>, %d code cells by lexer %v, %d PNG and %d SVG pictures, fetches %q",
		name, page.Title, page.Math.Inline, page.Math.Block, len(page.Details), page.CodeCells, page.Lexers, page.PNGImages, page.SVGImages, page.Fetches)

	if m := heading.FindStringSubmatch(strings.Join(prose, "\n")); m == nil {
		t.Errorf("%s: the notebook has no \"# \" heading to title its page", name)
	} else if want := strings.NewReplacer("*", "", "`", "").Replace(m[1]); page.Title != want {
		t.Errorf("%s: page title %q, want the notebook's first heading %q", name, page.Title, want)
	}

	if strings.Contains(strings.Join(prose, "\n"), "$") && page.Math.Inline+page.Math.Block == 0 {
		t.Errorf("%s: the notebook's markdown has maths, the page no MathML", name)
	}
	if page.Math.Empty > 0 {
		t.Errorf("%s: %d MathML formulas are empty", name, page.Math.Empty)
	}
	if len(page.RawTeX) > 0 {
		t.Errorf("%s: maths shows as TeX source: %q", name, page.RawTeX)
	}

	if len(page.Fetches) > 0 || len(page.CDNMentions) > 0 {
		t.Errorf("%s: the page needs the network: loads %q, names %q", name, page.Fetches, page.CDNMentions)
	}

	wantDetails := 0
	for _, p := range prose {
		wantDetails += len(detailsTag.FindAllString(p, -1))
	}
	if len(page.Details) != wantDetails {
		t.Errorf("%s: the page has %d <details> blocks, the notebook's markdown %d", name, len(page.Details), wantDetails)
	}
	for i, d := range page.Details {
		if d.Summary == "" || !d.SummaryFirst || strings.TrimSpace(d.BodyText) == "" {
			t.Errorf("%s: <details> block %d (summary %q, summary first: %v) hides %q (elements %q): want a summary first, then content",
				name, i+1, d.Summary, d.SummaryFirst, d.BodyText, d.BodyTags)
		}
	}

	code := len(nb.CodeCells())
	if page.CodeCells != code || page.Lexers["go"] != code || len(page.Lexers) != 1 {
		t.Errorf("%s: %d of the page's %d code cells are highlighted, by lexer: %v; want all %d as Go", name, page.Lexers["go"], page.CodeCells, page.Lexers, code)
	}

	var png, svg int
	for _, img := range nb.Images() {
		switch img.MIME {
		case "image/png":
			png++
		case "image/svg+xml":
			svg++
		}
	}
	if page.PNGImages < png || page.SVGImages < svg {
		t.Errorf("%s: the page embeds %d PNG and %d SVG pictures, the notebook shows %d and %d", name, page.PNGImages, page.SVGImages, png, svg)
	}
}

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

// The page exporter of kernel/run.py on markdown written every way our notebooks
// write it, without running a kernel: checkPage passes, each block hides what its
// markdown puts in it, and the notebook's own language_info is untouched.
func TestPageExport(t *testing.T) {
	root := nbtest.MustSetUp(t)
	dir := t.TempDir()
	src, pagePath := filepath.Join(dir, "page.ipynb"), filepath.Join(dir, "page.html")
	writePageTestNotebook(t, src, pageTestMarkdown)
	if err := ExportPage(t.Context(), root, src, pagePath); err != nil {
		t.Fatal(err)
	}
	nb, err := ReadNotebook(src)
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, root, nb, pagePath)

	page, err := ReadPage(t.Context(), root, pagePath)
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
	if err := ExportPage(t.Context(), root, src, pagePath); err == nil || !strings.Contains(err.Error(), `\left( a`) {
		t.Errorf("exporting a notebook with the formula $\\left( a$: got %v, want an error naming it", err)
	}
}
