package nn

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/internal/notebook"
)

// The test binary doubles as the program of a notebook cell: with childModeEnv set, TestMain calls
// runChild instead of running the tests, so each run is a separate process, like a GoNB cell.
const (
	childModeEnv   = "NN_TEST_CHILD_MODE"
	childSeedEnv   = "NN_TEST_CHILD_SEED"
	childRoundsEnv = "NN_TEST_CHILD_ROUNDS" // fitloop, predictloop: how many rounds
	childKillEnv   = "NN_TEST_CHILD_KILL"   // killfit: the save step at which the process kills itself
)

// cellModel is the model every "cell" declares.
func cellModel() *Model {
	m := Sequential("cell_model", Input(8), Dense(6, ReLU), Dense(4, Sigmoid), Dense(1, Sigmoid))
	m.Compile(BinaryCrossentropy(), Adam(0.01))
	return m
}

// runChild is a cell: "fit" trains and prints the predictions, "predict" only declares the model and
// prints its predictions, "other" declares a model with the same name but other layers. The other modes
// are the concurrent and killed processes of the tests below.
func runChild(mode string) int {
	X, y := toyData(64, 8, 9)
	seed, _ := strconv.ParseInt(os.Getenv(childSeedEnv), 10, 64)
	rounds, _ := strconv.Atoi(os.Getenv(childRoundsEnv))
	var m *Model
	switch mode {
	case "fitloop":
		// Train again and again (seeds alternating between seed and seed+1), each time followed by a
		// Predict of a freshly declared model, as the next cell would do: every one must succeed.
		for r := range rounds {
			if _, err := cellModel().Fit(X, y, Epochs(1), Seed(seed+int64(r%2)), Verbose(nil)); err != nil {
				fmt.Printf("ERROR: round %d: Fit: %v\n", r, err)
				return 3
			}
			if _, err := cellModel().Predict(X); err != nil {
				fmt.Printf("ERROR: round %d: Predict after Fit: %v\n", r, err)
				return 3
			}
		}
		return 0
	case "predictloop":
		// Predict with a freshly declared model (so from disk) again and again; print every result.
		for r := range rounds {
			p, err := cellModel().Predict(X)
			if err != nil {
				fmt.Printf("ERROR: round %d: %v\n", r, err)
				return 3
			}
			fmt.Println(strings.ReplaceAll(formatColumn(p), "\n", " "))
		}
		return 0
	case "killfit":
		step := os.Getenv(childKillEnv)
		saveStep = func(s string) {
			if s == step {
				if p, err := os.FindProcess(os.Getpid()); err == nil {
					_ = p.Kill() // SIGKILL on Unix, TerminateProcess on Windows
				}
				select {} // the signal is on its way
			}
		}
		_, err := cellModel().Fit(X, y, Epochs(1), Seed(seed), Verbose(nil))
		fmt.Println("ERROR: not killed at step", step, err)
		return 3
	case "history":
		h, err := cellModel().History()
		if err != nil {
			fmt.Println("ERROR:", err)
			return 3
		}
		fmt.Println(h.Loss)
		return 0
	case "cellpredict0":
		// A GoNB cell (GONB_TMP_DIR is set) predicting on 0 rows.
		cellModel().MustPredict(X.Slice(0, 0, 0, 8))
		return 0
	case "fit":
		m = cellModel()
		if _, err := m.Fit(X, y, Epochs(3), Seed(seed), Verbose(nil)); err != nil {
			fmt.Println("ERROR:", err)
			return 3
		}
	case "predict":
		m = cellModel()
	case "other":
		m = Sequential("cell_model", Input(8), Dense(5, ReLU), Dense(1, Sigmoid))
	default:
		fmt.Println("ERROR: unknown mode", mode)
		return 2
	}
	p, err := m.Predict(X)
	if err != nil {
		fmt.Println("ERROR:", err)
		return 3
	}
	fmt.Print(formatColumn(p))
	return 0
}

func formatColumn(p *mat.Dense) string {
	var sb strings.Builder
	r, _ := p.Dims()
	for i := range r {
		fmt.Fprintf(&sb, "%.9g\n", p.At(i, 0))
	}
	return sb.String()
}

