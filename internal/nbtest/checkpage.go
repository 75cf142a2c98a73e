package nbtest

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	fence      = regexp.MustCompile("(?ms)^[ \t]*(```+|~~~+).*?^[ \t]*```+[ \t]*$|(?ms)^[ \t]*~~~+.*?^[ \t]*~~~+[ \t]*$")
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	heading    = regexp.MustCompile(`(?m)^# +(.+?)\s*$`)
	detailsTag = regexp.MustCompile(`(?i)<details[\s>]`)
)

// MarkdownProse returns the markdown of nb's markdown cells without code (fenced blocks
// and code spans), one string a cell: the prose a reader sees as text.
func MarkdownProse(nb *Notebook) []string {
	var cells []string
	for _, c := range nb.Cells {
		if c.Type == "markdown" {
			cells = append(cells, codeSpan.ReplaceAllString(fence.ReplaceAllString(string(c.Source), ""), ""))
		}
	}
	return cells
}

// CheckPage checks that the HTML page at pagePath, which the runner wrote for the
// executed notebook nb, stands alone and shows what the notebook holds: the first
// heading as its title, every formula as MathML and none as TeX, nothing loaded from
// the network, each <details> block with its summary first and its content inside,
// every code cell highlighted as Go, and every picture embedded.
func CheckPage(t testing.TB, root string, nb *Notebook, pagePath string) {
	t.Helper()
	page, err := ReadPage(t.Context(), root, pagePath)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(pagePath)
	prose := MarkdownProse(nb)
	t.Logf("%s: title %q, %d+%d MathML formulas, %d <details>, %d code cells by lexer %v, %d PNG pictures, fetches %q",
		name, page.Title, page.Math.Inline, page.Math.Block, len(page.Details), page.CodeCells, page.Lexers, page.PNGImages, page.Fetches)

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

	if wantDetails := DetailsBlocks(nb); len(page.Details) != wantDetails {
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

	if png := len(nb.Images()); page.PNGImages < png {
		t.Errorf("%s: the page embeds %d PNG pictures, the notebook shows %d", name, page.PNGImages, png)
	}
}

// DetailsBlocks returns how many <details> blocks the prose of nb's markdown cells
// opens (outside code), which its HTML page must show as collapsible blocks.
func DetailsBlocks(nb *Notebook) int {
	n := 0
	for _, p := range MarkdownProse(nb) {
		n += len(detailsTag.FindAllString(p, -1))
	}
	return n
}
