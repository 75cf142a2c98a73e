package nbtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every lab of the fixture names a notebook that exists, and its summary states its
// parameter count.
func TestLabsFixture(t *testing.T) {
	root := MustRoot(t)
	for _, name := range []string{"C2_W1", "C2_W2"} {
		l := LabOf(name)
		if _, err := os.Stat(filepath.Join(root, l.Notebook)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(l.Summary, "Total params: "+l.Params+"\n") || l.Summary != TrimLines(l.Summary) {
			t.Errorf("%s: summary without its total %s, or with trailing spaces:\n%s", name, l.Params, l.Summary)
		}
		if l.Epochs <= 0 || l.Steps <= 0 || l.Pictures <= 0 || len(l.Grids) == 0 {
			t.Errorf("%s: incomplete %+v", name, l)
		}
	}
	// The optional labs: a notebook that exists and the pictures it shows.
	for _, name := range []string{"C2_W1_Lab01", "C2_W1_Lab02", "C2_W1_Lab03", "C2_W2_Relu", "C2_W2_SoftMax", "C2_W2_Multiclass", "C2_W3_Lab01", "C2_W3_Lab02"} {
		l := LabOf(name)
		if _, err := os.Stat(filepath.Join(root, l.Notebook)); err != nil || l.Pictures <= 0 {
			t.Errorf("%s: %+v (%v)", name, l, err)
		}
	}
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