// cell runs the test binary as a separate process in dir, with extra environment variables.
func cell(t *testing.T, dir, mode string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{childModeEnv + "=" + mode}, env...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestStateAcrossProcesses(t *testing.T) {
	stateDir := t.TempDir()
	t.Setenv(StateDirEnv, stateDir)
	t.Setenv(notebook.PathEnv, "lab/C2_W1_Assignment.ipynb")
	work := t.TempDir()

	// Before any Fit, a cell that predicts gets the learner-friendly error.
	out, err := cell(t, work, "predict")
	if err == nil || !strings.Contains(out, "run the cell that calls model.Fit first") {
		t.Fatalf("predict before fit: err=%v output=%q", err, out)
	}

	fitted, err := cell(t, work, "fit", childSeedEnv+"=1")
	if err != nil {
		t.Fatalf("fit cell: %v\n%s", err, fitted)
	}
	if strings.Count(fitted, "\n") != 64 {
		t.Fatalf("fit cell printed %q", fitted)
	}
	predicted, err := cell(t, work, "predict")
	if err != nil {
		t.Fatalf("predict cell: %v\n%s", err, predicted)
	}
	if predicted != fitted {
		t.Errorf("a later process predicts differently from the one that trained:\n%s\nvs\n%s", predicted, fitted)
	}

	// Other notebooks, other working directories and other architectures do not see the weights.
	for name, c := range map[string]struct {
		dir, mode string
		env       []string
	}{
		"other notebook":     {work, "predict", []string{notebook.PathEnv + "=lab/Other.ipynb"}},
		"other working dir":  {t.TempDir(), "predict", nil},
		"other architecture": {work, "other", nil},
	} {
		out, cerr := cell(t, c.dir, c.mode, c.env...)
		if cerr == nil || !strings.Contains(out, "has not been trained yet") {
			t.Errorf("%s: err=%v output=%q, want the not-trained error", name, cerr, out)
		}
		if name == "other architecture" && !strings.Contains(out, "different layers") {
			t.Errorf("other architecture: the error should mention the model trained with different layers: %q", out)
		}
	}

	// Training again replaces the weights.
	refitted, err := cell(t, work, "fit", childSeedEnv+"=2")
	if err != nil {
		t.Fatalf("second fit cell: %v\n%s", err, refitted)
	}
	if refitted == fitted {
		t.Fatal("training with another seed gave the same predictions")
	}
	predicted, err = cell(t, work, "predict")
	if err != nil || predicted != refitted {
		t.Errorf("after retraining, a later process predicts %q (err %v), want %q", predicted, err, refitted)
	}

	// This process too (a third one) finds them, from the same working directory.
	t.Chdir(work)
	X, _ := toyData(64, 8, 9)
	p, err := cellModel().Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	if formatColumn(p) != refitted {
		t.Error("the test process predicts differently from the cell that trained")
	}

	// On disk: one notebook directory, one model directory with a single version.
	dir, err := cellModel().StateDir()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dir, stateDir+string(filepath.Separator)+"C2_W1_Assignment-") {
		t.Errorf("state dir %s is not under %s/C2_W1_Assignment-*", dir, stateDir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || !strings.HasPrefix(names[0], versionPrefix) {
		t.Errorf("model dir holds %v, want one version", names)
	}
}

func TestConstructionTouchesNothing(t *testing.T) {
	root := filepath.Join(t.TempDir(), "state")
	t.Setenv(StateDirEnv, root)
	m := labModel(t)
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	_, _ = m.SummaryString()
	_ = m.Layers()
	if _, err := os.Stat(root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("declaring a model created %s (err %v)", root, err)
	}
	if m.trained != nil {
		t.Error("declaring a model gave it weights")
	}
}

// fitOnce trains the cell model in this process with Epochs(1) and a seed and returns its predictions
// as a child process prints them, and the model directory.
func fitOnce(t *testing.T, seed int64) (string, string) {
	t.Helper()
	X, y := toyData(64, 8, 9)
	m := cellModel()
	if _, err := m.Fit(X, y, Epochs(1), Seed(seed), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	dir, err := m.StateDir()
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(formatColumn(m.MustPredict(X)), "\n", " "), dir
}

// start runs the test binary as a child process in mode, without waiting.
func start(t *testing.T, mode string, env ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), append([]string{childModeEnv + "=" + mode}, env...)...)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out
}

// assertOneVersion checks that the model directory holds exactly one complete version and nothing else.
func assertOneVersion(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), versionPrefix) || !entries[0].IsDir() {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("model dir holds %v, want exactly one version", names)
	}
}

