package nbtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every lab of the fixture names a notebook that exists and code cells it has, and its
// summary states its parameter count.
func TestLabsFixture(t *testing.T) {
	root := MustRoot(t)
	for _, name := range []string{"C2_W1", "C2_W2"} {
		l := LabOf(name)
		if !strings.Contains(l.Summary, "Total params: "+l.Params+"\n") || l.Summary != TrimLines(l.Summary) {
			t.Errorf("%s: summary without its total %s, or with trailing spaces:\n%s", name, l.Params, l.Summary)
		}
		if l.SummaryCell == "" || l.FitCell == "" || l.Epochs <= 0 || l.Steps <= 0 || l.Pictures <= 0 || len(l.Grids) == 0 {
			t.Errorf("%s: incomplete %+v", name, l)
		}
	}
	all, err := labs()
	if err != nil {
		t.Fatal(err)
	}
	for name, l := range all {
		ids, err := codeCellNames(filepath.Join(root, l.Notebook))
		if err != nil || l.Pictures <= 0 {
			t.Errorf("%s: %+v (%v)", name, l, err)
			continue
		}
		named := append([]string{l.SummaryCell, l.FitCell}, l.Grids...)
		for _, p := range l.Prints {
			named = append(named, p.Cell)
		}
		for _, id := range named {
			if id != "" && !ids[id] {
				t.Errorf("%s: %s has no code cell named %q", name, l.Notebook, id)
			}
		}
	}
}

// codeCellNames returns the names of the notebook's code cells, as the fixture names
// them: their grade_ids, or their nbformat ids in a notebook without nbgrader metadata.
func codeCellNames(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb struct {
		Cells []struct {
			Type     string `json:"cell_type"`
			ID       string `json:"id"`
			Metadata struct {
				Nbgrader *struct {
					GradeID string `json:"grade_id"`
				} `json:"nbgrader"`
			} `json:"metadata"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	graded := map[string]bool{}
	byID := map[string]bool{}
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		byID[c.ID] = true
		if c.Metadata.Nbgrader != nil {
			graded[c.Metadata.Nbgrader.GradeID] = true
		}
	}
	if len(graded) > 0 {
		return graded, nil
	}
	return byID, nil
}

func trainingLog(epochs, steps int, loss string) string {
	var b strings.Builder
	for e := 1; e <= epochs; e++ {
		fmt.Fprintf(&b, "Epoch %d/%d\n%d/%d [==============================] - 0s 989us/step - loss: %s\n", e, epochs, steps, steps, loss)
	}
	return b.String()
}

func TestLosses(t *testing.T) {
	l := Lab{Epochs: 3, Steps: 157}
	got, err := l.Losses(trainingLog(3, 157, "0.0449"))
	if err != nil || fmt.Sprint(got) != "[0.0449 0.0449 0.0449]" {
		t.Errorf("Losses = %v, %v", got, err)
	}
	for _, bad := range []string{
		trainingLog(2, 157, "0.0449"),
		trainingLog(3, 32, "0.0449"),
		trainingLog(3, 157, "0.04"),
		trainingLog(3, 157, "4.4900e-04"), // the labs print their losses in fixed notation
		strings.ReplaceAll(trainingLog(3, 157, "0.0449"), "989us/step", "2s/step"),
		strings.Replace(trainingLog(3, 157, "0.0449"), "Epoch 2/3", "Epoch 3/3", 1),
		"warning\n" + trainingLog(3, 157, "0.0449"),
	} {
		if _, err := l.Losses(bad); err == nil {
			t.Errorf("Losses accepted\n%s", bad)
		}
	}
}
