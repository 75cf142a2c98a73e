package labs

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// The week-3 lab notebook (advice for applying machine learning), relative to this package's folder.
const lab3Notebook = "../../notebooks/C2_W3_Assignment.ipynb"

// Executes the week-3 lab notebook through the real kernel, as `make html` does, and checks what a
// learner sees: every deterministic print of C2_W3.md exactly, the exercise checks, the three
// networks' summaries and training logs, the story their errors tell, and the figures.
func TestLab3Notebook(t *testing.T) {
	t.Parallel()
	checkSections(t, runClean(t, lab3Notebook), []section{
		{"regression", lab3Regression},
		{"classification data", lab3ClassificationData},
		{"models", lab3Models},
		{"story", lab3Story},
		{"sweep", lab3Sweep},
	})
}

func lab3Regression(t *testing.T, r labRun) {
	nb := r.nb
	for _, c := range []struct{ id, want string }{
		{"cell-c08", "X.shape (18,) y.shape (18,)\nX_train.shape (12,) y_train.shape (12,)\nX_test.shape (6,) y_test.shape (6,)\n"},
		{"cell-c16", "training err 58.01, test err 171215.01\n"},
		{"cell-c21", "X.shape (40,) y.shape (40,)\nX_train.shape (24,) y_train.shape (24,)\nX_cv.shape (8,) y_cv.shape (8,)\nX_test.shape (8,) y_test.shape (8,)\n"},
		{"cell-c26", "optimal degree: 2\n"},
		{"cell-c29", "optimal lambda: 1.0\n"},
	} {
		if got := cellByID(t, nb, c.id).Stdout(); got != c.want {
			t.Errorf("cell %s printed\n%q, want\n%q", c.id, got, c.want)
		}
	}
	if got := cellByID(t, nb, "test_eval_mse").Stdout(); got != " All tests passed.\n" {
		t.Errorf("eval_mse test printed %q", got)
	}
	for _, c := range []struct {
		id   string
		w, h int
	}{
		{"cell-c10", 400, 400}, // "Training, Test"
		{"cell-c18", 400, 400}, // figures.ShowTrainTest
		{"cell-c23", 400, 400}, // "Training, CV, Test"
		{"cell-c26", 800, 400}, // figures.ShowOptimalDegree
		{"cell-c29", 800, 400}, // figures.ShowTuneRegularization
		{"cell-c32", 800, 400}, // figures.ShowTuneM
	} {
		checkSized(t, nb, c.id, c.w, c.h)
	}
}

func lab3ClassificationData(t *testing.T, r labRun) {
	nb := r.nb
	if got, want := cellByID(t, nb, "cell-c35").Stdout(), "X_train.shape: (400, 2) X_cv.shape: (320, 2) X_test.shape: (80, 2)\n"; got != want {
		t.Errorf("blob split printed %q, want %q", got, want)
	}
	want := "categorization error 0.333, expected:0.333\ncategorization error 0.250, expected:0.250\n All tests passed.\n"
	if got := cellByID(t, nb, "test_eval_cat_err").Stdout(); got != want {
		t.Errorf("eval_cat_err cell printed\n%q, want\n%q", got, want)
	}
	checkSized(t, nb, "cell-c37", 800, 400) // figures.ShowTrainEqDist
}

func lab3Story(t *testing.T, r labRun) {
	nb := r.nb
	out := cellByID(t, nb, "cell-c66").Stdout()
	re := regexp.MustCompile(`^categorization error, training, regularized: (\d\.\d{3}), simple model, (\d\.\d{3}), complex model: (\d\.\d{3})\n` +
		`categorization error, cv,       regularized: (\d\.\d{3}), simple model, (\d\.\d{3}), complex model: (\d\.\d{3})\n$`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("errors not printed as the course prints them:\n%s", out)
	}
	v := make([]float64, 6)
	for i := range v {
		v[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	trainR, trainS, trainC, cvR, cvS, cvC := v[0], v[1], v[2], v[3], v[4], v[5]
	t.Logf("training: regularized %v, simple %v, complex %v; cv: regularized %v, simple %v, complex %v", trainR, trainS, trainC, cvR, cvS, cvC)
	if !(trainC < trainS && trainC < trainR) {
		t.Error("the complex model does not fit the training set best")
	}
	if !(cvC > cvS && cvC > cvR) {
		t.Error("the complex model is not the worst on the cv set: the simple and regularized models should beat it")
	}
}

func lab3Sweep(t *testing.T, r labRun) {
	nb := r.nb
	want := ""
	for _, l := range []string{"0.0", "0.001", "0.01", "0.05", "0.1", "0.2", "0.3"} {
		want += "Finished lambda = " + l + "\n"
	}
	if got := cellByID(t, nb, "cell-c69").Stdout(); got != want {
		t.Errorf("sweep printed\n%s\nwant\n%s", got, want)
	}
	checkSized(t, nb, "cell-c71", 600, 400) // figures.ShowIterate
	checkSized(t, nb, "cell-c73", 800, 300) // figures.ShowCompare
}

// lab3Models checks the three models: summary and check, then a training log of 1000 epochs of 13 steps.
func lab3Models(t *testing.T, r labRun) {
	nb := r.nb
	lab := nbtest.Lab{Epochs: 1000, Steps: 13}
	summaries := nbtest.LabOf("C2_W3").Summaries
	for _, m := range []struct{ name, test, fit, figure string }{
		{"Complex", "test_model", "cell-c47", "cell-c49"},
		{"Simple", "test_model_s", "cell-c56", "cell-c57"},
		{"ComplexRegularized", "test_model_r", "cell-c64", "cell-c65"},
	} {
		t.Run(m.name, func(t *testing.T) {
			if got, want := nbtest.TrimLines(cellByID(t, nb, m.test).Stdout()), summaries[m.name]+"All tests passed!\n"; got != want {
				t.Errorf("summary and check printed\n%s\nwant\n%s", got, want)
			}
			loss, err := lab.Losses(cellByID(t, nb, m.fit).Stdout())
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s loss: epoch 1 %v, epoch 1000 %v", m.name, loss[0], loss[999])
			if m.name == "ComplexRegularized" && loss[0] < 3 {
				t.Errorf("first-epoch loss %v: the L2 penalty of the initial kernels (about 4.4 in the course) is missing", loss[0])
			}
			checkSized(t, nb, m.figure, 800, 400)
		})
	}
}
