//go:build linux

package hub

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// labNotebook is the notebook every student runs, relative to the repository root.
var labNotebook = nbtest.LabOf("C2_W1").Notebook

// students of the class. The last one brings her own copy of the notebook, with another
// seed; how each one's server is stopped is in TestJupyterHubClass.
var students = []string{"alice", "bob", "carol", "dana"}

// requireSetup returns the repository root, skipping the test with -short and failing
// it, with the command that fixes it, when the kernel, the hub or the proxy is missing.
func requireSetup(t *testing.T) string {
	t.Helper()
	root := nbtest.RequireSetup(t, "running a JupyterHub class", "make setup hub-deps",
		".venv/bin/jupyterhub", ".venv/bin/jupyterhub-singleuser", proxyPath)
	nbtest.RequireNode(t, "make hub-deps")
	return root
}

// proxyPath is configurable-http-proxy, relative to the repository root.
const proxyPath = "hub/node_modules/.bin/configurable-http-proxy"

// proc is a process of this test's class, found in /proc.
type proc struct {
	pid  int
	user string // JUPYTERHUB_USER in its environment
	comm string
	argv []string
	env  map[string]string
}

// kind says what the process is: the single-user server, the kernel (gonb), gopls, a
// cell's program, or something else (go build, goimports, ...).
func (p proc) kind() string {
	switch {
	case p.comm == "gonb":
		return "gonb"
	case p.comm == "gopls":
		return "gopls"
	case slices.ContainsFunc(p.argv, func(a string) bool { return strings.HasSuffix(a, "jupyterhub-singleuser") }):
		return "server"
	case p.env["GONB_TMP_DIR"] != "" && len(p.argv) > 0 && strings.HasPrefix(p.argv[0], p.env["GONB_TMP_DIR"]+"/"):
		return "cell"
	}
	return p.comm
}

func (p proc) String() string {
	return fmt.Sprintf("pid %d (%s, %s): %q", p.pid, p.user, p.kind(), p.argv)
}

// classProcs returns the live processes whose environment carries marker: everything
// the hub started for the students, and what their servers and kernels started.
func classProcs(marker string) []proc {
	entries, _ := os.ReadDir("/proc")
	var ps []proc
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		dir := filepath.Join("/proc", e.Name())
		raw, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err != nil || !bytes.Contains(raw, []byte("NNLAB_HUB_TEST="+marker+"\x00")) {
			continue
		}
		p := proc{pid: pid, env: map[string]string{}}
		for _, kv := range strings.Split(string(raw), "\x00") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				p.env[k] = v
			}
		}
		p.user = p.env["JUPYTERHUB_USER"]
		if stat, err := os.ReadFile(filepath.Join(dir, "stat")); err == nil {
			if i := bytes.LastIndexByte(stat, ')'); i > 0 && len(stat) > i+2 && stat[i+2] == 'Z' {
				continue // a zombie, already dead
			}
		}
		comm, _ := os.ReadFile(filepath.Join(dir, "comm"))
		p.comm = strings.TrimSpace(string(comm))
		cmdline, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
		p.argv = strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
		ps = append(ps, p)
	}
	return ps
}

// hub is a JupyterHub started for one test.
type hub struct {
	base  string // http://127.0.0.1:PORT, the proxy's public address
	token string // the test service's token: admin of users and servers, access to every server
	proc  *nbtest.Process
}

// api sends a request to the hub's REST API and decodes a JSON answer into v (if not nil).
func (h *hub) api(ctx context.Context, method, path string, body, v any) (int, error) {
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base+"/hub/api"+path, r)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "token "+h.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return res.StatusCode, fmt.Errorf("%s %s: %s: %s", method, path, res.Status, bytes.TrimSpace(data))
	}
	if v != nil && len(data) > 0 {
		if err := json.Unmarshal(data, v); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return res.StatusCode, nil
}

// serverState is what the hub says about a user's default server.
func (h *hub) serverState(ctx context.Context, name string) (ready, exists bool, err error) {
	var u struct {
		Servers map[string]struct {
			Ready bool `json:"ready"`
		} `json:"servers"`
	}
	if _, err := h.api(ctx, http.MethodGet, "/users/"+name, nil, &u); err != nil {
		return false, false, err
	}
	s, ok := u.Servers[""]
	return s.Ready, ok, nil
}

