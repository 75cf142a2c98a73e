//go:build linux

package docker

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// dockerCLI is Debian's docker client: with DOCKER_BUILDKIT=1 it builds with the engine's
// own BuildKit (a newer CLI on PATH may lack the buildx plugin and fall back to the
// deprecated builder).
const dockerCLI = "/usr/bin/docker"

// dataRoot is where the dockerd this test starts keeps images and the build cache, so
// that the next run builds from the cache.
const dataRoot = "/var/lib/docker"

// testImage is the tag the test builds.
const testImage = "nnlab-test:latest"

// engine is the Docker engine the test uses, and the label of its containers.
type engine struct {
	label string // nnlab.test=<random>: every container and volume of this run
}

// docker runs the Docker CLI and returns its stdout, failing the test on error.
func (e *engine) docker(t testing.TB, args ...string) string {
	t.Helper()
	out, err := e.try(args...)
	if err != nil {
		t.Fatalf("docker %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// try runs the Docker CLI and returns its stdout; the error holds its stderr.
func (e *engine) try(args ...string) (string, error) {
	return e.tryFor(5*time.Minute, args...)
}

// tryFor is try with a time limit.
func (e *engine) tryFor(limit time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, dockerCLI, args...)
	cmd.Env = append(os.Environ(), "DOCKER_BUILDKIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// startEngine returns the Docker engine that answers, or starts Debian's dockerd (overlay2,
// data in dataRoot) and stops it when the test ends. Containers and volumes the test made
// are removed when it ends, whichever engine it used.
func startEngine(t *testing.T) *engine {
	t.Helper()
	for _, f := range []string{dockerCLI, "/usr/sbin/dockerd"} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%s is missing: run `make docker-deps` (Debian's docker.io; `make test` does)", f)
		}
	}
	e := &engine{label: "nnlab.test=" + strings.ToLower(rand.Text()[:10])}
	if _, err := e.try("info"); err == nil {
		t.Logf("using the Docker engine that answers (left running)")
	} else {
		if os.Getuid() != 0 {
			t.Fatalf("no Docker engine answers (%v) and this user (not root) cannot start dockerd: start it, e.g. sudo dockerd --data-root=%s &", err, dataRoot)
		}
		log := filepath.Join(t.TempDir(), "dockerd.log")
		f, err := os.Create(log)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("/usr/sbin/dockerd", "--storage-driver=overlay2", "--data-root="+dataRoot)
		cmd.Stdout, cmd.Stderr = f, f
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting dockerd: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); f.Close(); close(exited) }()
		// Registered first, so it runs last: after the containers are gone.
		t.Cleanup(func() {
			// dockerd alone: it stops its containers and its containerd itself.
			_ = cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
				t.Logf("stopped the dockerd this test started (pid %d)", cmd.Process.Pid)
			case <-time.After(90 * time.Second):
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-exited
				t.Errorf("dockerd did not stop within 90 s of SIGTERM; killed. Its log:\n%s", nbtest.Tail(log, 4000))
			}
		})
		deadline := time.Now().Add(2 * time.Minute)
		for {
			if _, err := e.try("info"); err == nil {
				break
			}
			select {
			case <-exited:
				t.Fatalf("dockerd exited at start; its log:\n%s", nbtest.Tail(log, 4000))
			case <-time.After(500 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("dockerd did not answer within 2 minutes; its log:\n%s", nbtest.Tail(log, 4000))
			}
		}
		t.Logf("started dockerd (pid %d, data root %s, kept between runs; log %s); stopped when the test ends", cmd.Process.Pid, dataRoot, log)
	}
	t.Cleanup(func() {
		if ids, _ := e.try("ps", "-aq", "--filter", "label="+e.label); ids != "" {
			if _, err := e.try(append([]string{"rm", "-f"}, strings.Fields(ids)...)...); err != nil {
				t.Errorf("removing the test's containers: %v", err)
			}
		}
		if vols, _ := e.try("volume", "ls", "-q", "--filter", "label="+e.label); vols != "" {
			if _, err := e.try(append([]string{"volume", "rm", "-f"}, strings.Fields(vols)...)...); err != nil {
				t.Errorf("removing the test's volumes: %v", err)
			}
		}
	})
	return e
}

// baseImages returns the images the Dockerfile's FROM lines name, stages excepted.
func baseImages(t *testing.T, dockerfile string) []string {
	t.Helper()
	data, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	var images, stages []string
	for _, m := range regexp.MustCompile(`(?mi)^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?`).FindAllStringSubmatch(string(data), -1) {
		if !slices.Contains(stages, m[1]) {
			images = append(images, m[1])
		}
		if m[2] != "" {
			stages = append(stages, m[2])
		}
	}
	return images
}

// cleanCopy copies the files git knows in root (tracked and untracked ones that
// .gitignore does not exclude, as they are in the work tree) into a new folder: the
// build context, without what setup and the tests made here.
func cleanCopy(t *testing.T, root string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("listing the repository's files with git (the build context is a clean copy of them): %v", err)
	}
	dir := filepath.Join(t.TempDir(), "context")
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if err != nil {
			continue // deleted in the work tree
		}
		dst := filepath.Join(dir, name)
		if err = os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if info.Mode()&os.ModeSymlink != 0 {
			target, lerr := os.Readlink(src)
			if lerr == nil {
				lerr = os.Symlink(target, dst)
			}
			if lerr != nil {
				t.Fatal(lerr)
			}
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// home returns a new folder owned by uid 1000, the image's learner: a home to mount.
func home(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "home")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 1000, 1000); err != nil {
		t.Fatal(err)
	}
	return dir
}

