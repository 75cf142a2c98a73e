package nn

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The test binary doubles as the program of a notebook cell: with childModeEnv set, TestMain calls
// runChild instead of running the tests, so each run is a separate process, like a GoNB cell.
const (
	childModeEnv = "NN_TEST_CHILD_MODE"
	childSeedEnv = "NN_TEST_CHILD_SEED"
)

// cellModel is the model every "cell" declares.
func cellModel() *Model {
	m := Sequential("cell_model", Input(8), Dense(6, "relu"), Dense(4, "sigmoid"), Dense(1, "sigmoid"))
	m.Compile(BinaryCrossentropy(), Adam(0.01))
	return m
}

// runChild is a cell: "fit" trains and prints the predictions, "predict" only declares the model and
// prints its predictions, "other" declares a model with the same name but other layers.
func runChild(mode string) int {
	X, y := toyData(64, 8, 9)
	var m *Model
	switch mode {
	case "fit":
		m = cellModel()
		seed, _ := strconv.ParseInt(os.Getenv(childSeedEnv), 10, 64)
		if _, err := m.Fit(X, y, Epochs(3), Seed(seed), Verbose(nil)); err != nil {
			fmt.Println("ERROR:", err)
			return 3
		}
	case "predict":
		m = cellModel()
	case "other":
		m = Sequential("cell_model", Input(8), Dense(5, "relu"), Dense(1, "sigmoid"))
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
	t.Setenv(notebookEnv, "lab/C2_W1_Assignment.ipynb")
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
		"other notebook":     {work, "predict", []string{notebookEnv + "=lab/Other.ipynb"}},
		"other working dir":  {t.TempDir(), "predict", nil},
		"other architecture": {work, "other", nil},
	} {
		out, err := cell(t, c.dir, c.mode, c.env...)
		if err == nil || !strings.Contains(out, "has not been trained yet") {
			t.Errorf("%s: err=%v output=%q, want the not-trained error", name, err, out)
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

	// On disk: one notebook directory, one model directory with CURRENT and a single version.
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
	if len(names) != 2 || names[0] != currentFile || !strings.HasPrefix(names[1], versionPref) {
		t.Errorf("model dir holds %v, want CURRENT and one version", names)
	}
}

// trainedStateDir trains the toy model in this process and returns its state directory.
func trainedStateDir(t *testing.T, name string) (string, *mat.Dense) {
	t.Helper()
	t.Setenv(StateDirEnv, t.TempDir())
	m := toyModel(t, name)
	X, y := toyData(64, 8, 9)
	if _, err := m.Fit(X, y, Epochs(2), Seed(5), Verbose(nil)); err != nil {
		t.Fatal(err)
	}
	dir, err := m.StateDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir, X
}

func currentVersionDir(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, strings.TrimSpace(string(b)))
}

func TestInterruptedSaveIsIgnored(t *testing.T) {
	dir, X := trainedStateDir(t, "interrupted")
	want := toyModel(t, "interrupted").MustPredict(X)

	// A save interrupted before its rename leaves a temporary directory: it must not be loaded.
	tmp := filepath.Join(dir, tmpPref+"crashed")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "checkpoint-n0000000-x.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := toyModel(t, "interrupted").Predict(X)
	if err != nil {
		t.Fatalf("Predict with a leftover temporary dir: %v", err)
	}
	if !mat.Equal(got, want) {
		t.Error("Predict changed after an interrupted save")
	}
}

func TestCorruptStateIsRejected(t *testing.T) {
	corruptions := map[string]func(t *testing.T, vdir string){
		"truncated data": func(t *testing.T, vdir string) {
			files, _ := filepath.Glob(filepath.Join(vdir, "*.bin"))
			if len(files) != 1 {
				t.Fatalf("want one .bin file, got %v", files)
			}
			if err := os.Truncate(files[0], 10); err != nil {
				t.Fatal(err)
			}
		},
		"missing manifest": func(t *testing.T, vdir string) {
			if err := os.Remove(filepath.Join(vdir, manifestFile)); err != nil {
				t.Fatal(err)
			}
		},
		"missing version": func(t *testing.T, vdir string) {
			if err := os.RemoveAll(vdir); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, corrupt := range corruptions {
		t.Run(name, func(t *testing.T) {
			dir, X := trainedStateDir(t, "corrupt")
			corrupt(t, currentVersionDir(t, dir))
			_, err := toyModel(t, "corrupt").Predict(X)
			if err == nil || !strings.Contains(err.Error(), "run the cell that calls model.Fit again") {
				t.Errorf("Predict on corrupt state: error %v", err)
			}
			if errors.Is(err, ErrNotTrained) {
				t.Error("a corrupt state is not the same as never trained")
			}
			// Training again repairs it.
			m := toyModel(t, "corrupt")
			Y := mat.NewDense(64, 1, nil)
			if _, err := m.Fit(X, Y, Epochs(1), Verbose(nil)); err != nil {
				t.Fatal(err)
			}
			if _, err := toyModel(t, "corrupt").Predict(X); err != nil {
				t.Errorf("after Fit: %v", err)
			}
		})
	}
}

func TestConstructionTouchesNothing(t *testing.T) {
	root := filepath.Join(t.TempDir(), "state")
	t.Setenv(StateDirEnv, root)
	m := labModel(t)
	m.Compile(BinaryCrossentropy(), Adam(0.001))
	_ = m.SummaryString()
	_ = m.Layers()
	if _, err := os.Stat(root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("declaring a model created %s (err %v)", root, err)
	}
	if m.rt != nil {
		t.Error("declaring a model created a runtime")
	}
}