// hubConfig is the jupyterhub_config.py of the class; %s are filled by startHub.
const hubConfig = `# Written by TestJupyterHubClass.
import os
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = %[1]d
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = %[2]d
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%[3]d"
c.ConfigurableHTTPProxy.command = [%[4]q]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(%[5]q, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(%[5]q, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(%[5]q, "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = os.path.join(%[5]q, "proxy.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.services = [{"name": "nnlab-test", "api_token": %[6]q}]
c.JupyterHub.load_roles = [{
    "name": "nnlab-test",
    "scopes": ["admin:users", "admin:servers", "access:servers"],
    "services": ["nnlab-test"],
}]
# Each student gets an own, new, empty home; no uid switch (students are not system users).
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(%[7]q, "{username}")
# Started as the Docker image starts it: docker/start.sh, then jupyterhub-singleuser.
c.Spawner.cmd = [%[8]q, %[9]q]
c.Spawner.args = %[10]s
c.Spawner.default_url = "/lab"
# Four servers starting at once on two cores take longer than the default 30 s.
c.Spawner.http_timeout = 300
c.Spawner.start_timeout = 300
# Only what a student's server would have: no Go on PATH, nothing from this machine's
# user; the marker finds every process of the class in /proc.
c.Spawner.env_keep = ["LANG"]
c.Spawner.environment = %[11]s
`

// startHub writes the hub's configuration and starts it; it stops the hub (and any
// process of the class still alive) when the test ends.
func startHub(t *testing.T, root, tmp, marker string, env map[string]string) *hub {
	t.Helper()
	hubDir := filepath.Join(tmp, "hub")
	homes := filepath.Join(tmp, "home")
	for _, d := range []string{hubDir, homes} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	port := nbtest.FreePort(t)
	h := &hub{base: fmt.Sprintf("http://127.0.0.1:%d", port), token: rand.Text()}
	args := "[]"
	if os.Getuid() == 0 {
		args = `["--allow-root"]` // CI runs as root; jupyter_server refuses root without it
	}
	envJSON, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(hubConfig, port, nbtest.FreePort(t), nbtest.FreePort(t), filepath.Join(root, proxyPath), hubDir, h.token, homes,
		filepath.Join(root, "docker", "start.sh"), filepath.Join(root, ".venv", "bin", "jupyterhub-singleuser"),
		args, envJSON)
	configPath := filepath.Join(hubDir, "jupyterhub_config.py")
	if err = os.WriteFile(configPath, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(hubDir, "jupyterhub.log")
	// After the hub has stopped (cleanups run last first): whatever of the class is
	// still alive, and the hub's log if the test failed.
	t.Cleanup(func() {
		for _, m := range []string{marker, marker + "-hub"} {
			for _, p := range classProcs(m) {
				t.Logf("cleaning up %s", p)
				_ = syscall.Kill(p.pid, syscall.SIGKILL)
			}
		}
		if t.Failed() {
			t.Logf("JupyterHub's log (end):\n%s", nbtest.Tail(log, 8000))
		}
	})
	cmd := exec.Command(filepath.Join(root, ".venv", "bin", "jupyterhub"), "-f", configPath)
	cmd.Dir = hubDir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + hubDir, "NNLAB_HUB_TEST=" + marker + "-hub"}
	// The hub and its proxy share a process group; each server gets a session of its own.
	h.proc = nbtest.Start(t, cmd, log, 30*time.Second, nil)
	h.proc.WaitReady(t, "jupyterhub on "+h.base, 2*time.Minute, func(ctx context.Context) error {
		_, err := h.api(ctx, http.MethodGet, "/", nil, nil)
		return err
	})
	return h
}

// result is one student's run.
type result struct {
	name      string
	spawn     time.Duration // from asking the hub to start the server to the server being ready
	ready     float64       // kernel start (session created to kernel_info answered), s
	notebook  float64       // the whole notebook through the hub, kernel start included, s
	sinceAsk  time.Duration // from asking for the server to the notebook's end
	nb        *nbtest.Notebook
	clientOut string
	err       error
}