// container is one running container of the test image.
type container struct {
	e    *engine
	id   string
	name string
}

// run starts a container of the test image, detached, with args before the image
// (options) and cmd after it.
func (e *engine) run(t *testing.T, opts []string, cmd ...string) *container {
	t.Helper()
	name := "nnlab-test-" + strings.ToLower(rand.Text()[:8])
	args := append([]string{"run", "-d", "--name", name, "--label", e.label}, opts...)
	args = append(append(args, testImage), cmd...)
	return &container{e: e, id: e.docker(t, args...), name: name}
}

// exec runs argv in the container as its user (uid 1000) and returns its output.
func (c *container) exec(t *testing.T, argv ...string) string {
	t.Helper()
	return c.e.docker(t, append([]string{"exec", c.name}, argv...)...)
}

// logs returns the container's output so far.
func (c *container) logs() string {
	cmd := exec.Command(dockerCLI, "logs", c.name)
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// port returns the host address the container's port 8888 is published on.
func (c *container) port(t *testing.T) string {
	t.Helper()
	out := c.e.docker(t, "port", c.name, "8888/tcp")
	addr := strings.Fields(out)[0]
	if _, _, err := net.SplitHostPort(addr); err != nil {
		t.Fatalf("docker port %s 8888: %q", c.name, out)
	}
	return addr
}

// waitFor polls ready until it returns nil; the container ending first, or three
// minutes passing, fails the test with the container's log.
func (c *container) waitFor(t *testing.T, what string, ready func(context.Context) error) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := ready(ctx)
		cancel()
		if err == nil {
			return
		}
		if state, _ := c.e.try("inspect", "-f", "{{.State.Status}}", c.name); state != "running" {
			t.Fatalf("%s: the container is %s (%v); its log:\n%s", what, state, err, c.logs())
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no answer within 3 minutes (%v); its log:\n%s", what, err, c.logs())
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// hostProcesses returns the host's processes that belong to the container id (by their
// cgroup).
func hostProcesses(id string) []string {
	var procs []string
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		cg, err := os.ReadFile(filepath.Join(d, "cgroup"))
		if err != nil || !bytes.Contains(cg, []byte(id)) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(d, "cmdline"))
		procs = append(procs, fmt.Sprintf("%s %s", filepath.Base(d), bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '})))
	}
	return procs
}

// stop stops the container as `docker stop` does (SIGTERM, to tini) and checks that it
// ended by itself with status 0, before docker's SIGKILL, and left no process behind.
func (c *container) stop(t *testing.T) {
	t.Helper()
	c.e.docker(t, "stop", "-t", "60", c.name)
	code := c.e.docker(t, "inspect", "-f", "{{.State.ExitCode}} {{.State.OOMKilled}}", c.name)
	if code != "0 false" {
		t.Errorf("container %s ended with status %q after docker stop, want 0 (137 is SIGKILL: it did not stop on SIGTERM); its log:\n%s", c.name, code, c.logs())
	}
	if procs := hostProcesses(c.id); len(procs) > 0 {
		t.Errorf("processes of container %s still run after it stopped: %q", c.name, procs)
	}
	if logs := c.logs(); strings.Contains(logs, "Traceback") {
		t.Errorf("container %s's log holds a Python traceback:\n%s", c.name, logs)
	}
}

// zombies returns the container's processes that ended and were never reaped.
func (c *container) zombies(t *testing.T) string {
	t.Helper()
	return c.exec(t, "sh", "-c", `for f in /proc/[0-9]*/status; do grep -q '^State:[[:space:]]*Z' "$f" 2>/dev/null && grep '^Name:' "$f"; done; true`)
}

// labNotebooks returns the names of the notebooks (*.ipynb) in dir's notebooks/.
func labNotebooks(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, n := range notebookNames(t, dir) {
		if strings.HasSuffix(n, ".ipynb") {
			names = append(names, n)
		}
	}
	return names
}

// TestImage builds the Dockerfile from a clean copy of the repository and runs the
// image as a learner and a hub would: JupyterLab with a token on a published port, the
// notebooks copied into a mounted home and never overwritten, every lab notebook run
// through the container's kernel with the network off as uid 1000, tini reaping what
// the kernels leave, jupyterhub-singleuser started with a hub's environment against a
// stub of the hub's API, a home that cannot be written refused with a message, and
// every container stopping cleanly. It uses the Docker engine that answers or starts
// Debian's dockerd; base images that are absent and that no registry gives are made by
// standin-bases.sh.
func TestImage(t *testing.T) {
	if testing.Short() {
		t.Skip("building and running the Docker image is skipped with -short")
	}
	if os.Getuid() != 0 {
		t.Fatal("the image test runs as root (it starts dockerd, makes stand-in base images, chowns the homes it mounts): run `make test` as root, or with -short")
	}
	root := nbtest.MustRoot(t)
	e := startEngine(t)

	src := cleanCopy(t, root)
	bases := baseImages(t, filepath.Join(src, "Dockerfile"))
	var pyImage, goImage string
	for _, b := range bases {
		switch {
		case strings.HasPrefix(b, "python:"):
			pyImage = b
		case strings.HasPrefix(b, "golang:"):
			goImage = b
		default:
			t.Fatalf("the Dockerfile's base %s is neither python: nor golang:, which standin-bases.sh can stand in for", b)
		}
	}
	if pyImage == "" || goImage == "" {
		t.Fatalf("the Dockerfile's bases %q: want a python: and a golang: image", bases)
	}
	begin := time.Now()
	bcmd := exec.Command("bash", filepath.Join(src, "docker", "standin-bases.sh"), pyImage, goImage)
	bcmd.Env = append(os.Environ(), "DOCKER="+dockerCLI)
	out, err := bcmd.CombinedOutput()
	t.Logf("base images (%.0f s):\n%s", time.Since(begin).Seconds(), out)
	if err != nil {
		t.Fatalf("standin-bases.sh: %v", err)
	}

	old, _ := e.try("image", "inspect", "-f", "{{.Id}}", testImage)
	begin = time.Now()
	buildLog := filepath.Join(t.TempDir(), "build.log")
	build := exec.Command(dockerCLI, "build", "--progress=plain", "-t", testImage, src)
	build.Env = append(os.Environ(), "DOCKER_BUILDKIT=1")
	bout, err := build.CombinedOutput()
	_ = os.WriteFile(buildLog, bout, 0o644)
	if err != nil {
		t.Fatalf("docker build of a clean copy of the repository failed after %.0f s (%v); the end of its output:\n%s",
			time.Since(begin).Seconds(), err, nbtest.Tail(buildLog, 6000))
	}
	cached := strings.Count(string(bout), " CACHED\n")
	id := e.docker(t, "image", "inspect", "-f", "{{.Id}}", testImage)
	if old != "" && old != id {
		_, _ = e.try("image", "rm", old) // the previous run's image, now untagged
	}
	// The build cache grows with each tree built: keep the newest 10 GB (a cold build
	// makes about 5).
	if _, err := e.try("builder", "prune", "-f", "--keep-storage", "10GB"); err != nil {
		t.Logf("pruning the build cache: %v", err)
	}
	size, _ := strconv.ParseInt(e.docker(t, "image", "inspect", "-f", "{{.Size}}", testImage), 10, 64)
	t.Logf("docker build: %.0f s (%d steps from the cache), image %s %s, %.2f GB; its layers:\n%s", time.Since(begin).Seconds(), cached, testImage, id[:19],
		float64(size)/1e9, e.docker(t, "history", "--format", "{{.Size}}\t{{.CreatedBy}}", testImage))

	notebooks := labNotebooks(t, src)

	t.Run("JupyterLab", func(t *testing.T) { checkLab(t, e, src, notebooks) })
	t.Run("OfflineLabs", func(t *testing.T) { checkOffline(t, e, notebooks) })
	t.Run("HubSingleUser", func(t *testing.T) { checkHub(t, e, notebooks) })
	t.Run("UnwritableHome", func(t *testing.T) { checkUnwritableHome(t, e) })
}

// checkLab runs the image as docs/operators.md's "The Docker image" says, on a mounted home: a
// token-protected JupyterLab on a published port, Go the default kernel, the notebooks
// copied into the home as uid 1000; then again on the same home after the learner
// changed one notebook and deleted another: the first is kept, the second copied back.
func checkLab(t *testing.T, e *engine, src string, notebooks []string) {
	dir := home(t)
	token := rand.Text()
	c := e.run(t, []string{"-p", "127.0.0.1::8888", "-e", "JUPYTER_TOKEN=" + token, "-v", dir + ":/home/learner"})
	srv := &nbtest.Server{Base: "http://" + c.port(t), Token: token}
	c.waitFor(t, "JupyterLab on "+srv.Base, func(ctx context.Context) error {
		var status map[string]any
		return srv.GetJSON(ctx, "/api/status", &status)
	})
	ctx := t.Context()
	res, err := http.Get(srv.Base + "/api/kernels")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("GET /api/kernels without the token: %s, want 403 Forbidden", res.Status)
	}
	res, err = http.Get(srv.Base + "/lab?token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /lab?token=...: %s, want 200 OK", res.Status)
	}
	var specs struct {
		Default     string                     `json:"default"`
		Kernelspecs map[string]json.RawMessage `json:"kernelspecs"`
	}
	if err = srv.GetJSON(ctx, "/api/kernelspecs", &specs); err != nil {
		t.Fatal(err)
	}
	if specs.Default != nbtest.KernelName || specs.Kernelspecs[nbtest.KernelName] == nil {
		t.Errorf("JupyterLab's default kernel is %q (kernels: %d), want %s", specs.Default, len(specs.Kernelspecs), nbtest.KernelName)
	}
	if pid1 := c.exec(t, "cat", "/proc/1/comm"); pid1 != "tini" {
		t.Errorf("the container's PID 1 is %q, want tini (it reaps what the kernels leave)", pid1)
	}
	if uid := c.exec(t, "id", "-u"); uid != "1000" {
		t.Errorf("the container runs as uid %s, want 1000", uid)
	}
	goMod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(goMod); m == nil {
		t.Errorf("go.mod has no go line")
	} else if v := c.exec(t, "go", "env", "GOVERSION"); v != "go"+string(m[1]) {
		t.Errorf("the image's Go is %s, want go.mod's go %s", v, m[1])
	}
	for _, name := range notebooks {
		p := filepath.Join(dir, "nnlab", name)
		info, err := os.Stat(p)
		if err != nil {
			t.Errorf("the notebook %s was not copied into the mounted home: %v", name, err)
			continue
		}
		if st := info.Sys().(*syscall.Stat_t); st.Uid != 1000 {
			t.Errorf("%s in the home belongs to uid %d, want 1000", name, st.Uid)
		}
		want, _ := os.ReadFile(filepath.Join(src, "notebooks", name))
		if got, _ := os.ReadFile(p); !bytes.Equal(got, want) {
			t.Errorf("%s in the home differs from the repository's", name)
		}
	}
	c.stop(t)

	// The learner's work: one notebook changed, one deleted, a file of their own.
	mine := filepath.Join(dir, "nnlab", notebooks[0])
	work := []byte(`{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "note": "a learner's work"}`)
	own := filepath.Join(dir, "my-notes.txt")
	for _, f := range []string{mine, own} {
		if err := os.WriteFile(f, work, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gone := ""
	if len(notebooks) > 1 {
		gone = filepath.Join(dir, "nnlab", notebooks[1])
		if err := os.Remove(gone); err != nil {
			t.Fatal(err)
		}
	}
	c = e.run(t, []string{"-p", "127.0.0.1::8888", "-e", "JUPYTER_TOKEN=" + token, "-v", dir + ":/home/learner"})
	srv.Base = "http://" + c.port(t)
	c.waitFor(t, "JupyterLab restarted on the same home", func(ctx context.Context) error {
		var status map[string]any
		return srv.GetJSON(ctx, "/api/status", &status)
	})
	for _, f := range []string{mine, own} {
		if got, _ := os.ReadFile(f); !bytes.Equal(got, work) {
			t.Errorf("after a restart on the same home, %s holds %.80q, want the learner's work", f, got)
		}
	}
	if gone != "" {
		if _, err := os.Stat(gone); err != nil {
			t.Errorf("a notebook the learner deleted was not copied back at the next start: %v", err)
		}
	}
	c.stop(t)
}

// checkOffline runs every lab notebook through the container's kernel, with export/run.py
// (as `make html` does) as the container's user, uid 1000, in a container with no network:
// each must run to its end with no error. The kernels' processes (gonb, gopls) that end
// must be reaped by tini, not left as zombies.
func checkOffline(t *testing.T, e *engine, notebooks []string) {
	dir := home(t)
	c := e.run(t, []string{"--network=none", "-e", "JUPYTER_TOKEN=" + rand.Text(), "-v", dir + ":/home/learner"})
	c.waitFor(t, "JupyterLab with --network=none", func(context.Context) error {
		_, err := c.e.try("exec", c.name, "python", "-c",
			"import urllib.request as u; u.urlopen('http://127.0.0.1:8888/api', timeout=3)")
		return err
	})
	if ifaces := c.exec(t, "ls", "/sys/class/net"); ifaces != "lo" {
		t.Errorf("the --network=none container has the interfaces %q, want only lo", ifaces)
	}
	if uid := c.exec(t, "id", "-u"); uid != "1000" {
		t.Errorf("docker exec runs as uid %s, want 1000", uid)
	}
	c.exec(t, "sh", "-c", "mkdir -p ~/labrun && cp /opt/nnlab/notebooks/*.ipynb ~/labrun/")
	begin := time.Now()
	args := []string{"exec", "-w", "/home/learner/labrun", c.name, "python", "/opt/nnlab/export/run.py", "--out", "/home/learner/labrun/out"}
	out, err := e.tryFor(20*time.Minute, append(args, notebooks...)...)
	t.Logf("%d notebooks through the container's kernel, offline: %.0f s\n%s", len(notebooks), time.Since(begin).Seconds(), out)
	if err != nil {
		t.Errorf("export/run.py in the offline container: %v", err)
	}
	for _, name := range notebooks {
		p := filepath.Join(dir, "labrun", "out", "notebooks", name)
		nb, err := nbtest.ReadNotebook(p)
		if err != nil {
			t.Errorf("%s: no executed copy: %v", name, err)
			continue
		}
		if st, err := os.Stat(p); err == nil && st.Sys().(*syscall.Stat_t).Uid != 1000 {
			t.Errorf("%s was written by uid %d, want 1000", name, st.Sys().(*syscall.Stat_t).Uid)
		}
		cells := nb.CodeCells()
		for i, cell := range cells {
			if cell.ExecutionCount == nil {
				t.Errorf("%s: code cell %d of %d never ran", name, i+1, len(cells))
				break
			}
			if errs := cell.Errors(); len(errs) > 0 {
				t.Errorf("%s: code cell %d: %s: %s", name, i+1, errs[0].Ename, errs[0].Evalue)
			}
		}
		t.Logf("%s: %d code cells ran offline", name, len(cells))
	}
	// The kernels compiled into the image's shared build cache, which docker/warm.py filled
	// while building, not into a cache of the learner's own.
	if own := c.exec(t, "sh", "-c", "ls -d ~/.cache/go-build 2>/dev/null; true"); own != "" {
		t.Errorf("the kernels built into the learner's own Go cache %s, not the image's shared one", own)
	}
	if n := c.exec(t, "sh", "-c", `find "$NNLAB_SHARED_GOCACHE" -type f | wc -l`); n == "0" {
		t.Errorf("the image's shared Go build cache $NNLAB_SHARED_GOCACHE is empty: docker/warm.py did not fill it")
	}
	if z := c.zombies(t); z != "" {
		t.Errorf("zombie processes in the container after the notebooks' kernels ended:\n%s", z)
	}
	c.stop(t)
}

// stubHub is the part of JupyterHub's REST API that jupyterhub-singleuser calls: the
// version check, activity reports and the owner of a token.
type stubHub struct {
	token, user string
	mu          sync.Mutex
	calls       []string
}

func (h *stubHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.calls = append(h.calls, r.Method+" "+r.URL.Path)
	h.mu.Unlock()
	w.Header().Set("X-JupyterHub-Version", "6.1.1")
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.URL.Path == "/hub/api/" || r.URL.Path == "/hub/api":
		fmt.Fprint(w, `{"version": "6.1.1"}`)
	case strings.HasSuffix(r.URL.Path, "/activity"):
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, `{}`)
	case r.URL.Path == "/hub/api/user":
		if r.Header.Get("Authorization") != "token "+h.token && r.Header.Get("Authorization") != "Bearer "+h.token {
			http.Error(w, `{"status": 403}`, http.StatusForbidden)
			return
		}
		fmt.Fprintf(w, `{"kind": "user", "name": %q, "admin": false, "groups": [], "session_id": null,
			"scopes": ["access:servers!user=%[1]s", "access:servers!server=%[1]s/"]}`, h.user)
	default:
		http.NotFound(w, r)
	}
}