// Rounds of the concurrency tests: each child process trains (or predicts) this many times.
const (
	concurrentFitRounds     = 200
	concurrentPredictRounds = 300
)

// Two kernels of the same notebook train the same model at the same time, again and again: every Fit
// succeeds, every Predict right after it succeeds, and the model directory ends up holding one
// complete version, one of the two trainings.
func TestConcurrentFits(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	t.Chdir(t.TempDir())
	p1, dir := fitOnce(t, 1)
	p2, _ := fitOnce(t, 2)
	a, outA := start(t, "fitloop", childSeedEnv+"=1", childRoundsEnv+"="+strconv.Itoa(concurrentFitRounds))
	b, outB := start(t, "fitloop", childSeedEnv+"=1", childRoundsEnv+"="+strconv.Itoa(concurrentFitRounds))
	errA, errB := a.Wait(), b.Wait()
	if errA != nil || errB != nil {
		t.Fatalf("concurrent fits failed:\nA (%v): %s\nB (%v): %s", errA, outA, errB, outB)
	}
	assertOneVersion(t, dir)
	got, err := cell(t, ".", "predict")
	if err != nil {
		t.Fatalf("predict after the concurrent fits: %v\n%s", err, got)
	}
	if got = strings.ReplaceAll(got, "\n", " "); got != p1 && got != p2 {
		t.Errorf("after the concurrent fits the model predicts %q, neither training's result", got)
	}
}

// A kernel predicts again and again while another one retrains the model again and again: every Predict
// succeeds and returns the predictions of one complete training.
func TestPredictWhileRetraining(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	t.Chdir(t.TempDir())
	p1, dir := fitOnce(t, 1)
	p2, _ := fitOnce(t, 2)
	fitter, fitOut := start(t, "fitloop", childSeedEnv+"=1", childRoundsEnv+"="+strconv.Itoa(concurrentFitRounds))
	reader, readOut := start(t, "predictloop", childRoundsEnv+"="+strconv.Itoa(concurrentPredictRounds))
	errR, errF := reader.Wait(), fitter.Wait()
	if errF != nil || errR != nil {
		t.Fatalf("predicting while retraining failed:\nfitter (%v): %s\nreader (%v): %.2000s", errF, fitOut, errR, readOut)
	}
	lines := strings.Split(strings.TrimSuffix(readOut.String(), "\n"), "\n")
	if len(lines) != concurrentPredictRounds {
		t.Fatalf("reader printed %d predictions, want %d", len(lines), concurrentPredictRounds)
	}
	seen := map[string]int{}
	for i, l := range lines {
		switch l {
		case p1:
			seen["seed 1"]++
		case p2:
			seen["seed 2"]++
		default:
			t.Fatalf("prediction %d is neither training's result: %q", i, l)
		}
	}
	t.Logf("the reader saw %v", seen)
	assertOneVersion(t, dir)
}

