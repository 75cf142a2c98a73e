package labdata

import (
	"strings"
	"testing"
)

func TestLinspace(t *testing.T) {
	for _, tc := range []struct {
		start, stop float64
		n           int
		want        []float64
	}{
		{0, 49, 1, []float64{0}},
		{0, 1, 5, []float64{0, 0.25, 0.5, 0.75, 1}},
		{0, 49, 18, nil}, // last exactly 49
		{1, 0, 3, []float64{1, 0.5, 0}},
	} {
		got := Linspace(tc.start, tc.stop, tc.n)
		if len(got) != tc.n || (tc.n > 1 && got[tc.n-1] != tc.stop) {
			t.Errorf("Linspace(%v, %v, %d) = %v: want %d values ending in %v", tc.start, tc.stop, tc.n, got, tc.n, tc.stop)
		}
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("Linspace(%v, %v, %d) = %v, want %v", tc.start, tc.stop, tc.n, got, tc.want)
				break
			}
		}
	}
}

func TestLoadNames(t *testing.T) {
	want := []struct {
		name       string
		rows, cols int
	}{
		{"c2w3_lab2_data1.csv", 100, 2}, {"c2w3_lab2_data2.csv", 100, 3}, {"c2w3_lab2_data3.csv", 100, 4},
		{"c2w3_lab2_data4.csv", 1000, 3}, {"data_w3_ex1.csv", 50, 2}, {"data_w3_ex2.csv", 200, 3},
	}
	if got := Names(); len(got) != len(want) {
		t.Fatalf("Names() = %v", got)
	}
	for _, w := range want {
		m, err := Load(w.name)
		if err != nil {
			t.Fatal(err)
		}
		if r, c := m.Dims(); r != w.rows || c != w.cols {
			t.Errorf("%s is %dx%d, want %dx%d", w.name, r, c, w.rows, w.cols)
		}
	}
	if _, err := Load("data_w3_ex3.csv"); err == nil || !strings.Contains(err.Error(), "data_w3_ex1.csv") {
		t.Errorf("unknown file: error %v, want one listing the files", err)
	}
}
