//go:build unix

package nbtest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// FreePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Tail returns the last n bytes of the file at path (its error's text if it cannot
// be read): the end of a server's log, for a failure message.
func Tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(data) > n {
		data = data[len(data)-n:]
	}
	return string(data)
}

// Process is a server a test started: a command in a process group of its own,
// writing to a log file.
type Process struct {
	// Log is the file the command's stdout and stderr go to.
	Log    string
	cmd    *exec.Cmd
	exited chan struct{}
	err    error // the command's exit error, once exited is closed
}

// Start starts cmd in a process group of its own, with stdout and stderr appended
// to the file log. When the test ends, stop runs first (if not nil: e.g. stopping
// kernels through the server's API, as kernels live in sessions of their own), then
// the process group gets SIGTERM, and SIGKILL after grace.
func Start(t testing.TB, cmd *exec.Cmd, log string, grace time.Duration, stop func()) *Process {
	t.Helper()
	f, err := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		f.Close()
		t.Fatalf("starting %s: %v", cmd.Path, err)
	}
	p := &Process{Log: log, cmd: cmd, exited: make(chan struct{})}
	go func() { p.err = cmd.Wait(); f.Close(); close(p.exited) }()
	t.Cleanup(func() {
		if stop != nil {
			stop()
		}
		// Kill fails only when the process group is gone already (ESRCH): nothing left to stop.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(grace):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-p.exited
		}
	})
	return p
}

// Pid is the process's id, which is also its process group's.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Exited is closed when the process has ended.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// WaitReady calls ready every 300 ms until it returns nil, failing the test (with
// the end of the log) when the process exits first or timeout passes; what names
// the server in the messages.
func (p *Process) WaitReady(t testing.TB, what string, timeout time.Duration, ready func(context.Context) error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := ready(ctx)
		cancel()
		if err == nil {
			return
		}
		select {
		case <-p.exited:
			t.Fatalf("%s exited before answering (%v); its log:\n%s", what, p.err, Tail(p.Log, 8000))
		case <-time.After(300 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within %s (%v); its log:\n%s", what, timeout, err, Tail(p.Log, 8000))
		}
	}
}

// Server is a Jupyter server's REST API: its address and token.
type Server struct {
	// Base is http://127.0.0.1:PORT.
	Base  string
	Token string
}

// API sends an authenticated request to the server (path from the server's root,
// e.g. /api/kernels).
func (s *Server) API(ctx context.Context, method, path string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.Base+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "token "+s.Token)
	return http.DefaultClient.Do(req)
}

// GetJSON sends an authenticated GET for path and decodes the JSON answer into v,
// which is an error unless the server answers 200 OK.
func (s *Server) GetJSON(ctx context.Context, path string, v any) error {
	res, err := s.API(ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return nil
}

// ShutdownKernels stops every kernel the server runs, logging what fails.
func (s *Server) ShutdownKernels(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var kernels []struct {
		ID string `json:"id"`
	}
	if err := s.GetJSON(ctx, "/api/kernels", &kernels); err != nil {
		t.Logf("listing the kernels: %v", err)
		return
	}
	for _, k := range kernels {
		res, err := s.API(ctx, http.MethodDelete, "/api/kernels/"+k.ID, nil)
		if err != nil {
			t.Logf("stopping kernel %s: %v", k.ID, err)
			continue
		}
		res.Body.Close()
	}
}

// LabServer is a JupyterLab server started for one test.
type LabServer struct {
	Server
	// Dir is the server's root folder, a new temporary one: copy notebooks there.
	Dir string
	// Log is the server's log file.
	Log string
}

// URL returns the JupyterLab address that opens the notebook name (in Dir).
func (l *LabServer) URL(name string) string {
	return fmt.Sprintf("%s/lab/tree/%s?token=%s", l.Base, name, l.Token)
}

// StartLab starts .venv's JupyterLab on a free loopback port with a random token,
// serving a new temporary folder, with temporary configuration, runtime, settings
// and workspace folders (the user's Jupyter configuration does not apply), no news
// or update checks (the machine may be offline), and the model state (StateDirEnv)
// in a temporary folder. It waits until the server answers and stops it, and its
// kernels, when the test ends.
func StartLab(t testing.TB, root string) *LabServer {
	t.Helper()
	tmp := t.TempDir()
	dirs := map[string]string{}
	for _, d := range []string{"notebooks", "runtime", "config", "data", "settings", "workspaces", "state"} {
		dirs[d] = filepath.Join(tmp, d)
		if err := os.MkdirAll(dirs[d], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	notif := filepath.Join(dirs["settings"], "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")
	if err := os.MkdirAll(filepath.Dir(notif), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notif, []byte(`{"fetchNews": "false", "checkForUpdates": false}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	port := FreePort(t)
	l := &LabServer{Server: Server{Base: fmt.Sprintf("http://127.0.0.1:%d", port), Token: rand.Text()},
		Dir: dirs["notebooks"], Log: filepath.Join(tmp, "jupyter.log")}
	args := []string{"lab", "--no-browser",
		"--ServerApp.ip=127.0.0.1",
		"--ServerApp.port=" + strconv.Itoa(port),
		"--ServerApp.port_retries=0",
		"--IdentityProvider.token=" + l.Token,
		"--ServerApp.root_dir=" + l.Dir,
	}
	if os.Getuid() == 0 {
		args = append(args, "--allow-root") // CI runs as root; jupyter_server refuses root without it
	}
	cmd := exec.Command(filepath.Join(root, ".venv", "bin", "jupyter"), args...)
	cmd.Dir = l.Dir
	cmd.Env = append(os.Environ(),
		"JUPYTER_PREFER_ENV_PATH=1",
		"JUPYTER_RUNTIME_DIR="+dirs["runtime"],
		"JUPYTER_CONFIG_DIR="+dirs["config"],
		"JUPYTER_DATA_DIR="+dirs["data"],
		"JUPYTERLAB_SETTINGS_DIR="+dirs["settings"],
		"JUPYTERLAB_WORKSPACES_DIR="+dirs["workspaces"],
		StateDirEnv+"="+dirs["state"],
	)
	p := Start(t, cmd, l.Log, 20*time.Second, func() { l.ShutdownKernels(t) })
	// Slow when the two cores are busy.
	p.WaitReady(t, "JupyterLab on "+l.Base, 3*time.Minute, func(ctx context.Context) error {
		var status map[string]any
		return l.GetJSON(ctx, "/api/status", &status)
	})
	return l
}
