package decisiontree

import (
	"strconv"
	"testing"
)

var (
	xTrain = [][]int{{1, 1, 1}, {1, 0, 1}, {1, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 1}, {0, 0, 0}, {1, 0, 1}, {0, 1, 0}, {1, 0, 0}}
	yTrain = []int{1, 1, 0, 0, 1, 0, 0, 1, 1, 0}
	all    = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
)

// The gains the course prints, to the last of their 17 digits (Python's repr).
func TestGainsPrintAsTheCourse(t *testing.T) {
	for _, c := range []struct {
		nodes   []int
		feature int
		want    string
	}{
		{all, 0, "0.034851554559677034"},
		{all, 1, "0.12451124978365313"},
		{all, 2, "0.2780719051126377"},
		{[]int{0, 1, 4, 5, 7}, 0, "0.7219280948873623"},
		{[]int{2, 3, 6, 8, 9}, 1, "0.7219280948873623"},
		{[]int{0, 1, 2, 3, 4}, 2, "0.9709505944546686"},
	} {
		if got := strconv.FormatFloat(ComputeInformationGain(xTrain, yTrain, c.nodes, c.feature), 'g', -1, 64); got != c.want {
			t.Errorf("gain of %v on %d: %s, want %s", c.nodes, c.feature, got, c.want)
		}
	}
	if got := ComputeEntropy(yTrain); got != 1 {
		t.Errorf("root entropy %v, want 1", got)
	}
}

func TestSemantics(t *testing.T) {
	if got := ComputeEntropy(nil); got != 0 {
		t.Errorf("entropy of nothing: %v", got)
	}
	l, r := SplitDataset(xTrain, []int{0, 4}, 0)
	if l == nil || r == nil || len(r) != 0 || len(l) != 2 {
		t.Errorf("split: %v %v", l, r)
	}
	if got := GetBestSplit(xTrain, yTrain, all); got != 2 {
		t.Errorf("best split %d, want 2", got)
	}
	if got := GetBestSplit(xTrain, yTrain, []int{0, 1, 4, 7}); got != -1 {
		t.Errorf("pure node: %d, want -1", got)
	}
	// The course's exact tie: features 0 and 1 gain the same; the lower wins.
	x := [][]int{{1, 0}, {1, 0}, {1, 0}, {0, 0}, {0, 1}}
	if got := GetBestSplit(x, []int{0, 1, 0, 1, 0}, []int{2, 3, 4}); got != 0 {
		t.Errorf("tie: %d, want 0", got)
	}
}