// A process killed with SIGKILL at any step of a save loses at most that save: the previous weights (or
// the new ones, once renamed into place) stay usable, and the next save removes the leftovers.
func TestKilledSave(t *testing.T) {
	for _, c := range []struct{ step, want string }{
		{"started", "old"}, {"written", "old"}, {"renamed", "new"},
	} {
		t.Run(c.step, func(t *testing.T) {
			t.Setenv(StateDirEnv, t.TempDir())
			t.Chdir(t.TempDir())
			p1, dir := fitOnce(t, 1)
			p2, _ := fitOnce(t, 2)
			_, _ = fitOnce(t, 1) // the state is seed 1's again
			out, err := cell(t, ".", "killfit", childSeedEnv+"=2", childKillEnv+"="+c.step)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed: %v\n%s", err, out)
			}
			if entries, _ := os.ReadDir(dir); len(entries) < 2 {
				t.Errorf("the killed save left nothing behind (%d entries): the test did not kill it mid-save", len(entries))
			}
			got, err := cell(t, ".", "predict")
			if err != nil {
				t.Fatalf("predict after a save killed at %q: %v\n%s", c.step, err, got)
			}
			want := map[string]string{"old": p1, "new": p2}[c.want]
			if got = strings.ReplaceAll(got, "\n", " "); got != want {
				t.Errorf("after a save killed at %q the model predicts %q, want the %s weights %q", c.step, got, c.want, want)
			}
			fitOnce(t, 3)
			assertOneVersion(t, dir)
		})
	}
}

