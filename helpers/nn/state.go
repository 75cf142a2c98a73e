package nn

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"
	"github.com/gomlx/gomlx/support/exceptions"
)

// StateDirEnv is the environment variable that, if set, is the root directory of the saved models.
// Otherwise the root is os.UserCacheDir()/nnlab/models.
const StateDirEnv = "NNLAB_STATE_DIR"

// notebookEnv is set by Jupyter (jupyter_server >= 2) to the notebook's path in the kernel's environment,
// which GoNB passes on to the cell programs.
const notebookEnv = "JPY_SESSION_NAME"

const (
	currentFile  = "CURRENT"    // in a model dir: the name of the version dir holding the current weights
	manifestFile = "nnlab.json" // in a version dir: what was saved, validated on load
	versionPref  = "v-"
	tmpPref      = ".tmp-"
	formatV1     = "nnlab/nn weights v1"
)

func getenv(k string) string { return os.Getenv(k) }

// stateRoot returns the root directory of all saved models.
func stateRoot() (string, error) {
	if d := os.Getenv(StateDirEnv); d != "" {
		return filepath.Abs(d)
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("nn: no directory to save models in (set %s): %w", StateDirEnv, err)
	}
	return filepath.Join(c, "nnlab", "models"), nil
}

// sessionKey identifies the notebook: its working directory and, when run by Jupyter, the notebook path.
func sessionKey() (dirName, wd, notebook string, err error) {
	wd, err = os.Getwd()
	if err != nil {
		return "", "", "", fmt.Errorf("nn: reading the working directory: %w", err)
	}
	if abs, err := filepath.Abs(wd); err == nil {
		wd = abs
	}
	notebook = os.Getenv(notebookEnv)
	sum := sha256.Sum256([]byte(wd + "\x00" + notebook))
	base := filepath.Base(wd)
	if notebook != "" {
		base = strings.TrimSuffix(filepath.Base(notebook), filepath.Ext(notebook))
	}
	return sanitize(base) + "-" + hex.EncodeToString(sum[:])[:12], wd, notebook, nil
}

// sanitize keeps a name readable and safe as a directory name.
func sanitize(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if r < 128 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('_')
		}
	}
	out := strings.TrimLeft(sb.String(), ".")
	if len(out) > 40 {
		out = out[:40]
	}
	if out == "" {
		out = "x"
	}
	return out
}

// StateDir returns the directory where the model's trained weights are (or would be) saved:
// <root>/<notebook>-<hash of working dir and notebook>/<model name>-<hash of the architecture>,
// where root is $NNLAB_STATE_DIR or os.UserCacheDir()/nnlab/models. Two notebooks, or two models
// differing in name or layers, never share a directory. It does not create anything.
func (m *Model) StateDir() (string, error) {
	if m.err != nil {
		return "", m.err
	}
	root, err := stateRoot()
	if err != nil {
		return "", err
	}
	session, _, _, err := sessionKey()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, session, sanitize(m.name)+"-"+m.archHash()), nil
}

// manifest is written next to the GoMLX checkpoint and checked when loading it.
type manifest struct {
	Format       string            `json:"format"`
	Model        string            `json:"model"`
	Architecture string            `json:"architecture"`
	Saved        time.Time         `json:"saved"`
	Files        map[string]string `json:"files"` // file name -> sha256 of its contents
}

// saveState writes the weights as a GoMLX checkpoint in a fresh version directory and then makes it the
// current one. The checkpoint is written in a temporary directory next to the final one, synced, renamed
// into place, and only then pointed to by CURRENT (itself replaced by an atomic rename): an interrupted
// save leaves the previous state (or none) in place, never a partial checkpoint.
func (m *Model) saveState(weights []LayerWeights) (err error) {
	dir, err := m.StateDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	m.writeSessionInfo(filepath.Dir(dir))
	tmp, err := os.MkdirTemp(dir, tmpPref)
	if err != nil {
		return fmt.Errorf("creating a temporary directory in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()

	// The checkpoint holds only the layers' weights, under the same variable paths as in training.
	store := model.NewStore()
	defer store.Finalize()
	for i, l := range m.layers {
		if _, err := store.CreateVariable(kernelPath(l), weightTensor(weights[i].W)); err != nil {
			return err
		}
		if _, err := store.CreateVariable(biasPath(l), vecTensor(weights[i].B)); err != nil {
			return err
		}
	}
	if perr := exceptions.TryCatch[error](func() {
		var h *checkpoint.Handler
		h, err = checkpoint.Build(store).Dir(tmp).ExcludeAllParams().Done()
		if err == nil {
			err = h.Save()
		}
	}); perr != nil {
		err = perr
	}
	if err != nil {
		return fmt.Errorf("writing the GoMLX checkpoint in %s: %w", tmp, err)
	}

	man := manifest{Format: formatV1, Model: m.name, Architecture: m.architecture(), Saved: time.Now().UTC(), Files: map[string]string{}}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return err
	}
	for _, e := range entries {
		sum, err := syncAndHash(filepath.Join(tmp, e.Name()))
		if err != nil {
			return err
		}
		man.Files[e.Name()] = sum
	}
	manBytes, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileSync(filepath.Join(tmp, manifestFile), manBytes); err != nil {
		return err
	}
	if err := syncDir(tmp); err != nil {
		return err
	}

	version := fmt.Sprintf("%s%s-%s", versionPref, time.Now().UTC().Format("20060102T150405.000000000"), strings.TrimPrefix(filepath.Base(tmp), tmpPref))
	if err := os.Rename(tmp, filepath.Join(dir, version)); err != nil {
		return fmt.Errorf("moving the checkpoint into place: %w", err)
	}
	tmp = filepath.Join(dir, version) // removed on a later error
	if err := replaceFile(filepath.Join(dir, currentFile), []byte(version+"\n")); err != nil {
		return fmt.Errorf("switching to the new checkpoint: %w", err)
	}
	// Remove older versions and leftovers of interrupted saves (best effort).
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			n := e.Name()
			if n != version && e.IsDir() && (strings.HasPrefix(n, versionPref) || strings.HasPrefix(n, tmpPref) && isStale(filepath.Join(dir, n))) {
				_ = os.RemoveAll(filepath.Join(dir, n))
			}
		}
	}
	return nil
}