// bridgeGateway returns the host's IPv4 address on Docker's default bridge: where a
// container reaches a hub that runs on the host.
func bridgeGateway(t *testing.T, e *engine) string {
	t.Helper()
	name := e.docker(t, "network", "inspect", "-f", `{{index .Options "com.docker.network.bridge.name"}}`, "bridge")
	iface, err := net.InterfaceByName(name)
	if err != nil {
		t.Fatalf("Docker's bridge %q: %v", name, err)
	}
	addrs, err := iface.Addrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if ip, ok := a.(*net.IPNet); ok && ip.IP.To4() != nil {
			return ip.IP.String()
		}
	}
	t.Fatalf("Docker's bridge %s has no IPv4 address: %v", name, addrs)
	return ""
}

// checkHub starts the image's jupyterhub-singleuser the way DockerSpawner does: the
// image's entry point with the command jupyterhub-singleuser, the hub's environment
// variables, a Docker volume as the home, the hub's API reached through the bridge's
// gateway (here a stub). The server must answer under the user's prefix, accept the
// hub's token for the user's files (asking the hub who owns it) and refuse a request
// without one.
func checkHub(t *testing.T, e *engine, notebooks []string) {
	gateway := bridgeGateway(t, e)
	ln, err := net.Listen("tcp", gateway+":0")
	if err != nil {
		t.Fatalf("listening on the bridge's gateway %s for the stub hub: %v", gateway, err)
	}
	hub := &stubHub{token: rand.Text(), user: "alice"}
	srv := &http.Server{Handler: hub}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	api := fmt.Sprintf("http://%s/hub/api", ln.Addr())
	prefix := "/user/alice/"
	vol := "nnlab-test-home-" + strings.ToLower(rand.Text()[:8])
	e.docker(t, "volume", "create", "--label", e.label, vol)
	env := map[string]string{
		"JUPYTERHUB_API_TOKEN":           hub.token,
		"JPY_API_TOKEN":                  hub.token,
		"JUPYTERHUB_CLIENT_ID":           "jupyterhub-user-alice",
		"JUPYTERHUB_HOST":                "",
		"JUPYTERHUB_OAUTH_CALLBACK_URL":  prefix + "oauth_callback",
		"JUPYTERHUB_OAUTH_SCOPES":        `["access:servers!server=alice/", "access:servers!user=alice"]`,
		"JUPYTERHUB_OAUTH_ACCESS_SCOPES": `["access:servers!server=alice/", "access:servers!user=alice"]`,
		"JUPYTERHUB_USER":                "alice",
		"JUPYTERHUB_SERVER_NAME":         "",
		"JUPYTERHUB_API_URL":             api,
		"JUPYTERHUB_ACTIVITY_URL":        api + "/users/alice/activity",
		"JUPYTERHUB_BASE_URL":            "/",
		"JUPYTERHUB_SERVICE_PREFIX":      prefix,
		"JUPYTERHUB_SERVICE_URL":         "http://0.0.0.0:8888" + prefix,
		"JUPYTERHUB_DEFAULT_URL":         "/lab",
	}
	opts := []string{"-p", "127.0.0.1::8888", "-v", vol + ":/home/learner"}
	for k, v := range env {
		opts = append(opts, "-e", k+"="+v)
	}
	c := e.run(t, opts, "jupyterhub-singleuser")
	server := &nbtest.Server{Base: "http://" + c.port(t) + strings.TrimSuffix(prefix, "/"), Token: hub.token}
	c.waitFor(t, "jupyterhub-singleuser on "+server.Base, func(ctx context.Context) error {
		var v map[string]any
		return server.GetJSON(ctx, "/api", &v)
	})
	var dir struct {
		Content []struct {
			Name string `json:"name"`
		} `json:"content"`
	}
	if err = server.GetJSON(t.Context(), "/api/contents/nnlab", &dir); err != nil {
		t.Errorf("the user's files with the hub's token: %v; the server's log:\n%s", err, c.logs())
	}
	var names []string
	for _, f := range dir.Content {
		names = append(names, f.Name)
	}
	for _, n := range notebooks {
		if !slices.Contains(names, n) {
			t.Errorf("the hub user's nnlab/ lists %q, want %s", names, n)
		}
	}
	res, err := http.Get(server.Base + "/api/contents/nnlab")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		t.Errorf("jupyterhub-singleuser served the user's files to a request without a token")
	}
	hub.mu.Lock()
	calls := slices.Clone(hub.calls)
	hub.mu.Unlock()
	if !slices.Contains(calls, "GET /hub/api/user") {
		t.Errorf("jupyterhub-singleuser never asked the hub who owns a token; its calls: %q", calls)
	}
	t.Logf("jupyterhub-singleuser's calls to the hub: %q", calls)
	c.stop(t)
}

// checkUnwritableHome mounts a home that root owns, as `mkdir mywork` by root makes it:
// the container must stop with a message that says how to fix it, not a traceback.
func checkUnwritableHome(t *testing.T, e *engine) {
	dir := filepath.Join(t.TempDir(), "mywork")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := "nnlab-test-" + strings.ToLower(rand.Text()[:8])
	cmd := exec.Command(dockerCLI, "run", "--name", name, "--label", e.label, "-v", dir+":/home/learner", testImage)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err == nil || !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("the image on a home owned by root: %v, want exit status 1; output:\n%s", err, out)
	}
	for _, want := range []string{"chown -R 1000:1000", "/home/learner"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the message for a home owned by root does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "Traceback") {
		t.Errorf("a home owned by root ends in a Python traceback:\n%s", out)
	}
}
