//go:build unix

package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/kernel"
)

// labNotebook is the notebook under test, relative to the repository root.
const labNotebook = "notebooks/C2_W1_Assignment.ipynb"

// lab2Notebook, the multiclass lab, runs in the same server after it, with what
// lab.mjs must find there (C2_W2.md): the summary's total, the 40 epochs of 157
// steps, its two grids, and its seven pictures (activations, softmax, the data grid,
// the loss, the lone digit, the prediction grid, the error strip).
const lab2Notebook = "notebooks/C2_W2_Assignment.ipynb"

var lab2Expect = []string{"--params", "10,575", "--epochs", "40", "--steps", "157",
	"--grid", "Label, image", "--grid", "Label, yhat", "--pictures", "7"}

// chromiumPath is the browser lab.mjs drives: $CHROMIUM or Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// requireSetup returns the repository root, skipping the test in -short mode and failing
// it, with the command that fixes it, when the kernel, Node, playwright-core or Chromium
// is missing.
func requireSetup(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("running the lab notebook in JupyterLab in a browser is skipped with -short")
	}
	root, err := kernel.Root()
	if err != nil {
		t.Fatal(err)
	}
	if err := kernel.CheckSetup(root); err != nil {
		t.Fatalf("%v\n(`make test` runs it first; this test opens the notebook in the JupyterLab of .venv)", err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node not found on PATH: install Node.js >= 20 with npm, then run `make e2e-deps`")
	}
	if _, err := os.Stat(filepath.Join(root, "e2e", "node_modules", "playwright-core", "package.json")); err != nil {
		t.Fatalf("npm's playwright-core is not installed in e2e/node_modules: run `make e2e-deps` at the repository root (`make test` does)")
	}
	if _, err := os.Stat(chromiumPath()); err != nil {
		t.Fatalf("%s not found: run `make e2e-deps` at the repository root (it installs Debian's chromium), or set CHROMIUM", chromiumPath())
	}
	return root
}

// lab is a JupyterLab server started for one test.
type lab struct {
	base  string // http://127.0.0.1:PORT
	token string
	dir   string // the server's root folder
	log   string // the server's log file
}

// url returns the JupyterLab address that opens the notebook name (in l.dir).
func (l *lab) url(name string) string {
	return fmt.Sprintf("%s/lab/tree/%s?token=%s", l.base, name, l.token)
}

// api sends an authenticated request to the server's REST API.
func (l *lab) api(ctx context.Context, method, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, l.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "token "+l.token)
	return http.DefaultClient.Do(req)
}

