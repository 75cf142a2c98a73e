package kernel

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// installedConfig returns kernel/NAME, the server configuration setup installs into
// .venv/etc/jupyter, failing the test unless the installed copy is the same.
func installedConfig(t *testing.T, root, name string) []byte {
	t.Helper()
	committed, err := os.ReadFile(filepath.Join(root, "kernel", name))
	if err != nil {
		t.Fatal(err)
	}
	installed, err := os.ReadFile(filepath.Join(root, ".venv", "etc", "jupyter", name))
	if err != nil || !bytes.Equal(installed, committed) {
		t.Errorf(".venv/etc/jupyter/%s is not kernel/%s (%v): run `make setup`", name, name, err)
	}
	return committed
}

// GoNB answers JupyterLab's history_request and comm messages without the busy/idle
// status messages other kernels send, so the only status JupyterLab gets before a cell
// runs is the one for its kernel_info_request, which it ignores because jupyter_server
// lists kernel_info_request among its untracked_message_types. The server
// configuration setup installs removes just that type and its reply from jupyter_server's
// own list; the browser test (e2e/) checks that the status then reads idle.
func TestKernelStatusConfig(t *testing.T) {
	root := nbtest.MustSetUp(t)
	committed := installedConfig(t, root, "jupyter_server_config.json")
	var config struct {
		MappingKernelManager struct {
			Untracked []string `json:"untracked_message_types"`
		}
	}
	if err := json.Unmarshal(committed, &config); err != nil {
		t.Fatalf("kernel/jupyter_server_config.json: %v", err)
	}

	// What the JupyterLab of .venv uses, with the installed configuration applied.
	const script = `
import json, sys
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
app = ServerApp()
app.load_config_file()
print(json.dumps({"default": MappingKernelManager().untracked_message_types,
                  "configured": MappingKernelManager(config=app.config).untracked_message_types}))
`
	cmd := exec.CommandContext(t.Context(), filepath.Join(root, ".venv", "bin", "python"), "-c", script)
	cmd.Env = append(os.Environ(), "JUPYTER_CONFIG_DIR="+t.TempDir(), "JUPYTER_PREFER_ENV_PATH=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reading jupyter_server's configuration: %v", err)
	}
	var got struct{ Default, Configured []string }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	want := slices.DeleteFunc(slices.Clone(got.Default), func(m string) bool {
		return m == "kernel_info_request" || m == "kernel_info_reply"
	})
	if len(want) != len(got.Default)-2 {
		t.Fatalf("jupyter_server's untracked_message_types %v no longer hold kernel_info_request and its reply: is the configuration still needed?", got.Default)
	}
	if !slices.Equal(config.MappingKernelManager.Untracked, want) {
		t.Errorf("kernel/jupyter_server_config.json untracks %v, want jupyter_server's default without kernel_info_*: %v", config.MappingKernelManager.Untracked, want)
	}
	if !slices.Equal(got.Configured, want) {
		t.Errorf("the JupyterLab of .venv untracks %v, want %v: the configuration is not applied", got.Configured, want)
	}
}
