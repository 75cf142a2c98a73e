//go:build unix

package docker

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// instruction is one Dockerfile instruction, its continuation lines joined.
type instruction struct {
	Cmd  string // upper case: FROM, RUN, CMD, ...
	Args string
	Line int
}

// readDockerfile parses the repository's Dockerfile into instructions.
func readDockerfile(t *testing.T, root string) []instruction {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		ins     []instruction
		pending string
		start   int
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && pending == "") {
			continue
		}
		if pending == "" {
			start = n
		}
		if s, ok := strings.CutSuffix(line, `\`); ok {
			pending += s + " "
			continue
		}
		cmd, args, _ := strings.Cut(pending+line, " ")
		ins = append(ins, instruction{strings.ToUpper(cmd), strings.TrimSpace(args), start})
		pending = ""
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ins
}

// commandLine returns the words of a RUN or CMD instruction: the JSON array of the exec
// form, or the shell form split on blanks (quotes are not needed there).
func commandLine(t *testing.T, in instruction) []string {
	t.Helper()
	if strings.HasPrefix(in.Args, "[") {
		var argv []string
		if err := json.Unmarshal([]byte(in.Args), &argv); err != nil {
			t.Fatalf("Dockerfile:%d: %s in exec form is not a JSON array of strings: %v", in.Line, in.Cmd, err)
		}
		return argv
	}
	return strings.Fields(in.Args)
}

// makeCall is one `make` run by a Dockerfile instruction.
type makeCall struct {
	in      instruction
	targets []string
	vars    []string // VAR=value arguments
}

// makeCalls finds the make invocations in words, a command line whose commands are
// joined by &&, || or ;. A command is make when its first word (after VAR=value
// prefixes) is make; its targets are its words that are neither options nor variable
// assignments.
func makeCalls(in instruction, words []string) []makeCall {
	var calls []makeCall
	var cur *makeCall
	atStart := true // the next word may name the command
	for _, w := range words {
		switch {
		case w == "&&" || w == "||" || w == ";":
			cur, atStart = nil, true
		case atStart && w == "make":
			calls = append(calls, makeCall{in: in})
			cur, atStart = &calls[len(calls)-1], false
		case atStart && strings.Contains(w, "="):
		case cur == nil:
			atStart = false
		case strings.HasPrefix(w, "-"):
		case strings.Contains(w, "="):
			cur.vars = append(cur.vars, w)
		default:
			cur.targets = append(cur.targets, w)
		}
	}
	return calls
}

// ciTargets are the make targets that `make test` (CI's .ci/run) runs, and where.
var ciTargets = map[string]string{
	"setup": "a prerequisite of `make test` in the Makefile",
	"html":  "TestOfflineHTML in kernel/, with the network cut off",
}

// installDir is where the image installs the repository, .venv and Go's caches.
const installDir = "/opt/nnlab"

// image is what TestDockerfile reads from the Dockerfile.
type image struct {
	ins        []instruction
	env        map[string]string // ENV, in order of definition (later wins)
	user       string
	home       string // the home of the user useradd creates
	copyDir    string // WORKDIR in effect at `COPY . .`
	workdir    string // the last WORKDIR
	expose     string
	entrypoint []string
	cmd        []string
	runs       []instruction
}

// parseImage reads the Dockerfile's instructions that the checks need.
func parseImage(t *testing.T, root string) *image {
	t.Helper()
	im := &image{ins: readDockerfile(t, root), env: map[string]string{}}
	for _, in := range im.ins {
		switch in.Cmd {
		case "RUN":
			im.runs = append(im.runs, in)
			if m := regexp.MustCompile(`useradd [^&]*--create-home [^&]*--uid 1000 [^&]*?(\w+)\s*(&&|$)`).FindStringSubmatch(in.Args); m != nil {
				im.home = "/home/" + m[1]
			}
		case "ENV":
			for _, kv := range regexp.MustCompile(`(\w+)=(\S+)`).FindAllStringSubmatch(in.Args, -1) {
				im.env[kv[1]] = kv[2]
			}
		case "USER":
			im.user = in.Args
		case "WORKDIR":
			im.workdir = in.Args
		case "COPY":
			if strings.HasSuffix(in.Args, " . .") {
				im.copyDir = im.workdir
			}
		case "EXPOSE":
			im.expose = in.Args
		case "ENTRYPOINT":
			im.entrypoint = commandLine(t, in)
		case "CMD":
			im.cmd = commandLine(t, in)
		}
	}
	return im
}

// TestDockerfile keeps the Dockerfile in step with the repository and with what a hub
// needs: Go from the official image at go.mod's version, every make target it runs one
// that CI runs too, notebooks executed while building, uid 1000, the repository, .venv
// and Go's caches under /opt/nnlab (outside the home a hub mounts over), .venv/bin on
// PATH (jupyterhub-singleuser, pinned in the lock), start.sh as the entry point and
// JupyterLab as the command on the port it exposes.
func TestDockerfile(t *testing.T) {
	root := nbtest.MustRoot(t)
	im := parseImage(t, root)

	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(goMod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	goVersion := string(m[1])
	fromGo := regexp.MustCompile(`^golang:([0-9.]+)-\S+ AS (\S+)$`)
	var goStage string
	for _, in := range im.ins {
		if in.Cmd != "FROM" || !strings.HasPrefix(in.Args, "golang:") {
			continue
		}
		m := fromGo.FindStringSubmatch(in.Args)
		if m == nil {
			t.Fatalf("Dockerfile:%d: FROM %s: want golang:VERSION-DEBIAN AS NAME", in.Line, in.Args)
		}
		if m[1] != goVersion {
			t.Errorf("Dockerfile:%d: Go image %s, but go.mod's go line is %s", in.Line, m[1], goVersion)
		}
		goStage = m[2]
	}
	if goStage == "" {
		t.Errorf("Dockerfile takes Go from no golang image")
	} else if !slices.ContainsFunc(im.ins, func(in instruction) bool {
		return in.Cmd == "COPY" && strings.HasPrefix(in.Args, "--from="+goStage+" /usr/local/go ")
	}) {
		t.Errorf("Dockerfile does not copy /usr/local/go from the %s stage", goStage)
	}
	if !slices.ContainsFunc(im.ins, func(in instruction) bool {
		return in.Cmd == "FROM" && strings.Contains(in.Args, "bookworm") && !strings.HasPrefix(in.Args, "golang:")
	}) {
		t.Errorf("the image is not Debian bookworm, whose util-linux has the setpriv that ties kernels to their server")
	}

	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	testRule := regexp.MustCompile(`(?m)^test:(.*)$`).FindSubmatch(makefile)
	if testRule == nil || !slices.Contains(strings.Fields(string(testRule[1])), "setup") {
		t.Errorf("the Makefile's test rule does not depend on setup, so CI would not run it")
	}

	var ran []string
	for _, in := range im.runs {
		words := commandLine(t, in)
		for _, c := range makeCalls(in, words) {
			if len(c.targets) == 0 {
				t.Errorf("Dockerfile:%d: make without a target (runs the default goal)", c.in.Line)
			}
			for _, target := range c.targets {
				if _, ok := ciTargets[target]; !ok {
					t.Errorf("Dockerfile:%d: make %s: CI never runs that target", c.in.Line, target)
				}
				ran = append(ran, target)
			}
		}
		// The build cache setup's builds and make html's cells fill: the shared one.
		if slices.Contains(words, "make") && slices.Contains(words, "setup") {
			if i := slices.IndexFunc(words, func(w string) bool { return strings.HasPrefix(w, "GOCACHE=") }); i < 0 ||
				words[i] != "GOCACHE="+im.env["NNLAB_SHARED_GOCACHE"] {
				t.Errorf("Dockerfile:%d: make setup does not build into the shared cache NNLAB_SHARED_GOCACHE=%s", in.Line, im.env["NNLAB_SHARED_GOCACHE"])
			}
		}
	}
	for _, want := range []string{"setup", "html"} {
		if !slices.Contains(ran, want) {
			t.Errorf("Dockerfile does not RUN make %s; its make calls: %q", want, ran)
		}
	}

	if im.user != "1000:1000" && im.user != "1000" {
		t.Errorf("Dockerfile's USER is %q, want uid 1000 (as Jupyter's images and Zero to JupyterHub expect)", im.user)
	}
	if im.home == "" {
		t.Errorf("Dockerfile creates no user with useradd --create-home --uid 1000")
	}
	if im.copyDir != installDir {
		t.Errorf("the repository is copied into %q, want %s (outside the home a hub mounts over)", im.copyDir, installDir)
	}
	if im.workdir != im.home {
		t.Errorf("the last WORKDIR is %q, want the user's home %s (where JupyterLab starts)", im.workdir, im.home)
	}
	for k, want := range map[string]string{
		"GOMODCACHE":           installDir + "/",
		"NNLAB_SHARED_GOCACHE": installDir + "/",
		"GOPATH":               installDir + "/",
		"PATH":                 installDir + "/.venv/bin:",
		"GOTOOLCHAIN":          "local",
	} {
		if v := im.env[k]; !strings.HasPrefix(v, want) {
			t.Errorf("Dockerfile's ENV %s=%q, want it to start with %q", k, v, want)
		}
	}
	if v := im.env["GOCACHE"]; v != "" {
		t.Errorf("Dockerfile's ENV sets GOCACHE=%s: the kernels of a user who may not write there could not fall back to their own", v)
	}

	lock, err := os.ReadFile(filepath.Join(root, "kernel", "requirements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^jupyterhub==\d+\.\d+\.\d+\s*$`).Match(lock) {
		t.Errorf("kernel/requirements.txt pins no jupyterhub==X.Y.Z: the image's jupyterhub-singleuser must match the hub's version")
	}

	if want := []string{installDir + "/docker/start.sh"}; !slices.Equal(im.entrypoint, want) {
		t.Errorf("ENTRYPOINT %q, want %q (copies the notebooks into the home, then runs the command)", im.entrypoint, want)
	}
	if len(im.cmd) < 2 || im.cmd[0] != "jupyter" || im.cmd[1] != "lab" ||
		!slices.Contains(im.cmd, "--ip=0.0.0.0") || !slices.Contains(im.cmd, "--port="+im.expose) {
		t.Errorf("CMD %q is not `jupyter lab` on all interfaces on the exposed port %q", im.cmd, im.expose)
	}
}

