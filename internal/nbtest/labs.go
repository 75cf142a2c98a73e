package nbtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// LabsFile is the fixture of the labs' expected outputs, relative to the repository
// root: the Go tests read it through LabOf, and e2e/lab.mjs reads it too.
const LabsFile = "testdata/labs.json"

// Lab is what one lab notebook prints and shows, as the tests check it. A cell is
// named by its nbgrader grade_id, or, in a notebook without nbgrader metadata, by its
// nbformat cell id.
type Lab struct {
	// Notebook is the notebook's path relative to the repository root.
	Notebook string `json:"notebook"`
	// SummaryCell names the cell that prints Summary.
	SummaryCell string `json:"summary_cell"`
	// Summary is what model.Summary() prints, rows without trailing spaces.
	Summary string `json:"summary"`
	// Summaries are the summaries of a lab with several models (the week-3 lab's
	// Complex, Simple and ComplexRegularized), by model name, rows without trailing spaces.
	Summaries map[string]string `json:"summaries"`
	// Params is the summary's total as printed, e.g. "10,431".
	Params string `json:"params"`
	// FitCell names the cell that trains the model and prints the training log.
	FitCell string `json:"fit_cell"`
	// Epochs and Steps are the training log's epochs and steps per epoch.
	Epochs int `json:"epochs"`
	Steps  int `json:"steps"`
	// Grids name the cells that draw a grid of digits, each of which shows a picture.
	Grids []string `json:"grids"`
	// Pictures is how many pictures the whole notebook shows.
	Pictures int `json:"pictures"`
	// Prints are text cells print on stdout (the decision-tree labs, which have
	// no model, are checked by them).
	Prints []Print `json:"prints"`
}

// Print is text a cell prints: the cell named Cell prints Text (among its stdout).
type Print struct {
	Cell string `json:"cell"`
	Text string `json:"text"`
}

// StepLine matches one step line of a lab's training log (Keras's format, as nn
// prints it for the labs: a step takes under a second, and the loss is in fixed
// notation, 4 decimals): its groups are the steps done, the steps per epoch, the
// time unit of a step and the loss.
var StepLine = regexp.MustCompile(`^(\d+)/(\d+) \[={30}\] - \d+s \d+(us|ms)/step - loss: (\d\.\d{4})$`)

// labs reads LabsFile once.
var labs = sync.OnceValues(func() (map[string]Lab, error) {
	root, err := Root()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(root, LabsFile))
	if err != nil {
		return nil, err
	}
	var fixture struct {
		Labs map[string]Lab `json:"labs"`
	}
	if err := json.Unmarshal(data, &fixture); err != nil {
		return nil, fmt.Errorf("%s: %w", LabsFile, err)
	}
	return fixture.Labs, nil
})

// LabOf returns the expectations of the lab named name ("C2_W1", "C2_W2", "C2_W3",
// "C2_W4", "C2_W4_Lab01", or an optional lab's) in LabsFile; an unknown name, or no
// readable LabsFile, is a mistake in a test and panics.
func LabOf(name string) Lab {
	all, err := labs()
	if err != nil {
		panic(fmt.Sprintf("nbtest: reading the labs' fixture: %v", err))
	}
	l, ok := all[name]
	if !ok {
		panic(fmt.Sprintf("nbtest: no lab %q in %s", name, LabsFile))
	}
	return l
}

// TrimLines removes trailing spaces from every line of text, so that a Keras-style
// table compares the same whether or not its rows are padded to full width.
func TrimLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Losses reads a training cell's output as the lab's training log: Epochs pairs of
// an "Epoch i/Epochs" line and a step line of Steps/Steps steps, in order, and
// nothing else. It returns each epoch's loss, or an error that says what is wrong.
func (l Lab) Losses(log string) ([]float64, error) {
	lines := strings.Split(strings.TrimSuffix(log, "\n"), "\n")
	if len(lines) != 2*l.Epochs {
		return nil, fmt.Errorf("the training log has %d lines, want %d (an epoch line and a step line for each of %d epochs):\n%s", len(lines), 2*l.Epochs, l.Epochs, log)
	}
	losses := make([]float64, l.Epochs)
	for e := range l.Epochs {
		if want := fmt.Sprintf("Epoch %d/%d", e+1, l.Epochs); lines[2*e] != want {
			return nil, fmt.Errorf("line %d of the training log is %q, want %q", 2*e+1, lines[2*e], want)
		}
		m := StepLine.FindStringSubmatch(lines[2*e+1])
		if m == nil || m[1] != strconv.Itoa(l.Steps) || m[2] != strconv.Itoa(l.Steps) {
			return nil, fmt.Errorf("line %d of the training log is %q, want a step line of %d/%d steps", 2*e+2, lines[2*e+1], l.Steps, l.Steps)
		}
		loss, err := strconv.ParseFloat(m[4], 64)
		if err != nil {
			return nil, fmt.Errorf("line %d of the training log: loss %q: %w", 2*e+2, m[4], err)
		}
		losses[e] = loss
	}
	return losses, nil
}
