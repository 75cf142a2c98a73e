package deps

import (
	"os/exec"
	"strings"
	"testing"
)

// The learner packages and the heavy modules each must not depend on.
var forbidden = []struct {
	pkg     string
	without []string
}{
	// gonbui (and its klog) only behind the packages that show pictures.
	{"autils", []string{"gonum.org/v1/plot", "github.com/gomlx/", "k8s.io/klog"}},
	{"helpers/npfmt", []string{"gonum.org/v1/plot", "github.com/gomlx/", "k8s.io/klog"}},
	{"helpers/digitplot", []string{"github.com/gomlx/"}},
	{"helpers/figures", []string{"github.com/gomlx/"}},
	{"internal/notebook", []string{"gonum.org/v1/", "github.com/gomlx/", "k8s.io/klog"}},
}

func TestLearnerPackagesStayLight(t *testing.T) {
	for _, f := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "github.com/mlspec-go/nnlab/"+f.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", f.pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, heavy := range f.without {
				if strings.HasPrefix(dep, heavy) {
					t.Errorf("%s depends on %s: its job does not need %s", f.pkg, dep, heavy)
				}
			}
		}
	}
}
