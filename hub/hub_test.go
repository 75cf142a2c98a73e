//go:build linux

package hub

import (
	"bytes"
	"cmp"
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

// stopWay is how a student's server is stopped at the end of the class: each way a hub
// stops one.
type stopWay int

const (
	stopByAPI  stopWay = iota // DELETE /users/NAME/server, as the hub's stop button and the idle culler do
	stopByKill                // SIGKILL to the server: nothing can clean up
	stopByHub                 // the hub shuts down and stops the server
)

// student is one student of the class and what the test does with their server.
type student struct {
	name string
	// ownSeed, when set, is the seed of the student's own copy of the notebook, in her
	// home before her server starts: start.sh must keep it rather than copy the lab's.
	ownSeed      string
	leaveRunning bool // leave a cell running after the notebook (run_notebook.py --then-sleep)
	stop         stopWay
}

// class is the students of TestJupyterHubClass: everyone runs the lab at once, and each
// server is stopped another way.
var class = []student{
	{name: "alice", leaveRunning: true, stop: stopByAPI},
	{name: "bob", stop: stopByAPI},
	{name: "carol", leaveRunning: true, stop: stopByKill},
	{name: "dana", ownSeed: "4321", stop: stopByHub},
}

// seedCell is the grade_id of the cell that declares the lab's seed, and seedConst
// reads the seed there.
const seedCell = "locked_11"

var seedConst = regexp.MustCompile(`const seed = (\d+)`)

// result is one student's run.
type result struct {
	student
	seed      string        // the seed of the notebook the student ran
	spawn     time.Duration // from asking the hub to start the server to the server being ready
	ready     float64       // kernel start (session created to kernel_info answered), s
	notebook  float64       // the whole notebook through the hub, kernel start included, s
	sinceAsk  time.Duration // from asking for the server to the notebook's end
	nb        *nbtest.Notebook
	clientOut string
	err       error
	// The training log's losses and the predictions' lines, as checkLab returns them.
	losses, predictions string
}

// runStudent starts s's server through the hub and, once it is ready, runs the lab
// notebook on it with run_notebook.py.
func runStudent(ctx context.Context, root, tmp string, h *hub, s student) *result {
	r := &result{student: s}
	start := time.Now()
	if _, err := h.api(ctx, http.MethodPost, "/users/"+s.name+"/server", nil, nil); err != nil {
		r.err = err
		return r
	}
	for {
		ready, _, err := h.serverState(ctx, s.name)
		if err != nil {
			r.err = err
			return r
		}
		if ready {
			break
		}
		select {
		case <-ctx.Done():
			r.err = fmt.Errorf("server of %s not ready: %w", s.name, ctx.Err())
			return r
		case <-time.After(250 * time.Millisecond):
		}
	}
	r.spawn = time.Since(start)

	out := filepath.Join(tmp, "out", s.name+".ipynb")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		r.err = err
		return r
	}
	args := []string{filepath.Join(root, "hub", "run_notebook.py"),
		"--url", h.base + "/user/" + s.name + "/", "--token", h.token,
		"--path", "nnlab/" + filepath.Base(labNotebook), "--out", out, "--timeout", "900"}
	if s.leaveRunning {
		args = append(args, "--then-sleep")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(root, ".venv", "bin", "python"), args...)
	data, err := cmd.CombinedOutput()
	r.sinceAsk = time.Since(start)
	r.clientOut = string(data)
	if err != nil {
		r.err = fmt.Errorf("run_notebook.py for %s: %v\n%s", s.name, err, data)
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

var (
	zeroLine   = regexp.MustCompile(`predicting a zero: \[\[([0-9.e-]+)\]\]`)
	oneLine    = regexp.MustCompile(`predicting a one:  \[\[([0-9.e-]+)\]\]`)
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
	if got, want := nbtest.TrimLines(nbtest.MustCellByID(t, nb, nbtest.LabOf("C2_W1").SummaryCell).Stdout()), nbtest.LabOf("C2_W1").Summary; got != want {
		t.Errorf("%s: the model summary is\n%s\nwant\n%s", who, got, want)
	}
	if n := strings.Count(text, "All tests passed!"); n != 3 {
		t.Errorf(`%s: "All tests passed!" printed %d times, want 3`, who, n)
	}
	log := nbtest.MustCellByID(t, nb, nbtest.LabOf("C2_W1").FitCell).Stdout()
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
	h := startHub(t, root, tmp, marker, map[string]string{
		"PATH":                 "/usr/bin:/bin",
		"NNLAB_HUB_TEST":       marker,
		"NNLAB_SHARED_GOCACHE": warmBuildCache(t, root),
	})
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	names := make([]string, len(class))
	for i, s := range class {
		names[i] = s.name
	}
	if _, err := h.api(ctx, http.MethodPost, "/users", map[string]any{"usernames": names}, nil); err != nil {
		t.Fatal(err)
	}
	labSeed := giveOwnCopies(t, root, tmp)

	results := runClass(ctx, t, root, tmp, h, labSeed)
	if t.Failed() {
		return
	}
	for _, r := range results {
		t.Run("outputs/"+r.name, func(t *testing.T) { checkStudent(t, tmp, r) })
	}
	checkOwnNumbers(t, results)
	if _, err := os.Stat(filepath.Join(tmp, "hub", ".cache", "nnlab")); err == nil {
		t.Errorf("model state was written outside the students' homes")
	}
	running := checkRunning(t, tmp, marker)
	if t.Failed() {
		return
	}
	stopped := stopClass(ctx, t, h, running)
	checkNothingLeft(t, marker, stopped)
}

// warmBuildCache returns this user's Go build cache, warmed with the repository's
// packages: the shared, pre-built cache the image has (what `make html` does while
// building the image).
func warmBuildCache(t *testing.T, root string) string {
	t.Helper()
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
	return gocache
}

// giveOwnCopies puts into the home of each student with an own seed her own copy of
// the lab notebook, with that seed; it returns the lab's own seed.
func giveOwnCopies(t *testing.T, root, tmp string) (labSeed string) {
	t.Helper()
	lab, err := os.ReadFile(filepath.Join(root, labNotebook))
	if err != nil {
		t.Fatal(err)
	}
	m := seedConst.FindSubmatch(lab)
	if m == nil {
		t.Fatalf("%s has no `const seed = N` cell to give a student another seed", labNotebook)
	}
	labSeed = string(m[1])
	for _, s := range class {
		if s.ownSeed == "" {
			continue
		}
		if s.ownSeed == labSeed {
			t.Fatalf("%s's own seed %s is the lab's: her numbers could not tell her copy from the lab's", s.name, s.ownSeed)
		}
		own := filepath.Join(tmp, "home", s.name, "nnlab", filepath.Base(labNotebook))
		if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(own, seedConst.ReplaceAll(lab, []byte("const seed = "+s.ownSeed)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return labSeed
}

// runClass runs every student at once and logs their times; a student who could not
// run the notebook fails the test.
func runClass(ctx context.Context, t *testing.T, root, tmp string, h *hub, labSeed string) []*result {
	t.Helper()
	results := make([]*result, len(class))
	var wg sync.WaitGroup
	for i, s := range class {
		wg.Go(func() {
			results[i] = runStudent(ctx, root, tmp, h, s)
			results[i].seed = cmp.Or(s.ownSeed, labSeed)
		})
	}
	wg.Wait()
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		t.Logf("%d students at once on %d cores; load average (1, 5, 15 min) at the end: %s",
			len(class), runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], ", "))
	}
	for _, r := range results {
		if r.err != nil {
			t.Errorf("%s: %v", r.name, r.err)
			continue
		}
		t.Logf("%s: server spawned in %.1f s; kernel ready in %.1f s; whole notebook in %.1f s; %.1f s from asking for the server to the notebook's end",
			r.name, r.spawn.Seconds(), r.ready, r.notebook, r.sinceAsk.Seconds())
	}
	return results
}

// checkStudent checks one student's notebook: the right outputs, from the notebook in
// her home (her own copy's seed, or the lab's), with the model state in her home.
func checkStudent(t *testing.T, tmp string, r *result) {
	r.losses, r.predictions = checkLab(t, r.name, r.nb)
	state := filepath.Join(tmp, "home", r.name, ".cache", "nnlab", "models")
	if entries, err := os.ReadDir(state); err != nil || len(entries) == 0 {
		t.Errorf("%s: no model state in the own home (%s): %v", r.name, state, err)
	}
	src := seedConst.FindSubmatch([]byte(nbtest.MustCellByID(t, r.nb, seedCell).Source))
	if src == nil || string(src[1]) != r.seed {
		t.Errorf("%s ran the notebook with seed %q, want %s (start.sh must copy the lab but keep a student's own copy)", r.name, src, r.seed)
	}
}

// checkOwnNumbers checks that each student's training is her own: students who ran
// the same seed got the same losses and predictions, and those with other seeds other
// ones.
func checkOwnNumbers(t *testing.T, results []*result) {
	t.Helper()
	for i, a := range results {
		for _, b := range results[i+1:] {
			switch {
			case a.seed == b.seed && (a.losses != b.losses || a.predictions != b.predictions):
				t.Errorf("%s and %s ran the same seed but got other numbers:\n%s\n%s\n%s\n%s",
					b.name, a.name, b.losses, b.predictions, a.losses, a.predictions)
			case a.seed != b.seed && (a.losses == b.losses || a.predictions == b.predictions):
				t.Errorf("%s trained with seed %s and %s with %s, but their losses or predictions are the same:\n%s\n%s",
					a.name, a.seed, b.name, b.seed, a.losses, a.predictions)
			}
		}
	}
}

// checkRunning returns the class's processes by student and kind, checking that each
// student has a server, gonb and gopls running, and a cell if she left one running.
func checkRunning(t *testing.T, tmp, marker string) map[string]map[string][]proc {
	t.Helper()
	running := map[string]map[string][]proc{}
	for _, p := range classProcs(marker) {
		if running[p.user] == nil {
			running[p.user] = map[string][]proc{}
		}
		running[p.user][p.kind()] = append(running[p.user][p.kind()], p)
	}
	for _, s := range class {
		want := []string{"server", "gonb", "gopls"}
		if s.leaveRunning {
			want = append(want, "cell")
		}
		for _, k := range want {
			if len(running[s.name][k]) == 0 {
				t.Errorf("%s has no %s process running: %v", s.name, k, running[s.name])
			}
		}
		if home := filepath.Join(tmp, "home", s.name); len(running[s.name]["gonb"]) > 0 && running[s.name]["gonb"][0].env["HOME"] != home {
			t.Errorf("%s's kernel runs with HOME=%s, want %s", s.name, running[s.name]["gonb"][0].env["HOME"], home)
		}
	}
	return running
}

// stopClass stops each student's server the student's way: through the hub's API, by
// killing it, and last by shutting the hub down. It returns when it started.
func stopClass(ctx context.Context, t *testing.T, h *hub, running map[string]map[string][]proc) time.Time {
	t.Helper()
	start := time.Now()
	for _, s := range class {
		switch s.stop {
		case stopByAPI:
			if _, err := h.api(ctx, http.MethodDelete, "/users/"+s.name+"/server", nil, nil); err != nil {
				t.Errorf("stopping %s's server: %v", s.name, err)
			}
		case stopByKill:
			if err := syscall.Kill(running[s.name]["server"][0].pid, syscall.SIGKILL); err != nil {
				t.Errorf("killing %s's server: %v", s.name, err)
			}
		}
	}
	for _, s := range class {
		if s.stop != stopByAPI {
			continue
		}
		for {
			_, exists, err := h.serverState(ctx, s.name)
			if err != nil {
				t.Fatalf("asking for %s's server: %v", s.name, err)
			}
			if !exists {
				break
			}
			time.Sleep(250 * time.Millisecond)
		}
	}
	t.Logf("the hub stopped the servers asked through its API in %s", time.Since(start).Round(time.Millisecond))
	if err := syscall.Kill(h.proc.Pid(), syscall.SIGTERM); err != nil {
		t.Errorf("stopping the hub: %v", err)
	}
	select {
	case <-h.proc.Exited():
	case <-time.After(2 * time.Minute):
		t.Errorf("the hub did not stop within 2 minutes of SIGTERM")
	}
	t.Logf("the hub shut down (and stopped the servers left) %s after the first stop", time.Since(start).Round(time.Millisecond))
	return start
}

// checkNothingLeft checks that no process of the class outlives the servers.
func checkNothingLeft(t *testing.T, marker string, stopped time.Time) {
	t.Helper()
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
		t.Logf("no process of the class left %s after the first stop", time.Since(stopped).Round(time.Millisecond))
	}
}
