package nn

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// StateDirEnv is the environment variable that, if set, is the root directory of the saved models.
// Otherwise the root is os.UserCacheDir()/nnlab/models.
const StateDirEnv = notebook.StateDirEnv

// A model directory (see Model.StateDir) holds versions, each a directory with a GoMLX checkpoint of the
// layers' weights and the training history. A version is written as a temporary directory and renamed
// into place, so it is complete or absent; the newest version is the model's state.
//
// The locking rule: whoever changes a model directory (writes a version, removes the others) holds an
// exclusive lock on it; whoever loads a version holds a shared one (see lockDir). So a loaded version cannot vanish
// while it is read, and whatever a save finds besides its own version, under the lock, is an older
// version or the leftover of a killed save: it removes them all. A process killed at any moment loses
// its lock with it and at most the save it was making.
const (
	versionPrefix = "v-"    // a complete version: v-<sequence number, 10 digits>
	tmpPrefix     = ".tmp-" // a version being written, or the leftover of a killed save
	historyFile   = "history.json"
)

// stateRoot returns the root directory of all saved models.
func stateRoot() (string, error) {
	if d := os.Getenv(StateDirEnv); d != "" {
		return filepath.Abs(d)
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("nn: no directory to keep the trained models in: set %s to a directory you can write (%w)", StateDirEnv, err)
	}
	return filepath.Join(c, "nnlab", "models"), nil
}

// sessionDir names the notebook's directory: its working directory and, when run by Jupyter, its path
// (see notebook.Identity).
func sessionDir() (string, error) {
	wd, path, err := notebook.Identity()
	if err != nil {
		return "", fmt.Errorf("nn: %w", err)
	}
	sum := sha256.Sum256([]byte(wd + "\x00" + path))
	base := filepath.Base(wd)
	if path != "" {
		base = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return sanitize(base) + "-" + hex.EncodeToString(sum[:])[:12], nil
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
// differing in name, layers or regularization (a layer's L2 factor), never share a directory. It does
// not create anything.
func (m *Model) StateDir() (string, error) {
	if err := m.check(); err != nil {
		return "", err
	}
	root, err := stateRoot()
	if err != nil {
		return "", err
	}
	session, err := sessionDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, session, sanitize(m.name)+"-"+m.archHash()), nil
}

// prepareStateDir makes sure Fit will be able to save, before it trains: it creates the model directory
// and a temporary entry in it. Something that is not a directory where the model directory should be is
// left alone: Fit refuses, and the message names it.
func (m *Model) prepareStateDir() (string, error) {
	dir, err := m.StateDir()
	if err != nil {
		return "", err
	}
	if fi, lerr := os.Lstat(dir); lerr == nil && !fi.IsDir() {
		return "", fmt.Errorf("nn: model %q cannot be trained: %s, where its weights go, is a file, not a folder; "+
			"remove it (it holds no weights of this lab), then run this cell again", m.name, dir)
	}
	err = os.MkdirAll(dir, 0o755)
	if err == nil {
		var probe string
		if probe, err = os.MkdirTemp(dir, tmpPrefix); err == nil {
			// A concurrent save may already have removed it.
			if err = os.Remove(probe); errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		}
	}
	if err != nil {
		where := fmt.Sprintf("%s is not set, so they go under your user cache directory", StateDirEnv)
		if v := os.Getenv(StateDirEnv); v != "" {
			where = fmt.Sprintf("%s is %q", StateDirEnv, v)
		}
		return "", fmt.Errorf("nn: model %q cannot be trained: its weights could not be kept in %s (%w); %s. "+
			"Set %s to a directory you can write, e.g. in a cell of its own: %%env %s /tmp/nnlab-models, then run this cell again",
			m.name, dir, err, where, StateDirEnv, StateDirEnv)
	}
	return dir, nil
}

// lockKind says how lockDir locks a model directory: shared to load a version, exclusive to change the
// directory. lockDir is written once per platform (lock_unix.go, lock_windows.go, lock_other.go); it
// waits for the lock and returns the function that releases it.
type lockKind int

const (
	sharedLock lockKind = iota
	exclusiveLock
)

// lockFile is the file lockDir locks where a directory itself cannot be locked (Windows). A save
// leaves it in place when it clears the directory.
const lockFile = ".lock"

// newestVersion returns the name of the newest version among a model directory's entries, or "".
func newestVersion(entries []os.DirEntry) (name string, seq int) {
	seq = -1
	for _, e := range entries {
		if n, ok := strings.CutPrefix(e.Name(), versionPrefix); ok {
			if s, err := strconv.Atoi(n); err == nil && s > seq {
				name, seq = e.Name(), s
			}
		}
	}
	return name, seq
}

// saveState saves the layers' variables of store and the history as a new version of the model
// directory dir, then removes everything else in dir (see the locking rule above).
func (m *Model) saveState(dir string, store *model.Store, hist *History) error {
	if err := os.MkdirAll(dir, 0o755); err != nil { // removed while Fit trained
		return err
	}
	unlock, err := lockDir(dir, exclusiveLock)
	if err != nil {
		return err
	}
	defer unlock()
	tmp, err := os.MkdirTemp(dir, tmpPrefix)
	if err != nil {
		return err
	}
	saveStep("started")
	if err = m.writeVersion(tmp, store, hist); err != nil {
		// The half-written version is this save's own temporary folder; if it cannot be removed now,
		// the next save removes it with the other old entries. The error returned is the write's.
		_ = os.RemoveAll(tmp)
		return err
	}
	saveStep("written")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	_, seq := newestVersion(entries)
	version := fmt.Sprintf("%s%010d", versionPrefix, seq+1)
	if err := os.Rename(tmp, filepath.Join(dir, version)); err != nil {
		return fmt.Errorf("moving the new weights into place: %w", err)
	}
	syncDir(dir)
	saveStep("renamed")
	// The older versions of this model's weights, and temporary folders of saves that died, are
	// replaced by the one just renamed (the rule above). The save succeeded: an entry that cannot be
	// removed is never loaded (the newest version wins) and the next save tries again.
	for _, e := range entries {
		if n := e.Name(); n != version && n != filepath.Base(tmp) && n != lockFile {
			_ = os.RemoveAll(filepath.Join(dir, n))
		}
	}
	return nil
}

// saveStep is called at the steps of a save; the tests kill the process there.
var saveStep = func(step string) {}

// writeVersion writes the checkpoint (the layers' weights only: no optimizer state, no parameters) and
// the history into dir, and flushes them to disk.
func (m *Model) writeVersion(dir string, store *model.Store, hist *History) error {
	weights := map[string]bool{}
	for _, l := range m.layers {
		weights[kernelPath(l)], weights[biasPath(l)] = true, true
	}
	var others []*model.Variable
	for v := range store.IterVariables() {
		if !weights[v.Path()] {
			others = append(others, v)
		}
	}
	h, err := try(func() (*checkpoint.Handler, error) {
		return checkpoint.Build(store).Dir(dir).ExcludeAllParams().ExcludeVars(others...).Done()
	})
	if err == nil {
		_, err = try(func() (bool, error) { return true, h.Save() })
	}
	if err != nil {
		return fmt.Errorf("writing the GoMLX checkpoint in %s: %w", dir, err)
	}
	b, err := json.Marshal(hist)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, historyFile), b, 0o644)
	}
	var entries []os.DirEntry
	if err == nil {
		entries, err = os.ReadDir(dir)
	}
	for _, e := range entries {
		if err != nil {
			break
		}
		var f *os.File
		if f, err = os.Open(filepath.Join(dir, e.Name())); err == nil {
			err = f.Sync()
			_ = f.Close() // opened to read: Sync's error is the one that says the data is not on disk
		}
	}
	syncDir(dir)
	return err
}