// runStudent starts name's server through the hub and, once it is ready, runs the lab
// notebook on it with run_notebook.py.
func runStudent(ctx context.Context, root, tmp string, h *hub, name string, thenSleep bool) *result {
	r := &result{name: name}
	start := time.Now()
	if _, err := h.api(ctx, http.MethodPost, "/users/"+name+"/server", nil, nil); err != nil {
		r.err = err
		return r
	}
	for {
		ready, _, err := h.serverState(ctx, name)
		if err != nil {
			r.err = err
			return r
		}
		if ready {
			break
		}
		select {
		case <-ctx.Done():
			r.err = fmt.Errorf("server of %s not ready: %w", name, ctx.Err())
			return r
		case <-time.After(250 * time.Millisecond):
		}
	}
	r.spawn = time.Since(start)

	out := filepath.Join(tmp, "out", name+".ipynb")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		r.err = err
		return r
	}
	args := []string{filepath.Join(root, "hub", "run_notebook.py"),
		"--url", h.base + "/user/" + name + "/", "--token", h.token,
		"--path", "nnlab/" + filepath.Base(labNotebook), "--out", out, "--timeout", "900"}
	if thenSleep {
		args = append(args, "--then-sleep")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(root, ".venv", "bin", "python"), args...)
	data, err := cmd.CombinedOutput()
	r.sinceAsk = time.Since(start)
	r.clientOut = string(data)
	if err != nil {
		r.err = fmt.Errorf("run_notebook.py for %s: %v\n%s", name, err, data)
		return r
	}
	if r.nb, err = nbtest.ReadNotebook(out); err != nil {
		r.err = err
		return r
	}
	if meta, ok := r.nb.Metadata["nnlab"].(map[string]any); ok {
		r.ready, _ = meta["kernel_ready_seconds"].(float64)
		r.notebook, _ = meta["run_seconds"].(float64)
	}
	return r
}

// cellWith returns the first code cell whose source contains fragment.
func cellWith(t *testing.T, who string, nb *nbtest.Notebook, fragment string) nbtest.Cell {
	t.Helper()
	for _, c := range nb.CodeCells() {
		if strings.Contains(string(c.Source), fragment) {
			return c
		}
	}
	t.Fatalf("%s: no code cell contains %q", who, fragment)
	return nbtest.Cell{}
}

// stdout is what the cell printed on stdout, without colour codes.
func stdout(c nbtest.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == "stdout" {
			b.WriteString(string(o.Text))
		}
	}
	return nbtest.StripANSI(b.String())
}

var (
	zeroLine   = regexp.MustCompile(`predicting a zero: \[\[([0-9.e-]+)\]\]`)
	oneLine    = regexp.MustCompile(`predicting a one:  \[\[([0-9.e-]+)\]\]`)
	seedConst  = regexp.MustCompile(`const seed = (\d+)`)
	otherSeed  = "4321"
	lossString = regexp.MustCompile(`loss: \S+`)
)

// checkLab checks what a learner sees in the executed lab notebook: every cell ran
// without an error, the model summary, the 20 epochs of training with a falling
// loss, the exercise checks and the predictions. It returns the training log's losses
// and the predictions' lines.
func checkLab(t *testing.T, who string, nb *nbtest.Notebook) (losses, predictions string) {
	t.Helper()
	for i, c := range nb.CodeCells() {
		if c.ExecutionCount == nil {
			t.Errorf("%s: code cell %d did not run", who, i+1)
		}
		for _, o := range c.Outputs {
			if o.Type == "error" {
				t.Errorf("%s: code cell %d failed: %s: %s", who, i+1, o.Ename, o.Evalue)
			}
			if o.Type == "stream" && o.Name == "stderr" && !strings.HasPrefix(string(o.Text), "autils: using ") {
				t.Errorf("%s: code cell %d wrote to stderr: %q", who, i+1, o.Text)
			}
		}
	}
	text := nbtest.StripANSI(nb.Text())
	for _, want := range []string{
		"The shape of X is: (1000, 400)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: outputs lack %q", who, want)
		}
	}
	if got, want := nbtest.TrimLines(stdout(cellWith(t, who, nb, "model.Summary()"))), nbtest.LabOf("C2_W1").Summary; got != want {
		t.Errorf("%s: the model summary is\n%s\nwant\n%s", who, got, want)
	}
	if n := strings.Count(text, "All tests passed!"); n != 3 {
		t.Errorf(`%s: "All tests passed!" printed %d times, want 3`, who, n)
	}
	log := stdout(cellWith(t, who, nb, "MustFit("))
	if loss, err := nbtest.LabOf("C2_W1").Losses(log); err != nil {
		t.Errorf("%s: %v", who, err)
	} else {
		if first, last := loss[0], loss[19]; !(first > 0.5 && last < 0.05) {
			t.Errorf("%s: loss went from %v to %v, want a start near ln 2 and an end below 0.05", who, first, last)
		}
	}
	zero, one := zeroLine.FindStringSubmatch(text), oneLine.FindStringSubmatch(text)
	if zero == nil || one == nil {
		t.Errorf("%s: no predictions printed", who)
		return log, ""
	}
	if p, _ := strconv.ParseFloat(zero[1], 64); p >= 0.1 {
		t.Errorf("%s: prediction for a zero %v, want below 0.1", who, p)
	}
	if p, _ := strconv.ParseFloat(one[1], 64); p <= 0.9 {
		t.Errorf("%s: prediction for a one %v, want above 0.9", who, p)
	}
	return strings.Join(lossString.FindAllString(log, -1), " "), zero[0] + " " + one[0]
}