// hostPath maps a path of the image to this checkout.
func hostPath(root, p string) string {
	if s, ok := strings.CutPrefix(p, installDir); ok {
		return root + s
	}
	return p
}

// notebookNames returns the names of the files and folders in the repository's notebooks/.
func notebookNames(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "notebooks"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Contains(names, "C2_W1_Assignment.ipynb") {
		t.Fatalf("notebooks/ has no C2_W1_Assignment.ipynb: %q", names)
	}
	return names
}

// TestDockerfileRun runs the Dockerfile's ENTRYPOINT and CMD here, as a container
// would start (with /opt/nnlab standing for this checkout, a new empty home, PATH as
// the image's ENV sets it, 127.0.0.1 and a free port in place of 0.0.0.0:8888), and
// checks that JupyterLab serves the home with the notebooks copied into nnlab/ and
// offers the gonb kernel.
func TestDockerfileRun(t *testing.T) {
	t.Parallel()
	root := nbtest.RequireSetup(t, "starting the image's JupyterLab", "make setup")
	im := parseImage(t, root)
	argv := append(append([]string{}, im.entrypoint...), im.cmd...)
	if len(argv) == 0 {
		t.Fatal("Dockerfile has no ENTRYPOINT or CMD")
	}
	argv[0] = hostPath(root, argv[0])

	port := nbtest.FreePort(t)
	for i, a := range argv {
		switch a {
		case "--ip=0.0.0.0":
			argv[i] = "--ip=127.0.0.1"
		case "--port=" + im.expose:
			argv[i] = fmt.Sprintf("--port=%d", port)
		}
	}
	if os.Getuid() == 0 {
		argv = append(argv, "--allow-root") // CI runs as root; the image as uid 1000
	}
	srv := &nbtest.Server{Base: fmt.Sprintf("http://127.0.0.1:%d", port), Token: rand.Text()}
	home := t.TempDir()

	var path []string
	for _, p := range strings.Split(im.env["PATH"], ":") {
		if p == "$PATH" {
			p = "/usr/bin:/bin"
		}
		path = append(path, hostPath(root, p))
	}
	lab := exec.Command(argv[0], argv[1:]...)
	lab.Dir = "/"
	lab.Env = []string{
		"HOME=" + home, "PATH=" + strings.Join(path, ":"), "LANG=C.UTF-8",
		"JUPYTER_TOKEN=" + srv.Token,
	}
	log := filepath.Join(t.TempDir(), "jupyter.log")
	t.Cleanup(func() { t.Logf("JupyterLab's log:\n%s", nbtest.Tail(log, 20000)) })
	t.Logf("running the Dockerfile's ENTRYPOINT and CMD as %q with HOME=%s", argv, home)
	// start.sh's JupyterLab and whatever it starts share a process group: stopped together.
	p := nbtest.Start(t, lab, log, 30*time.Second, nil)

	var specs struct {
		Kernelspecs map[string]struct {
			Spec struct {
				Argv []string          `json:"argv"`
				Env  map[string]string `json:"env"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	p.WaitReady(t, "the image's CMD (JupyterLab on "+srv.Base+")", 2*time.Minute, func(ctx context.Context) error {
		return srv.GetJSON(ctx, "/api/kernelspecs", &specs)
	})
	ctx := t.Context()
	spec, ok := specs.Kernelspecs[nbtest.KernelName]
	if !ok {
		t.Fatalf("JupyterLab offers no kernel %q: %v", nbtest.KernelName, specs.Kernelspecs)
	}
	if want := filepath.Join(root, "kernel", "gonb-kernel"); len(spec.Spec.Argv) == 0 || spec.Spec.Argv[0] != want {
		t.Errorf("kernel %s starts %q, want %s", nbtest.KernelName, spec.Spec.Argv, want)
	}
	for _, k := range []string{"GOMODCACHE", "GOROOT", "NNLAB_GO_BIN_DIR"} {
		if v := spec.Spec.Env[k]; !filepath.IsAbs(v) || strings.HasPrefix(v, home) {
			t.Errorf("the kernelspec's env %s=%q, want an absolute path outside the user's home", k, v)
		}
	}
	if spec.Spec.Env["GOPROXY"] != "off" {
		t.Errorf("the kernelspec's env GOPROXY=%q, want off", spec.Spec.Env["GOPROXY"])
	}

	type listing struct {
		Content []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"content"`
	}
	var top, dir listing
	if err := srv.GetJSON(ctx, "/api/contents", &top); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(top.Content, func(c struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}) bool {
		return c.Name == "nnlab" && c.Type == "directory"
	}) {
		t.Errorf("JupyterLab's root folder lists %v, want the home with a folder nnlab", top.Content)
	}
	if err := srv.GetJSON(ctx, "/api/contents/nnlab", &dir); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range dir.Content {
		names = append(names, c.Name)
	}
	for _, want := range notebookNames(t, root) {
		if !slices.Contains(names, want) {
			t.Errorf("nnlab/ in the home lists %q, want the repository's notebooks/ (%s)", names, want)
		}
	}
}

// TestStartKeepsWork runs start.sh as a hub would start the image, twice, on a home
// where the student already has their own copy of one notebook: it copies the
// notebooks that are missing, never overwrites one, starts the command in the home,
// and still starts it when the home cannot take the copy.
func TestStartKeepsWork(t *testing.T) {
	t.Parallel()
	root := nbtest.MustRoot(t)
	start := filepath.Join(root, "docker", "start.sh")
	run := func(home string, args ...string) string {
		t.Helper()
		cmd := exec.Command(start, args...)
		cmd.Env = []string{"HOME=" + home, "PATH=/usr/bin:/bin"}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("HOME=%s start.sh %q: %v\n%s", home, args, err, out)
		}
		return string(out)
	}

	home := t.TempDir()
	mine := filepath.Join(home, "nnlab", "C2_W1_Assignment.ipynb")
	if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
		t.Fatal(err)
	}
	const work = `{"a student's": "work"}`
	if err := os.WriteFile(mine, []byte(work), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if out := run(home, "pwd"); strings.TrimSpace(out) != home {
			t.Errorf("start.sh ran its command in %q, want the home %s", out, home)
		}
	}
	if got, _ := os.ReadFile(mine); string(got) != work {
		t.Errorf("start.sh overwrote the student's notebook: %q", got)
	}
	for _, name := range notebookNames(t, root) {
		want, err := os.ReadFile(filepath.Join(root, "notebooks", name))
		if err != nil || name == "C2_W1_Assignment.ipynb" {
			continue // a folder, or the student's own
		}
		if got, _ := os.ReadFile(filepath.Join(home, "nnlab", name)); string(got) != string(want) {
			t.Errorf("start.sh did not copy notebooks/%s into the home", name)
		}
	}

	// A home that is a file, not a folder: no copy, but the command runs.
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run(file, "echo", "started"); !strings.Contains(out, "started") || !strings.Contains(out, "no copy of the notebooks") {
		t.Errorf("start.sh with HOME a file printed %q, want a notice and the command's output", out)
	}
}
