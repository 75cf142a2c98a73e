package nbtest

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// NetCut runs commands with the network cut off.
type NetCut struct {
	// Mode says how: "network namespace" (unshare: only a loopback interface, so
	// nothing outside this machine is reachable) or "environment" (no namespace
	// allowed here: GOPROXY=off, PIP_NO_INDEX=1 and every HTTP proxy variable
	// pointing at a closed port on 127.0.0.1).
	Mode string
	// Env is the environment for commands under the cut.
	Env []string
	// prefix is prepended to each command line (unshare and its shell), or empty.
	prefix []string
}

// NewNetCut returns a network namespace cut when unshare may create one here (root, or
// unprivileged user namespaces) and `ip` can bring its loopback up (Jupyter talks to
// the kernel over ZMQ on 127.0.0.1); otherwise the environment-only cut. Either way the
// environment pins Go to the local toolchain and forbids proxies and indexes, so a
// download fails at once instead of hanging.
func NewNetCut(t testing.TB) *NetCut {
	t.Helper()
	c := &NetCut{Env: offlineEnv(t)}
	const upLo = `ip link set lo up && exec "$@"`
	prefix := []string{"unshare", "--map-root-user", "--net", "sh", "-c", upLo, "sh"}
	probe := exec.CommandContext(t.Context(), prefix[0], append(prefix[1:], "true")...)
	if _, err := exec.LookPath("ip"); err != nil {
		t.Logf("no `ip` command to bring up a namespace's loopback: %v", err)
	} else if out, err := probe.CombinedOutput(); err != nil {
		t.Logf("cannot create a network namespace here (%v): %s", err, strings.TrimSpace(string(out)))
	} else {
		c.Mode, c.prefix = "network namespace", prefix
		return c
	}

	// A port on 127.0.0.1 that was free a moment ago: connecting to it is refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	for _, k := range proxyVars {
		c.Env = append(c.Env, k+"="+closed)
	}
	c.Mode = "environment"
	return c
}

// proxyVars are the proxy variables Go, pip and curl read.
var proxyVars = []string{"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"}

// offlineEnv returns this process's environment with what `make html` needs offline:
// GOPROXY=off (no module download), GOTOOLCHAIN=local (no toolchain download), the
// configured GOFLAGS plus -mod=readonly (GoNB's `go get` may not edit requirements
// beyond what the module cache holds; -mod=mod is refused in GoNB's workspace anyway)
// and PIP_NO_INDEX=1. Variables that would change what is tested are dropped: a kernel
// proxy override, forced setup, proxies (NO_PROXY could exempt hosts), and the
// parent make's flags and jobserver.
func offlineEnv(t testing.TB) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOFLAGS").Output()
	if err != nil {
		t.Fatalf("go env GOFLAGS: %v", err)
	}
	goflags := strings.TrimSpace(strings.TrimSpace(string(out)) + " -mod=readonly")
	drop := map[string]bool{
		"GOPROXY": true, "GOFLAGS": true, "GOTOOLCHAIN": true, "NNLAB_KERNEL_GOPROXY": true,
		"NNLAB_FORCE_SETUP": true, StateDirEnv: true, "NO_PROXY": true, "no_proxy": true,
		"MAKEFLAGS": true, "MFLAGS": true, "MAKELEVEL": true,
	}
	for _, k := range proxyVars {
		drop[k] = true
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] && !strings.HasPrefix(k, "PIP_") {
			env = append(env, kv)
		}
	}
	return append(env, "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS="+goflags, "PIP_NO_INDEX=1")
}

// Command returns name with args to run under the cut, in dir, with extra variables.
func (c *NetCut) Command(ctx context.Context, dir string, extraEnv []string, name string, args ...string) *exec.Cmd {
	argv := append(append(append([]string{}, c.prefix...), name), args...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, c.Env...), extraEnv...)
	return cmd
}

// networkError matches how Go and pip report that a host could not be reached.
var networkError = regexp.MustCompile(`dial tcp|lookup |proxyconnect|[Cc]onnection refused|[Nn]etwork is unreachable|NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution`)

// Require fails the test unless, under the cut, downloads that need the network
// fail with a network error: a module missing from an empty module cache, fetched from
// the Go module proxy, and a package from PyPI's index.
func (c *NetCut) Require(t testing.TB, root string) {
	t.Helper()
	tmp := t.TempDir()
	for _, probe := range []struct {
		what string
		env  []string
		argv []string
	}{{
		"go mod download from proxy.golang.org into an empty module cache",
		// The proxy is named explicitly: the cut, not GOPROXY=off, must stop it.
		[]string{"GOPROXY=https://proxy.golang.org", "GOMODCACHE=" + filepath.Join(tmp, "mod"), "GOFLAGS=-modcacherw"},
		[]string{"go", "mod", "download", "-json", "rsc.io/quote@v1.5.2"},
	}, {
		"pip download from pypi.org",
		nil,
		// --isolated: no PIP_* variable or pip.conf (PIP_NO_INDEX, local find-links)
		// applies, so only the cut can stop it. One retry makes pip report the error.
		[]string{filepath.Join(root, ".venv", "bin", "python"), "-m", "pip", "--isolated", "download", "--no-deps",
			"--no-cache-dir", "--disable-pip-version-check", "--retries", "1", "--timeout", "5",
			"--index-url", "https://pypi.org/simple", "--dest", filepath.Join(tmp, "pip"), "six==1.16.0"},
	}} {
		out, err := c.Command(t.Context(), tmp, probe.env, probe.argv[0], probe.argv[1:]...).CombinedOutput()
		if err == nil {
			t.Fatalf("%s succeeded under the %s cut: the network is reachable\n%s", probe.what, c.Mode, out)
		}
		if !networkError.Match(out) {
			t.Fatalf("%s failed (%v), but not for want of a network:\n%s", probe.what, err, out)
		}
		t.Logf("%s fails as it should (%v): %s", probe.what, err, networkError.FindString(string(out)))
	}
}