// A class on JupyterHub: four students start their servers at once and run the whole
// lab notebook through the hub, each in an own empty home; each gets the right outputs
// from their own training; and stopping the servers (through the hub's API, by killing
// a server outright, by shutting the hub down) leaves no process of theirs behind.
func TestJupyterHubClass(t *testing.T) {
	root := requireSetup(t)
	tmp := t.TempDir()
	marker := rand.Text()

	// The shared, pre-built Go build cache, as the image has it: this user's own, warmed
	// with the repository's packages (what `make html` does while building the image).
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	gocache := strings.TrimSpace(string(out))
	warm := exec.Command("go", "build", "./...")
	warm.Dir = root
	warm.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	start := time.Now()
	if out, err = warm.CombinedOutput(); err != nil {
		t.Fatalf("warming the build cache: go build ./...: %v\n%s", err, out)
	}
	t.Logf("warmed the shared build cache %s in %s", gocache, time.Since(start).Round(time.Millisecond))

	h := startHub(t, root, tmp, marker, map[string]string{
		"PATH":                 "/usr/bin:/bin",
		"NNLAB_HUB_TEST":       marker,
		"NNLAB_SHARED_GOCACHE": gocache,
	})
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	if _, err = h.api(ctx, http.MethodPost, "/users", map[string]any{"usernames": students}, nil); err != nil {
		t.Fatal(err)
	}

	// dana already has her own copy of the notebook, with another seed.
	lab, err := os.ReadFile(filepath.Join(root, labNotebook))
	if err != nil {
		t.Fatal(err)
	}
	if !seedConst.Match(lab) {
		t.Fatalf("%s has no `const seed = N` cell to give dana another seed", labNotebook)
	}
	danas := seedConst.ReplaceAll(lab, []byte("const seed = "+otherSeed))
	danaNotebook := filepath.Join(tmp, "home", "dana", "nnlab", filepath.Base(labNotebook))
	if err := os.MkdirAll(filepath.Dir(danaNotebook), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(danaNotebook, danas, 0o644); err != nil {
		t.Fatal(err)
	}

	// Everyone at once. alice and carol leave a cell running at the end.
	results := make([]*result, len(students))
	var wg sync.WaitGroup
	for i, name := range students {
		wg.Go(func() {
			results[i] = runStudent(ctx, root, tmp, h, name, name == "alice" || name == "carol")
		})
	}
	wg.Wait()
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		t.Logf("four students at once on %d cores; load average (1, 5, 15 min) at the end: %s", runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], ", "))
	}
	for _, r := range results {
		if r.err != nil {
			t.Errorf("%s: %v", r.name, r.err)
			continue
		}
		t.Logf("%s: server spawned in %.1f s; kernel ready in %.1f s; whole notebook in %.1f s; %.1f s from asking for the server to the notebook's end",
			r.name, r.spawn.Seconds(), r.ready, r.notebook, r.sinceAsk.Seconds())
	}
	if t.Failed() {
		return
	}

	// Each student's outputs are right, from their own training.
	losses, predictions := map[string]string{}, map[string]string{}
	for _, r := range results {
		losses[r.name], predictions[r.name] = checkLab(t, r.name, r.nb)
		home := filepath.Join(tmp, "home", r.name)
		state := filepath.Join(home, ".cache", "nnlab", "models")
		if entries, err := os.ReadDir(state); err != nil || len(entries) == 0 {
			t.Errorf("%s: no model state in the own home (%s): %v", r.name, state, err)
		}
		src := seedConst.FindSubmatch([]byte(cellWith(t, r.name, r.nb, "const seed").Source))
		if want := map[bool]string{true: otherSeed, false: "1234"}[r.name == "dana"]; src == nil || string(src[1]) != want {
			t.Errorf("%s ran the notebook with seed %q, want %s (start.sh must copy the lab but keep a student's own copy)", r.name, src, want)
		}
	}
	for _, name := range []string{"bob", "carol"} {
		if losses[name] != losses["alice"] || predictions[name] != predictions["alice"] {
			t.Errorf("%s and alice ran the same notebook but got other numbers:\n%s\n%s\n%s\n%s",
				name, losses[name], predictions[name], losses["alice"], predictions["alice"])
		}
	}
	if losses["dana"] == losses["alice"] || predictions["dana"] == predictions["alice"] {
		t.Errorf("dana trained with another seed, but her losses or predictions are the others':\n%s\n%s", losses["dana"], predictions["dana"])
	}
	if _, err := os.Stat(filepath.Join(tmp, "hub", ".cache", "nnlab")); err == nil {
		t.Errorf("model state was written outside the students' homes")
	}

	// What runs now: for each student a server, gonb and gopls; alice's and carol's
	// cells are still running.
	running := map[string]map[string][]proc{}
	for _, p := range classProcs(marker) {
		if running[p.user] == nil {
			running[p.user] = map[string][]proc{}
		}
		running[p.user][p.kind()] = append(running[p.user][p.kind()], p)
	}
	for _, name := range students {
		want := []string{"server", "gonb", "gopls"}
		if name == "alice" || name == "carol" {
			want = append(want, "cell")
		}
		for _, k := range want {
			if len(running[name][k]) == 0 {
				t.Errorf("%s has no %s process running: %v", name, k, running[name])
			}
		}
		if home := filepath.Join(tmp, "home", name); len(running[name]["gonb"]) > 0 && running[name]["gonb"][0].env["HOME"] != home {
			t.Errorf("%s's kernel runs with HOME=%s, want %s", name, running[name]["gonb"][0].env["HOME"], home)
		}
	}
	if t.Failed() {
		return
	}

	// Stop the servers every way a hub does: alice and bob through the hub's API (as
	// the hub's stop button and the idle culler do), carol's server killed outright
	// (SIGKILL: nothing can clean up), dana's by shutting the hub down.
	stopStart := time.Now()
	for _, name := range []string{"alice", "bob"} {
		if _, err := h.api(ctx, http.MethodDelete, "/users/"+name+"/server", nil, nil); err != nil {
			t.Errorf("stopping %s's server: %v", name, err)
		}
	}
	carol := running["carol"]["server"][0]
	if err := syscall.Kill(carol.pid, syscall.SIGKILL); err != nil {
		t.Errorf("killing carol's server: %v", err)
	}
	for _, name := range []string{"alice", "bob"} {
		for {
			_, exists, err := h.serverState(ctx, name)
			if err != nil {
				t.Fatalf("asking for %s's server: %v", name, err)
			}
			if !exists {
				break
			}
			time.Sleep(250 * time.Millisecond)
		}
	}
	t.Logf("the hub stopped alice's and bob's servers in %s", time.Since(stopStart).Round(time.Millisecond))
	if err := syscall.Kill(h.proc.Pid(), syscall.SIGTERM); err != nil {
		t.Errorf("stopping the hub: %v", err)
	}
	select {
	case <-h.proc.Exited():
	case <-time.After(2 * time.Minute):
		t.Errorf("the hub did not stop within 2 minutes of SIGTERM")
	}
	t.Logf("the hub shut down (and stopped dana's server) %s after the first stop", time.Since(stopStart).Round(time.Millisecond))

	// GoNB interrupts a running cell and waits 5 s before it kills it; allow some more.
	deadline := time.Now().Add(45 * time.Second)
	var left []proc
	for {
		left = classProcs(marker)
		if len(left) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	for _, p := range left {
		t.Errorf("left running after the servers stopped: %s", p)
	}
	if len(left) == 0 {
		t.Logf("no process of the class left %s after the first stop", time.Since(stopStart).Round(time.Millisecond))
	}
}
