package kernel

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// kernelInfo starts the kernel of the notebooks through jupyter_client, as JupyterLab
// does, and returns the language_info of its kernel_info_reply.
const kernelInfo = `
import json, jupyter_client
km, kc = jupyter_client.manager.start_new_kernel(kernel_name="gonb", startup_timeout=120)
try:
    reply = kc.kernel_info(reply=True, timeout=60)
    print(json.dumps(reply["content"]["language_info"]))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`

// Each committed notebook carries exactly the language_info that the kernel reports
// and the kernelspec JupyterLab writes, so opening it in JupyterLab changes nothing
// and does not mark it modified (JupyterLab copies both into the notebook when the
// kernel starts, and any difference makes it ask to save).
func TestNotebookMetadataMatchesKernel(t *testing.T) {
	t.Parallel()
	root := nbtest.RequireKernel(t)
	cmd := exec.CommandContext(t.Context(), filepath.Join(root, ".venv", "bin", "python"), "-c", kernelInfo)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "JUPYTER_PREFER_ENV_PATH=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("asking the kernel for its kernel_info: %v", err)
	}
	var kernel map[string]any
	if err = json.Unmarshal(out, &kernel); err != nil {
		t.Fatalf("kernel_info language_info %q: %v", out, err)
	}
	t.Logf("the kernel reports language_info %v", kernel)
	spec := map[string]any{"name": nbtest.KernelName, "display_name": "Go (gonb)", "language": "go"}

	notebooks, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if err != nil || len(notebooks) == 0 {
		t.Fatalf("no notebooks in %s/notebooks (%v)", root, err)
	}
	for _, path := range notebooks {
		nb, err := nbtest.ReadNotebook(path)
		if err != nil {
			t.Fatal(err)
		}
		info, _ := nb.Metadata["language_info"].(map[string]any)
		if !maps.Equal(info, kernel) {
			t.Errorf("%s: metadata.language_info is %v, the kernel reports %v: copy the kernel's", filepath.Base(path), info, kernel)
		}
		if got, _ := nb.Metadata["kernelspec"].(map[string]any); !maps.Equal(got, spec) {
			t.Errorf("%s: metadata.kernelspec is %v, want %v", filepath.Base(path), got, spec)
		}
	}
}
