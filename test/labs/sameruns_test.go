package labs

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// labRuns holds the first executed copy of the lab notebook that a test of this
// package produced (TestLabNotebook runs it through run.py, TestOfflineHTML through
// `make html`), so that the second can be compared with it without a third run.
var labRuns struct {
	sync.Mutex
	first   []byte
	firstBy string
}

// timings matches what a run prints that depends on the machine's speed: the
// training log's "- 0s 1ms/step" parts.
var timings = regexp.MustCompile(`- \d+s \d+[mu]?s/step`)

// maskedOutputs returns the outputs of every code cell of the executed notebook
// raw, with their execution counts, as JSON with the timings masked. Cell
// metadata (execution timestamps, wall times) is left out.
func maskedOutputs(raw []byte) (string, error) {
	var nb struct {
		Cells []struct {
			Type    string            `json:"cell_type"`
			Count   *int              `json:"execution_count"`
			Outputs []json.RawMessage `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		return "", err
	}
	var b strings.Builder
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		count := "-"
		if c.Count != nil {
			count = fmt.Sprint(*c.Count)
		}
		fmt.Fprintf(&b, "cell %d, In [%s]:\n", i+1, count)
		for _, o := range c.Outputs {
			b.WriteString(timings.ReplaceAllString(string(o), "- TIME/step") + "\n")
		}
	}
	return b.String(), nil
}

// compareLabRun checks that the executed lab notebook at path, a seeded run, has
// the same outputs as the first such run of this test process, apart from
// timings: the same numbers, pictures and stream outputs (run.py merges GoNB's
// chunks of prints, whose split depends on timing). The first run is kept.
func compareLabRun(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	labRuns.Lock()
	first, firstBy := labRuns.first, labRuns.firstBy
	if first == nil {
		labRuns.first, labRuns.firstBy = raw, t.Name()
	}
	labRuns.Unlock()
	if first == nil {
		t.Logf("first executed lab notebook of this run: the next one is compared with it")
		return
	}
	a, err := maskedOutputs(first)
	if err != nil {
		t.Fatalf("%s's executed notebook: %v", firstBy, err)
	}
	b, err := maskedOutputs(raw)
	if err != nil {
		t.Fatalf("executed notebook %s: %v", path, err)
	}
	if !strings.Contains(a, "TIME/step") {
		t.Fatalf("%s's executed notebook has no training log to mask:\n%.2000s", firstBy, a)
	}
	if a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := 0; i < min(len(al), len(bl)); i++ {
			if al[i] != bl[i] {
				t.Fatalf("two seeded runs of the lab notebook differ (%s, then %s) at output line %d:\n%.600s\n%.600s", firstBy, t.Name(), i+1, al[i], bl[i])
			}
		}
		t.Fatalf("two seeded runs of the lab notebook differ (%s, then %s): %d against %d output lines", firstBy, t.Name(), len(al), len(bl))
	}
}

// The comparison itself, on two outputs that differ only in timings and in how
// the prints were split: merged, they are equal; a different number is not.
func TestMaskedOutputs(t *testing.T) {
	nb := func(outputs ...string) []byte {
		return []byte(`{"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"execution": {"x": "` +
			fmt.Sprint(len(outputs)) + `"}}, "outputs": [` + strings.Join(outputs, ",") + `]}]}`)
	}
	stream := func(text string) string {
		return `{"name": "stdout", "output_type": "stream", "text": "` + text + `"}`
	}
	a, err := maskedOutputs(nb(stream(`Epoch 1/20\n32/32 [====] - 0s 1ms/step - loss: 0.6220\n`)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := maskedOutputs(nb(stream(`Epoch 1/20\n32/32 [====] - 1s 12ms/step - loss: 0.6220\n`)))
	c, _ := maskedOutputs(nb(stream(`Epoch 1/20\n32/32 [====] - 0s 1ms/step - loss: 0.6221\n`)))
	if a != b {
		t.Errorf("timings not masked:\n%s\n%s", a, b)
	}
	if a == c {
		t.Errorf("a different loss compares equal:\n%s\n%s", a, c)
	}
}
