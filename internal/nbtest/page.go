package nbtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Page is what export/testdata/pagefacts.py reports about an HTML page that export/run.py
// (or ExportPage) wrote: what a reader of the page sees of its title, maths, collapsible
// blocks, code and pictures, and what the page would fetch from the network.
type Page struct {
	// Title is the text of the page's <title>.
	Title string `json:"title"`
	// Math counts the MathML formulas: inline ones, displayed ones (display="block")
	// and those with no text at all (a failed conversion).
	Math struct {
		Inline int `json:"inline"`
		Block  int `json:"block"`
		Empty  int `json:"empty"`
	} `json:"math"`
	// RawTeX lists the $...$ left in the text of markdown cells, outside code: maths a
	// reader would see as TeX source.
	RawTeX []string `json:"raw_tex"`
	// Fetches lists the elements (and CSS rules) that load something from another
	// host when the page opens, such as <script src=https://...>.
	Fetches []string `json:"fetches"`
	// CDNMentions lists the CDN hosts named anywhere in the page.
	CDNMentions []string `json:"cdn_mentions"`
	// Details describes each <details> block, in page order.
	Details []Details `json:"details"`
	// CodeCells is the number of code cells on the page.
	CodeCells int `json:"code_cells"`
	// Lexers counts the code cells by the pygments lexer that highlighted them.
	Lexers map[string]int `json:"lexers"`
	// PNGImages is the number of <img> with an embedded PNG (data: URL).
	PNGImages int `json:"png_images"`
}

// Details is one collapsible <details> block of a page.
type Details struct {
	// Summary is the text of its <summary>, or empty when it has none.
	Summary string `json:"summary"`
	// SummaryFirst reports whether the <summary> is its first element, as browsers
	// need to use it as the toggle's label.
	SummaryFirst bool `json:"summary_first"`
	// BodyText is the text the block hides: everything but the summary.
	BodyText string `json:"body_text"`
	// BodyTags are the elements it hides, such as "pre" or "p".
	BodyTags []string `json:"body_tags"`
}

// ReadPage describes the HTML page at path with export/testdata/pagefacts.py (in the
// virtualenv that `make setup` made under root).
func ReadPage(ctx context.Context, root, path string) (*Page, error) {
	out, err := pageFacts(ctx, root, "facts", path)
	if err != nil {
		return nil, err
	}
	var p Page
	if err := json.Unmarshal(out, &p); err != nil {
		return nil, fmt.Errorf("reading the facts of %s: %w", path, err)
	}
	return &p, nil
}

// ExportPage writes the HTML page of the notebook nbPath to pagePath with export/run.py's
// exporter (export/htmlpage.py), without executing the notebook.
func ExportPage(ctx context.Context, root, nbPath, pagePath string) error {
	_, err := pageFacts(ctx, root, "export", nbPath, pagePath)
	return err
}

// pageFactsScript runs the page exporter and describes its pages for the tests.
var pageFactsScript = filepath.Join("export", "testdata", "pagefacts.py")

// pageFacts runs pageFactsScript with args in the virtualenv under root; it returns what
// the script printed.
func pageFacts(ctx context.Context, root string, args ...string) ([]byte, error) {
	if err := CheckSetup(root); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, filepath.Join(root, ".venv", "bin", "python"),
		append([]string{filepath.Join(root, pageFactsScript)}, args...)...)
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w\n%s", pageFactsScript, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes(), nil
}
