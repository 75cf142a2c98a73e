package kernel

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// jupyterLabExportQuery matches how the JupyterLab of .venv builds the URL of "Save and
// Export Notebook As > HTML" (NbConvertManager.exportAs in its bundle): download=true,
// and sanitize_html=true when the dialog's "Sanitize HTML output" box stays ticked.
var jupyterLabExportQuery = regexp.MustCompile(`\.set\("download","true"\).{0,20}\.set\("sanitize_html","true"\)`)

// JupyterLab's own HTML export goes through jupyter_server's nbconvert handler with the
// server configuration setup installs (kernel/jupyter_server_config.py): with or without
// sanitizing, the page keeps every <details> block and no markdown tag shows as text,
// and every code cell is highlighted as Go, though GoNB's language_info names no
// pygments lexer. The notebook is exported as committed (not executed).
func TestLabExport(t *testing.T) {
	root := nbtest.MustSetUp(t)
	installedConfig(t, root, "jupyter_server_config.py")
	bundles, _ := filepath.Glob(filepath.Join(root, ".venv", "share", "jupyter", "lab", "static", "*.js"))
	found := false
	for _, b := range bundles {
		if js, readErr := os.ReadFile(b); readErr == nil && jupyterLabExportQuery.Match(js) {
			found = true
			break
		}
	}
	if !found {
		t.Errorf("no JupyterLab bundle in .venv builds the export URL with download and sanitize_html: has the export changed?")
	}

	const name = "C2_W1_Assignment.ipynb"
	dir := t.TempDir()
	src := filepath.Join(root, "notebooks", name)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err = os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	nb, err := nbtest.ReadNotebook(src)
	if err != nil {
		t.Fatal(err)
	}
	wantDetails := nbtest.DetailsBlocks(nb)

	srv := startServer(t, root, dir)
	for _, query := range []string{"download=true&sanitize_html=true", "download=true"} {
		page := exportHTML(t, root, srv, "/nbconvert/html/"+name+"?"+query, filepath.Join(dir, "page.html"))
		if len(page.Details) != wantDetails {
			t.Errorf("%s: %d <details> blocks, the notebook's markdown has %d", query, len(page.Details), wantDetails)
		}
		for i, d := range page.Details {
			if d.Summary == "" || !d.SummaryFirst {
				t.Errorf("%s: <details> %d has no summary first (summary %q)", query, i+1, d.Summary)
			}
		}
		if page.CodeCells == 0 || page.Lexers["go"] != page.CodeCells || len(page.Lexers) != 1 {
			t.Errorf("%s: %d code cells highlighted by %v, want all by go", query, page.CodeCells, page.Lexers)
		}
		html, _ := os.ReadFile(filepath.Join(dir, "page.html"))
		if m := regexp.MustCompile(`&lt;/?(p|h[1-6]|details|summary)\b`).Find(html); m != nil {
			t.Errorf("%s: the page shows the markup %q as text", query, m)
		}
	}
}

// startServer runs the jupyter_server of .venv on a free loopback port, serving dir,
// with only the configuration installed in .venv.
func startServer(t *testing.T, root, dir string) *nbtest.Server {
	t.Helper()
	port := nbtest.FreePort(t)
	srv := &nbtest.Server{Base: fmt.Sprintf("http://127.0.0.1:%d", port), Token: rand.Text()}
	home := t.TempDir()
	cmd := exec.Command(filepath.Join(root, ".venv", "bin", "python"), "-m", "jupyter_server",
		"--no-browser", "--allow-root", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port), "--ServerApp.port_retries=0",
		"--IdentityProvider.token="+srv.Token, "--ServerApp.root_dir="+dir)
	cmd.Env = append(os.Environ(), "HOME="+home, "JUPYTER_CONFIG_DIR="+filepath.Join(home, "config"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(home, "runtime"), "JUPYTER_PREFER_ENV_PATH=1")
	p := nbtest.Start(t, cmd, filepath.Join(home, "jupyter.log"), 20*time.Second, nil)
	p.WaitReady(t, "jupyter_server on "+srv.Base, time.Minute, func(ctx context.Context) error {
		var status map[string]any
		return srv.GetJSON(ctx, "/api/status", &status)
	})
	return srv
}

// exportHTML fetches path from the server as JupyterLab's export does, writes the
// page to file and returns its facts.
func exportHTML(t *testing.T, root string, srv *nbtest.Server, path, file string) *nbtest.Page {
	t.Helper()
	resp, err := srv.API(t.Context(), http.MethodGet, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %v %v\n%s", path, resp.Status, err, body)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
		t.Errorf("GET %s: Content-Disposition %q, want an attachment", path, cd)
	}
	if err = os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	page, err := nbtest.ReadPage(t.Context(), root, file)
	if err != nil {
		t.Fatal(err)
	}
	return page
}