// syncDir flushes a directory's entries (renames) to disk, where the system allows it. Its errors are
// not reported: Windows cannot open or sync a directory, and elsewhere the files' own Sync has already
// reported a disk that fails.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// loadState loads the newest version saved by a Fit of this model (in any process): the GoMLX
// checkpoint straight into a new store, checked against the layers, and the history.
func (m *Model) loadState(call callNames) (*model.Store, *History, error) {
	dir, err := m.StateDir()
	if err != nil {
		return nil, nil, err
	}
	unlock, err := lockDir(dir, sharedLock)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &notTrainedError{name: m.name, fit: call.fit, hint: m.otherArchitecturesHint(dir)}
	}
	if err == nil {
		defer unlock()
	}
	var entries []os.DirEntry
	if err == nil {
		entries, err = os.ReadDir(dir)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("nn: model %q: its saved state in %s cannot be read (%w); run the cell that calls %s again", m.name, dir, err, call.fit)
	}
	version, _ := newestVersion(entries)
	if version == "" {
		return nil, nil, &notTrainedError{name: m.name, fit: call.fit, hint: m.otherArchitecturesHint(dir)}
	}
	vdir := filepath.Join(dir, version)
	store := model.NewStore()
	hist := &History{}
	_, err = try(func() (*checkpoint.Handler, error) {
		return checkpoint.Load(store).Dir(vdir).ExcludeAllParams().Immediate().Done()
	})
	if err == nil {
		_, err = m.layerWeights(store)
	}
	if err == nil {
		var b []byte
		if b, err = os.ReadFile(filepath.Join(vdir, historyFile)); err == nil {
			err = json.Unmarshal(b, hist)
		}
	}
	if err != nil {
		store.Finalize()
		return nil, nil, fmt.Errorf("nn: model %q: the saved weights in %s cannot be used (%w); run the cell that calls %s again", m.name, vdir, err, call.fit)
	}
	return store, hist, nil
}

// otherArchitecturesHint tells the learner when a model with the same name but other layers was trained.
// It only adds a hint to a "not trained" message: a folder that cannot be read gives no hint.
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
