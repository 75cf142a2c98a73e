//go:build unix

package kernel

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
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
	"html":  "TestOfflineHTML, with the network cut off",
	"lab":   "TestDockerfileLab, with the Dockerfile's own CMD",
}

// TestDockerfile keeps the Dockerfile in step with the repository: Go from the
// official image at go.mod's version, every make target it runs one that CI runs too,
// notebooks executed while building, a non-root user, and JupyterLab as the command on
// the port it exposes.
func TestDockerfile(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	ins := readDockerfile(t, root)

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
	for _, in := range ins {
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
	} else if !slices.ContainsFunc(ins, func(in instruction) bool {
		return in.Cmd == "COPY" && strings.HasPrefix(in.Args, "--from="+goStage+" /usr/local/go ")
	}) {
		t.Errorf("Dockerfile does not copy /usr/local/go from the %s stage", goStage)
	}

	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	testRule := regexp.MustCompile(`(?m)^test:(.*)$`).FindSubmatch(makefile)
	if testRule == nil || !slices.Contains(strings.Fields(string(testRule[1])), "setup") {
		t.Errorf("the Makefile's test rule does not depend on setup, so CI would not run it")
	}

	var calls []makeCall
	var user, expose string
	var cmd *instruction
	for i, in := range ins {
		switch in.Cmd {
		case "RUN":
			calls = append(calls, makeCalls(in, commandLine(t, in))...)
		case "CMD":
			cmd = &ins[i]
		case "USER":
			user = in.Args
		case "EXPOSE":
			expose = in.Args
		}
	}
	if cmd == nil {
		t.Fatal("Dockerfile has no CMD")
	}
	calls = append(calls, makeCalls(*cmd, commandLine(t, *cmd))...)
	var ran []string
	for _, c := range calls {
		if len(c.targets) == 0 {
			t.Errorf("Dockerfile:%d: make without a target (runs the default goal)", c.in.Line)
		}
		for _, target := range c.targets {
			if _, ok := ciTargets[target]; !ok {
				t.Errorf("Dockerfile:%d: make %s: CI never runs that target", c.in.Line, target)
			}
			ran = append(ran, c.in.Cmd+" make "+target)
		}
	}
	for _, want := range []string{"RUN make setup", "RUN make html", "CMD make lab"} {
		if !slices.Contains(ran, want) {
			t.Errorf("Dockerfile lacks %q; its make calls: %q", want, ran)
		}
	}
	if user == "" || user == "root" || strings.HasPrefix(user, "0") {
		t.Errorf("Dockerfile's USER is %q, want a non-root user", user)
	}
	args := labArgs(t, *cmd)
	if !slices.Contains(args, "--ip=0.0.0.0") || !slices.Contains(args, "--port="+expose) {
		t.Errorf("CMD's LAB_ARGS %q do not listen on all interfaces on the exposed port %q", args, expose)
	}
}

// labArgs returns the words of the LAB_ARGS assignment of the Dockerfile's CMD.
func labArgs(t *testing.T, cmd instruction) []string {
	t.Helper()
	for _, c := range makeCalls(cmd, commandLine(t, cmd)) {
		for _, v := range c.vars {
			if s, ok := strings.CutPrefix(v, "LAB_ARGS="); ok {
				return strings.Fields(s)
			}
		}
	}
	t.Fatalf("Dockerfile:%d: CMD sets no LAB_ARGS", cmd.Line)
	return nil
}

// TestDockerfileLab runs the Dockerfile's CMD here, on 127.0.0.1 and a free port in
// place of 0.0.0.0:8888, and checks that JupyterLab serves the notebooks/ folder with
// the gonb kernel.
func TestDockerfileLab(t *testing.T) {
	t.Parallel()
	root := requireKernel(t)
	var cmdIn *instruction
	ins := readDockerfile(t, root)
	for i := range ins {
		if ins[i].Cmd == "CMD" {
			cmdIn = &ins[i]
		}
	}
	if cmdIn == nil {
		t.Fatal("Dockerfile has no CMD")
	}
	argv := commandLine(t, *cmdIn)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	for i, a := range argv {
		if strings.HasPrefix(a, "LAB_ARGS=") {
			a = strings.ReplaceAll(a, "--ip=0.0.0.0", "--ip=127.0.0.1")
			argv[i] = strings.ReplaceAll(a, "--port=8888", fmt.Sprintf("--port=%d", port))
		}
	}
	token := rand.Text()

	ctx, cancel := context.WithCancel(t.Context())
	lab := exec.CommandContext(ctx, argv[0], argv[1:]...)
	lab.Dir = root
	lab.Env = append(os.Environ(), "JUPYTER_TOKEN="+token, "JUPYTER_RUNTIME_DIR="+t.TempDir())
	var logs strings.Builder
	lab.Stdout, lab.Stderr = &logs, &logs
	// Stop make and the JupyterLab it started: they share a process group.
	lab.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	lab.Cancel = func() error { return syscall.Kill(-lab.Process.Pid, syscall.SIGTERM) }
	lab.WaitDelay = 30 * time.Second
	t.Logf("running the Dockerfile's CMD as %q", argv)
	if err := lab.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- lab.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-exited
		t.Logf("JupyterLab's log:\n%s", &logs)
	})

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	get := func(path string, v any) error {
		req, err := http.NewRequestWithContext(ctx, "GET", base+path, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "token "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return json.NewDecoder(resp.Body).Decode(v)
	}

	var specs struct {
		Kernelspecs map[string]struct {
			Spec struct {
				Argv []string `json:"argv"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := get("/api/kernelspecs", &specs)
		if err == nil {
			break
		}
		select {
		case werr := <-exited:
			exited <- werr
			t.Fatalf("the CMD exited before serving (%v)", werr)
		case <-time.After(500 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("JupyterLab did not answer on %s within 2 minutes: %v", base, err)
		}
	}
	spec, ok := specs.Kernelspecs[KernelName]
	if !ok {
		t.Fatalf("JupyterLab offers no kernel %q: %v", KernelName, specs.Kernelspecs)
	}
	if want := filepath.Join(root, "kernel", "gonb-kernel"); len(spec.Spec.Argv) == 0 || spec.Spec.Argv[0] != want {
		t.Errorf("kernel %s starts %q, want %s", KernelName, spec.Spec.Argv, want)
	}

	var dir struct {
		Content []struct {
			Name string `json:"name"`
		} `json:"content"`
	}
	if err := get("/api/contents", &dir); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range dir.Content {
		names = append(names, c.Name)
	}
	notebooks, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if len(notebooks) == 0 {
		t.Fatal("no notebooks in notebooks/")
	}
	for _, nb := range notebooks {
		if !slices.Contains(names, filepath.Base(nb)) {
			t.Errorf("JupyterLab's root folder lists %q, want notebooks/ with %s", names, filepath.Base(nb))
		}
	}
}
