package hub

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// JupyterHub's proxy is pinned to one exact version, in package.json and the lock, and
// is the only direct npm dependency: npm ci installs exactly what was tested.
func TestProxyPinned(t *testing.T) {
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	for file, v := range map[string]any{"package.json": &pkg, "package-lock.json": &lock} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	want := pkg.Dependencies["configurable-http-proxy"]
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(want) {
		t.Errorf("package.json asks for configurable-http-proxy %q, want an exact version", want)
	}
	if len(pkg.Dependencies) != 1 {
		t.Errorf("package.json has dependencies %v, want configurable-http-proxy only", pkg.Dependencies)
	}
	if got := lock.Packages["node_modules/configurable-http-proxy"].Version; got != want {
		t.Errorf("package-lock.json pins configurable-http-proxy %q, package.json %q: run npm install --package-lock-only in hub/", got, want)
	}
}