// A damaged saved state gives a clear error (never a panic) and training again repairs it.
func TestDamagedState(t *testing.T) {
	only := func(t *testing.T, vdir, pattern string) string {
		files, _ := filepath.Glob(filepath.Join(vdir, pattern))
		if len(files) != 1 {
			t.Fatalf("want one %s file in %s, got %v", pattern, vdir, files)
		}
		return files[0]
	}
	write := func(t *testing.T, path, data string) {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(t *testing.T, path string) {
		if err := os.RemoveAll(path); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name       string
		damage     func(t *testing.T, dir, vdir string)
		notTrained bool // the error is ErrNotTrained rather than "cannot be used"
		refused    bool // Fit refuses to remove what is in the way, and says so
	}{
		{"truncated data", func(t *testing.T, _, vdir string) {
			if err := os.Truncate(only(t, vdir, "*.bin"), 10); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"empty data", func(t *testing.T, _, vdir string) { write(t, only(t, vdir, "*.bin"), "") }, false, false},
		{"missing data", func(t *testing.T, _, vdir string) { remove(t, only(t, vdir, "*.bin")) }, false, false},
		{"missing metadata", func(t *testing.T, _, vdir string) { remove(t, only(t, vdir, "checkpoint-*.json")) }, false, false},
		{"garbage metadata", func(t *testing.T, _, vdir string) { write(t, only(t, vdir, "checkpoint-*.json"), "{") }, false, false},
		{"missing history", func(t *testing.T, _, vdir string) { remove(t, filepath.Join(vdir, historyFile)) }, false, false},
		{"garbage history", func(t *testing.T, _, vdir string) { write(t, filepath.Join(vdir, historyFile), "[1,") }, false, false},
		{"version is a file", func(t *testing.T, _, vdir string) { remove(t, vdir); write(t, vdir, "x") }, false, false},
		{"newer empty version", func(t *testing.T, dir, _ string) {
			if err := os.Mkdir(filepath.Join(dir, versionPrefix+"9999999999"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"weights of other layers", func(t *testing.T, _, vdir string) {
			// A version saved by a model with the same layer names but other sizes.
			other := Sequential("cell_model", Input(8), Dense(3, ReLU), Dense(4, Sigmoid), Dense(1, Sigmoid))
			other.Compile(BinaryCrossentropy(), Adam(0.01))
			X, y := toyData(16, 8, 1)
			if _, err := other.Fit(X, y, Verbose(nil)); err != nil {
				t.Fatal(err)
			}
			odir, _ := other.StateDir()
			ov, _ := newestVersion(mustReadDir(t, odir))
			remove(t, vdir)
			if err := os.Rename(filepath.Join(odir, ov), vdir); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"model dir is a file", func(t *testing.T, dir, _ string) { remove(t, dir); write(t, dir, "x") }, false, true},
		{"no version left", func(t *testing.T, _, vdir string) { remove(t, vdir) }, true, false},
		{"model dir removed", func(t *testing.T, dir, _ string) { remove(t, dir) }, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(StateDirEnv, t.TempDir())
			t.Chdir(t.TempDir())
			_, dir := fitOnce(t, 5)
			v, _ := newestVersion(mustReadDir(t, dir))
			c.damage(t, dir, filepath.Join(dir, v))
			X, y := toyData(64, 8, 9)
			_, err := cellModel().Predict(X)
			switch {
			case err == nil:
				t.Fatal("Predict on a damaged state succeeded")
			case c.notTrained && !errors.Is(err, ErrNotTrained):
				t.Errorf("error %v, want ErrNotTrained", err)
			case !c.notTrained && (errors.Is(err, ErrNotTrained) || !strings.Contains(err.Error(), "run the cell that calls model.Fit again")):
				t.Errorf("error %v, want one that asks to run model.Fit again", err)
			}
			if _, err := cellModel().History(); err == nil {
				t.Error("History on a damaged state succeeded")
			}
			// Training again repairs it; what is not ours to delete, the learner removes first.
			if c.refused {
				_, err := cellModel().Fit(X, y, Epochs(1), Verbose(nil))
				if err == nil || !strings.Contains(err.Error(), "is a file, not a folder; remove it") {
					t.Fatalf("Fit with a file in the way: %v, want a refusal that says to remove it", err)
				}
				remove(t, dir)
			}
			if _, err := cellModel().Fit(X, y, Epochs(1), Verbose(nil)); err != nil {
				t.Fatalf("Fit on a damaged state: %v", err)
			}
			if _, err := cellModel().Predict(X); err != nil {
				t.Errorf("Predict after Fit: %v", err)
			}
			assertOneVersion(t, dir)
		})
	}
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// Leftovers of killed saves and strangers in the model directory do not disturb loading, and the next
// save removes them.
func TestLeftoversAreIgnoredThenRemoved(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	t.Chdir(t.TempDir())
	want, dir := fitOnce(t, 5)
	for _, name := range []string{tmpPrefix + "killed", versionPrefix + "notanumber", "stray"} {
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "checkpoint-n0000000-x.json"), []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, tmpPrefix+"file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := cell(t, ".", "predict")
	if err != nil || strings.ReplaceAll(got, "\n", " ") != want {
		t.Fatalf("predict with leftovers: %v %q, want %q", err, got, want)
	}
	fitOnce(t, 6)
	assertOneVersion(t, dir)
}

// Fit checks where the weights go before it trains, and says how to fix it.
func TestUnusableStateDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(t.TempDir(), "read-only")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"a file":                    file,
		"under a file":              filepath.Join(file, "state"),
		"not writable":              readOnly,
		"in a read-only filesystem": "/proc/nnlab-state",
	}
	for name, root := range cases {
		t.Run(name, func(t *testing.T) {
			if name == "not writable" && os.Geteuid() == 0 {
				t.Skip("root can write a directory of mode 0555; the /proc case covers an unwritable directory")
			}
			t.Setenv(StateDirEnv, root)
			X, y := toyData(64, 8, 9)
			var log strings.Builder
			_, err := cellModel().Fit(X, y, Epochs(1), Verbose(&log))
			if err == nil {
				t.Fatal("Fit succeeded")
			}
			for _, want := range []string{"cannot be trained", StateDirEnv + ` is "` + root + `"`, "%env " + StateDirEnv} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if log.Len() != 0 {
				t.Errorf("Fit trained before finding out it cannot save: %q", log.String())
			}
		})
	}
}

// In a GoNB cell, a prediction on 0 rows ends the cell with the message alone, no stack trace.
func TestZeroRowsInACell(t *testing.T) {
	t.Setenv(StateDirEnv, t.TempDir())
	t.Chdir(t.TempDir())
	fitOnce(t, 1)
	out, err := cell(t, ".", "cellpredict0", "GONB_TMP_DIR="+t.TempDir())
	if err == nil || !strings.Contains(out, "model.MustPredict: X has shape (0, 8)") || strings.Contains(out, "goroutine") || strings.Contains(out, "panic") {
		t.Errorf("0-row prediction in a cell: err %v, output %q", err, out)
	}
}
