//go:build unix

package docker

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

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

// TestStartKeepsWork runs start.sh as a hub would start the image, twice, on a home
// where the student already has their own copy of one notebook: it copies the
// notebooks that are missing, never overwrites one and starts the command in the home;
// on a home it cannot write to, it stops with a message saying how to fix it.
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

	// A home that is a file, not a folder: a message with the fix, and no command.
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(start, "echo", "started")
	cmd.Env = []string{"HOME=" + file, "PATH=/usr/bin:/bin"}
	out, err := cmd.CombinedOutput()
	if err == nil || strings.Contains(string(out), "started") || !strings.Contains(string(out), "chown -R") {
		t.Errorf("start.sh with HOME a file: %v, printed %q; want exit status 1 and a message with the fix, no command run", err, out)
	}
}
