package polyreg

import (
	"math"
	"strings"
	"testing"
)

func TestFitsPolynomialExactly(t *testing.T) {
	x := []float64{0, 1, 2, 3, 4, 5}
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = 2 - v + 0.5*v*v*v
	}
	for _, tc := range []struct {
		degree int
		reg    bool
		lambda float64
		exact  bool
	}{{3, false, 0, true}, {4, false, 0, true}, {3, true, 0, true}, {2, false, 0, false}, {3, true, 10, false}} {
		m := New(tc.degree, tc.reg, tc.lambda)
		if err := m.Fit(x, y); err != nil {
			t.Fatal(err)
		}
		e := m.MSE(y, m.Predict(x))
		if tc.exact != (e < 1e-20) {
			t.Errorf("degree %d, regularized %v, lambda %v: training error %v", tc.degree, tc.reg, tc.lambda, e)
		}
		if p := m.Predict([]float64{6})[0]; tc.exact && math.Abs(p-104) > 1e-9 {
			t.Errorf("degree %d: prediction at 6 is %v, want 104", tc.degree, p)
		}
	}
}

func TestMSEIsHalved(t *testing.T) {
	if got := MSE([]float64{2.4, 4.2}, []float64{2.3, 4.1}); math.Abs(got-0.005) > 1e-15 {
		t.Errorf("MSE = %v, want 0.005", got)
	}
	if got := MSE([]float64{3}, []float64{0}); got != 4.5 {
		t.Errorf("MSE = %v, want 4.5", got)
	}
}

func TestMisuse(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"degree 0", func() { New(0, false, 0) }, "degree 0"},
		{"negative lambda", func() { New(2, true, -1) }, "lambda -1"},
		{"predict first", func() { New(2, false, 0).Predict([]float64{1}) }, "Predict before Fit"},
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, tc.want) {
					t.Errorf("%s: panic %q, want one saying %q", tc.name, r, tc.want)
				}
			}()
			tc.f()
		}()
	}
	if err := New(2, false, 0).Fit(nil, nil); err == nil {
		t.Error("Fit on no data: no error")
	}
}