// shutdownKernels stops every kernel the server runs (kernels live in their own process
// sessions, so killing the server's process group would miss them).
func (l *lab) shutdownKernels(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := l.api(ctx, http.MethodGet, "/api/kernels")
	if err != nil {
		t.Logf("listing the kernels: %v", err)
		return
	}
	var kernels []struct {
		ID string `json:"id"`
	}
	err = json.NewDecoder(res.Body).Decode(&kernels)
	res.Body.Close()
	if err != nil {
		t.Logf("listing the kernels: %v", err)
		return
	}
	for _, k := range kernels {
		res, err := l.api(ctx, http.MethodDelete, "/api/kernels/"+k.ID)
		if err != nil {
			t.Logf("stopping kernel %s: %v", k.ID, err)
			continue
		}
		res.Body.Close()
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func randomToken(t *testing.T) string {
	t.Helper()
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// startLab starts .venv's JupyterLab on a free local port with a random token, serving
// a new temporary folder, with its own temporary configuration, runtime, settings and
// workspace folders (the user's Jupyter configuration does not apply) and with the
// notebooks' model state in a temporary folder. It stops the server and its kernels
// when the test ends.
func startLab(t *testing.T, root string) *lab {
	t.Helper()
	tmp := t.TempDir()
	dirs := map[string]string{}
	for _, d := range []string{"notebooks", "runtime", "config", "data", "settings", "workspaces", "state"} {
		dirs[d] = filepath.Join(tmp, d)
		if err := os.MkdirAll(dirs[d], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// No news or update checks: the machine may be offline, and no toast over the cells.
	notif := filepath.Join(dirs["settings"], "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")
	if err := os.MkdirAll(filepath.Dir(notif), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notif, []byte(`{"fetchNews": "false", "checkForUpdates": false}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	l := &lab{token: randomToken(t), dir: dirs["notebooks"], log: filepath.Join(tmp, "jupyter.log")}
	port := freePort(t)
	l.base = fmt.Sprintf("http://127.0.0.1:%d", port)
	args := []string{"lab", "--no-browser",
		"--ServerApp.ip=127.0.0.1",
		"--ServerApp.port=" + strconv.Itoa(port),
		"--ServerApp.port_retries=0",
		"--IdentityProvider.token=" + l.token,
		"--ServerApp.root_dir=" + l.dir,
	}
	if os.Getuid() == 0 {
		args = append(args, "--allow-root")
	}
	logFile, err := os.Create(l.log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(root, ".venv", "bin", "jupyter"), args...)
	cmd.Dir = l.dir
	cmd.Env = append(os.Environ(),
		"JUPYTER_PREFER_ENV_PATH=1",
		"JUPYTER_RUNTIME_DIR="+dirs["runtime"],
		"JUPYTER_CONFIG_DIR="+dirs["config"],
		"JUPYTER_DATA_DIR="+dirs["data"],
		"JUPYTERLAB_SETTINGS_DIR="+dirs["settings"],
		"JUPYTERLAB_WORKSPACES_DIR="+dirs["workspaces"],
		"NNLAB_STATE_DIR="+dirs["state"],
	)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		t.Fatalf("starting JupyterLab: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); logFile.Close() }()
	t.Cleanup(func() {
		l.shutdownKernels(t)
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})

	// Wait for the server to answer (slow when the two cores are busy).
	deadline := time.Now().Add(3 * time.Minute)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		res, err := l.api(ctx, http.MethodGet, "/api/status")
		cancel()
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return l
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("JupyterLab exited before answering (%v); its log:\n%s", err, tail(l.log))
		case <-time.After(500 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("JupyterLab did not answer on %s within 3 minutes; its log:\n%s", l.base, tail(l.log))
		}
	}
}

// tail returns the end of a log file.
func tail(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	const n = 6000
	if len(data) > n {
		data = data[len(data)-n:]
	}
	return string(data)
}

// runLab runs lab.mjs on the notebook name in l.dir, writing its screenshot and text
// dump to outDir, and returns its output and exit error. expect are lab.mjs's flags
// for what the notebook shows (none for the binary lab).
func runLab(t *testing.T, root string, l *lab, name, outDir string, expect ...string) (string, error) {
	t.Helper()
	timeout := 15 * time.Minute
	if s := os.Getenv("NNLAB_E2E_TIMEOUT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			t.Fatalf("NNLAB_E2E_TIMEOUT=%q is not a positive Go duration (like 20m)", s)
		}
		timeout = d
	}
	ctx := t.Context()
	if dl, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-30*time.Second))
		defer cancel()
	}
	args := append([]string{filepath.Join(root, "e2e", "lab.mjs"), "--out", outDir,
		"--timeout", strconv.Itoa(int(timeout.Seconds()))}, expect...)
	cmd := exec.CommandContext(ctx, "node", append(args, l.url(name))...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	// Chromium runs in node's process group; end them together if the test times out.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	err := cmd.Run()
	t.Logf("lab.mjs on %s took %s", name, time.Since(start).Round(time.Second))
	return out.String(), err
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// brokenNotebook is a small notebook for the kernel of the lab: a harmless stderr notice
// (cell 2), a compile error (cell 3) and a panic (cell 4). Its metadata are the lab's
// with an empty language_info.mimetype (GoNB reports text/x-go), so opening it marks it
// modified.
func brokenNotebook(t *testing.T, root string) []byte {
	t.Helper()
	var lab struct {
		Metadata map[string]any `json:"metadata"`
	}
	data, err := os.ReadFile(filepath.Join(root, labNotebook))
	if err != nil {
		t.Fatal(err)
	}
	if err = json.Unmarshal(data, &lab); err != nil {
		t.Fatalf("%s: %v", labNotebook, err)
	}
	info, ok := lab.Metadata["language_info"].(map[string]any)
	if !ok {
		t.Fatalf("%s has no metadata.language_info", labNotebook)
	}
	info["mimetype"] = ""
	type cell struct {
		CellType       string   `json:"cell_type"`
		ExecutionCount *int     `json:"execution_count"`
		Metadata       struct{} `json:"metadata"`
		Outputs        []any    `json:"outputs"`
		Source         string   `json:"source"`
	}
	code := func(src string) cell { return cell{CellType: "code", Outputs: []any{}, Source: src} }
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "metadata": lab.Metadata,
		"cells": []cell{
			code("import (\n\t\"fmt\"\n\t\"os\"\n)"),
			code("%%\nfmt.Fprintln(os.Stderr, \"autils: a data notice, not an error\")\nfmt.Println(\"fine\")"),
			code("%%\nfmt.Println(undefinedName)"),
			code("%%\nvar m map[string]int\nm[\"x\"] = 1"),
		},
	}
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Opens the lab notebook in JupyterLab in headless Chromium, checks that the kernel
// indicator reads idle before any cell runs and that opening did not mark the notebook
// modified, runs every cell from the Run menu, and checks what the page shows; first
// checks that the same script fails, and says why, on a notebook with a compile error,
// a panic and stale metadata. Then the same for the multiclass lab, in the same server.
func TestLabInJupyterLab(t *testing.T) {
	root := requireSetup(t)
	src := filepath.Join(root, labNotebook)
	before, rerr := os.ReadFile(src)
	if rerr != nil {
		t.Fatal(rerr)
	}
	l := startLab(t, root)

	t.Run("broken notebook fails", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(l.dir, "broken.ipynb"), brokenNotebook(t, root), 0o644); err != nil {
			t.Fatal(err)
		}
		outDir := t.TempDir()
		out, err := runLab(t, root, l, "broken.ipynb", outDir)
		defer l.shutdownKernels(t)
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
			t.Fatalf("lab.mjs on a notebook with a compile error and a panic: got %v, want exit status 1; output:\n%s", err, out)
		}
		for _, re := range []string{
			`code cell 3 \[3\]: shows a GoNB error report: .*undefined: undefinedName`,
			`code cell 3 \[3\]: shows an error \(red output\): failed to run`,
			`code cell 4 \[4\]: shows an error \(red output\): panic: assignment to entry in nil map`,
			`no code cell contains model\.Summary\(\)`,
			`opening broken\.ipynb marks it modified`,
		} {
			if !regexp.MustCompile(re).MatchString(out) {
				t.Errorf("lab.mjs's verdict does not match %q; output:\n%s", re, out)
			}
		}
		t.Logf("lab.mjs's verdict on the broken notebook:\n%s", out)
		if strings.Contains(out, "kernel indicator reads") {
			t.Errorf("lab.mjs: the kernel indicator did not read idle (before the first cell or after the restart); output:\n%s", out)
		}
		if strings.Contains(out, "code cell 2 [") {
			t.Errorf("lab.mjs counts the autils notice on stderr (code cell 2) as an error; output:\n%s", out)
		}
		for _, f := range []string{"lab.png", "lab.txt"} {
			if _, err := os.Stat(filepath.Join(outDir, f)); err != nil {
				t.Errorf("lab.mjs wrote no %s on failure: %v", f, err)
			}
		}
	})
	if t.Failed() {
		return
	}

	t.Run("lab notebook", func(t *testing.T) {
		// A copy: JupyterLab saves outputs into the notebook it runs.
		name := filepath.Base(labNotebook)
		copyFile(t, src, filepath.Join(l.dir, name))
		outDir := filepath.Join(root, "build", "e2e")
		out, err := runLab(t, root, l, name, outDir)
		if err != nil {
			t.Fatalf("the lab notebook in JupyterLab: %v\n%s\nscreenshot: %s\ntext of every cell: %s\nJupyterLab log (end):\n%s",
				err, out, filepath.Join(outDir, "lab.png"), filepath.Join(outDir, "lab.txt"), tail(l.log))
		}
		t.Logf("lab.mjs output:\n%s", out)
		shot := filepath.Join(outDir, "lab.png")
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("no screenshot: %v", err)
		}
		defer f.Close()
		cfg, err := png.DecodeConfig(f)
		if err != nil {
			t.Fatalf("%s: %v", shot, err)
		}
		// The viewport grows to the notebook's height: a whole notebook, not one screen.
		if cfg.Width != 1280 || cfg.Height < 5000 {
			t.Errorf("%s is %dx%d, want 1280 wide and the notebook's full height (> 5000)", shot, cfg.Width, cfg.Height)
		}
	})

	// The multiclass lab, in the same server (no second start-up); its
	// screenshot goes beside the binary lab's.
	t.Run("multiclass lab notebook", func(t *testing.T) {
		name := filepath.Base(lab2Notebook)
		copyFile(t, filepath.Join(root, lab2Notebook), filepath.Join(l.dir, name))
		outDir := filepath.Join(root, "build", "e2e", "C2_W2")
		out, err := runLab(t, root, l, name, outDir, lab2Expect...)
		if err != nil {
			t.Fatalf("the multiclass lab notebook in JupyterLab: %v\n%s\nscreenshot: %s\ntext of every cell: %s\nJupyterLab log (end):\n%s",
				err, out, filepath.Join(outDir, "lab.png"), filepath.Join(outDir, "lab.txt"), tail(l.log))
		}
		t.Logf("lab.mjs output:\n%s", out)
	})

	after, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("%s changed while JupyterLab ran a copy of it; committed notebooks must stay output-free", labNotebook)
	}
}

// The browser driver is pinned to one exact version, in package.json and the lock, and
// is the only npm package: npm ci installs exactly what was tested.
func TestPlaywrightPinned(t *testing.T) {
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	for file, v := range map[string]any{"package.json": &pkg, "package-lock.json": &lock} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	want := pkg.Dependencies["playwright-core"]
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(want) {
		t.Errorf("package.json asks for playwright-core %q, want an exact version", want)
	}
	if len(pkg.Dependencies) != 1 {
		t.Errorf("package.json has dependencies %v, want playwright-core only", pkg.Dependencies)
	}
	if got := lock.Packages["node_modules/playwright-core"].Version; got != want {
		t.Errorf("package-lock.json pins playwright-core %q, package.json %q: run npm install --package-lock-only in e2e/", got, want)
	}
	if len(lock.Packages) != 2 {
		t.Errorf("package-lock.json has %d entries, want the root and playwright-core", len(lock.Packages))
	}
}