// isStale reports whether a temporary directory is old enough to be a leftover (not a concurrent save).
func isStale(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && time.Since(fi.ModTime()) > 10*time.Minute
}

// writeSessionInfo leaves a note saying which working directory and notebook a session directory is for.
func (m *Model) writeSessionInfo(sessionDir string) {
	_, wd, notebook, err := sessionKey()
	if err != nil {
		return
	}
	p := filepath.Join(sessionDir, "session.json")
	if _, err := os.Stat(p); err == nil {
		return
	}
	b, _ := json.MarshalIndent(map[string]string{"working_dir": wd, "notebook": notebook}, "", "  ")
	_ = replaceFile(p, b)
}

// loadState returns a store with the weights saved by the last Fit of this model (in any process),
// after checking that they are complete and belong to this architecture.
func (m *Model) loadState() ([]LayerWeights, error) {
	dir, err := m.StateDir()
	if err != nil {
		return nil, err
	}
	cur, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &notTrainedError{name: m.name, hint: m.otherArchitecturesHint(dir)}
	}
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: reading its saved state: %w", m.name, err)
	}
	version := strings.TrimSpace(string(cur))
	if !strings.HasPrefix(version, versionPref) || strings.ContainsAny(version, `/\`) {
		return nil, fmt.Errorf("nn: model %q: the saved state in %s is corrupt (bad %s); run the cell that calls model.Fit again", m.name, dir, currentFile)
	}
	vdir := filepath.Join(dir, version)
	weights, err := m.loadVersion(vdir)
	if err != nil {
		return nil, fmt.Errorf("nn: model %q: the saved weights in %s cannot be used (%w); run the cell that calls model.Fit again", m.name, vdir, err)
	}
	return weights, nil
}

func (m *Model) loadVersion(vdir string) ([]LayerWeights, error) {
	manBytes, err := os.ReadFile(filepath.Join(vdir, manifestFile))
	if err != nil {
		return nil, err
	}
	var man manifest
	if err := json.Unmarshal(manBytes, &man); err != nil {
		return nil, fmt.Errorf("reading %s: %w", manifestFile, err)
	}
	if man.Format != formatV1 {
		return nil, fmt.Errorf("unknown format %q", man.Format)
	}
	if man.Architecture != m.architecture() {
		return nil, errors.New("they were saved for a different architecture")
	}
	if len(man.Files) == 0 {
		return nil, errors.New("the manifest lists no files")
	}
	names := make([]string, 0, len(man.Files))
	for n := range man.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sum, err := hashFile(filepath.Join(vdir, n))
		if err != nil {
			return nil, err
		}
		if sum != man.Files[n] {
			return nil, fmt.Errorf("file %s does not match its checksum", n)
		}
	}
	store := model.NewStore()
	defer store.Finalize()
	if perr := exceptions.TryCatch[error](func() {
		_, err = checkpoint.Load(store).Dir(vdir).ExcludeAllParams().Immediate().Done()
	}); perr != nil {
		err = perr
	}
	if err != nil {
		return nil, fmt.Errorf("loading the GoMLX checkpoint: %w", err)
	}
	rt := &runtime{store: store}
	return rt.weights(m)
}

// otherArchitecturesHint tells the learner when a model with the same name but other layers was trained.
func (m *Model) otherArchitecturesHint(dir string) string {
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		return ""
	}
	prefix := sanitize(m.name) + "-"
	for _, e := range entries {
		n := e.Name()
		if n != filepath.Base(dir) && strings.HasPrefix(n, prefix) && len(n) == len(prefix)+16 {
			return fmt.Sprintf("a model named %q with different layers was trained; weights are kept per architecture", m.name)
		}
	}
	return ""
}

// replaceFile atomically replaces path with data: write a temporary file in the same directory, sync, rename.
func replaceFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), tmpPref+"file-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

func writeFileSync(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncAndHash flushes a file to disk and returns the hex sha256 of its contents.
func syncAndHash(path string) (string, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	if err := f.Sync(); err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// syncDir flushes a directory's entries (renames) to disk; not supported everywhere, so errors are ignored
// where the platform refuses.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer func() { _ = d.Close() }()
	_ = d.Sync() // Best effort: some systems cannot sync directories.
	return nil
}
