package nbtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// CheckNpmPin checks that the npm project in dir asks for exactly one direct
// dependency, pkg, at an exact version, and that its package-lock.json pins that
// same version, so that npm ci installs exactly what was tested. It returns the
// number of entries in the lock (the root and every package installed).
func CheckNpmPin(t testing.TB, dir, pkg string) int {
	t.Helper()
	var manifest struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	for file, v := range map[string]any{"package.json": &manifest, "package-lock.json": &lock} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", filepath.Join(dir, file), err)
		}
	}
	want := manifest.Dependencies[pkg]
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(want) {
		t.Errorf("%s/package.json asks for %s %q, want an exact version", dir, pkg, want)
	}
	if len(manifest.Dependencies) != 1 {
		t.Errorf("%s/package.json has dependencies %v, want %s only", dir, manifest.Dependencies, pkg)
	}
	if got := lock.Packages["node_modules/"+pkg].Version; got != want {
		t.Errorf("%s/package-lock.json pins %s %q, package.json %q: run npm install --package-lock-only in %s", dir, pkg, got, want, dir)
	}
	return len(lock.Packages)
}
