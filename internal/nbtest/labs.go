package nbtest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// labsJSON is the fixture e2e/lab.mjs reads too.
//
//go:embed labs.json
var labsJSON []byte

// Lab is what one lab notebook prints and shows, as the tests check it.
type Lab struct {
	// Notebook is the notebook's path relative to the repository root.
	Notebook string `json:"notebook"`
	// Summary is what model.Summary() prints, rows without trailing spaces.
	Summary string `json:"summary"`
	// Summaries are the summaries of a lab with several models (the week-3 lab's
	// Complex, Simple and ComplexRegularized), by model name, rows without trailing spaces.
	Summaries map[string]string `json:"summaries"`
	// Params is the summary's total as printed, e.g. "10,431".
	Params string `json:"params"`
	// Epochs and Steps are the training log's epochs and steps per epoch.
	Epochs int `json:"epochs"`
	Steps  int `json:"steps"`
	// Grids are the overall titles of the digit grids.
	Grids []string `json:"grids"`
	// Pictures is how many pictures the whole notebook shows.
	Pictures int `json:"pictures"`
	// Prints are lines cells print on stdout (the decision-tree labs, which
	// have no model, are checked by them).
	Prints []Print `json:"prints"`
}

// Print is text a cell prints: the first code cell whose source contains Cell
// prints Text (among its stdout).
type Print struct {
	Cell string `json:"cell"`
	Text string `json:"text"`
}

var fixture struct {
	StepLine string         `json:"step_line"`
	Labs     map[string]Lab `json:"labs"`
}

// StepLine matches one step line of a lab's training log (Keras's format, as nn
// prints it for the labs: a step takes under a second, and the loss is in fixed
// notation): its groups are the steps done, the steps per epoch, the time unit of a
// step and the loss.
var StepLine *regexp.Regexp

func init() {
	if err := json.Unmarshal(labsJSON, &fixture); err != nil {
		panic(fmt.Sprintf("nbtest: labs.json: %v", err))
	}
	StepLine = regexp.MustCompile(fixture.StepLine)
}

// LabOf returns the expectations of the lab named name ("C2_W1", "C2_W2", "C2_W3",
// "C2_W4", "C2_W4_Lab01", or an optional lab's); an unknown name is a mistake in a
// test and panics.
func LabOf(name string) Lab {
	l, ok := fixture.Labs[name]
	if !ok {
		panic(fmt.Sprintf("nbtest: no lab %q in labs.json", name))
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
