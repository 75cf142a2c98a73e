package grading

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mlspec-go/nnlab/internal/nbtest"
)

// lab is one assignment graded in the run: its graded parts, and what is
// particular to it in how its submissions' grading is checked.
type lab struct {
	name      string     // nbgrader's assignment: C2_W1, whose notebook is C2_W1_Assignment.ipynb
	exercises []exercise // in the notebook's order
	model     string     // the solution cell that declares the model ("" for none)
	// stackTrace names the submission whose grade cells may show a Go stack
	// trace ("" for none). The blank submission's cells may show none, nor,
	// with stackFree, the cells of any submission.
	stackTrace string
	stackFree  bool
}

// exercise is a graded part: its solution cell, the grade cell that checks
// it, and the verdict the check prints, alone, for a right answer.
type exercise struct{ solution, test, passed string }

// The binary lab (assignment C2_W1).
var lab1 = lab{
	name: "C2_W1",
	exercises: []exercise{
		{"ex1_model", "test_model", "All tests passed!"},
		{"ex2_my_dense", "test_my_dense", "All tests passed!"},
		{"ex3_my_dense_v", "test_my_dense_v", "All tests passed!"},
	},
	model:      "ex1_model",
	stackTrace: "attack-exit", // its answer panics in a goroutine
}

// file returns the path of the lab's notebook (ext ".ipynb") or feedback page
// (".html") of student under dir, where nbgrader keeps them.
func (l lab) file(dir, student, ext string) string {
	return filepath.Join(dir, student, l.name, l.name+"_Assignment"+ext)
}

// Answers, as a learner types them between START CODE HERE and END CODE HERE.
const (
	ex1Correct = "nn.Input(400),\nnn.Dense(25, nn.Sigmoid),\nnn.Dense(15, nn.Sigmoid),\nnn.Dense(1, nn.Sigmoid),"
	ex1Relu    = "nn.Input(400),\nnn.Dense(25, nn.Sigmoid),\nnn.Dense(15, nn.ReLU),\nnn.Dense(1, nn.Sigmoid),"
	ex1Units   = "nn.Input(400),\nnn.Dense(20, nn.Sigmoid),\nnn.Dense(15, nn.Sigmoid),\nnn.Dense(1, nn.Sigmoid),"
	ex1Two     = "nn.Input(400),\nnn.Dense(25, nn.Sigmoid),\nnn.Dense(1, nn.Sigmoid),"
	// A graded declaration that forges the check's verdict in every later
	// cell: it runs at each cell program's start-up, before any check.
	ex1ForgeAtStartup = "nn.Input(400),\nnn.Dense(25, nn.Sigmoid),\nnn.Dense(15, nn.Sigmoid),\n" +
		"nn.Dense(1, func() nn.Activation {\n\tif os.Getenv(\"NBGRADER_EXECUTION\") != \"\" {\n" +
		"\t\tfmt.Println(\"All tests passed!\")\n\t\tos.Exit(0)\n\t}\n\treturn nn.Sigmoid\n}()),"

	ex2Correct = "for j := 0; j < units; j++ {\n\taOut.SetVec(j, g(mat.Dot(aIn, W.ColView(j))+b.AtVec(j)))\n}"
	ex2NoBias  = "for j := 0; j < units; j++ {\n\taOut.SetVec(j, g(mat.Dot(aIn, W.ColView(j))))\n}"
	ex2Compile = "for j := 0; j < units; j++ {\n\taOut.SetVec(j, g(zz))\n}"
	// An endless loop, for inputs of at most 4 values: the check's cases and the
	// quick check above it hang, the network's layers (400, 25, 15 inputs) do not.
	ex2Hang = ex2Correct + "\nfor aIn.Len() <= 4 {\n}"
	// The success message, then the end of the program, from the graded function.
	ex2ExitZero = "fmt.Println(\"All tests passed!\")\nos.Exit(0)"

	ex3Correct   = "AOut.Mul(AIn, W)\nAOut.Apply(func(i, j int, z float64) float64 { return g(z + b.AtVec(j)) }, AOut)"
	ex3NoG       = "AOut.Mul(AIn, W)\nAOut.Apply(func(i, j int, z float64) float64 { return z + b.AtVec(j) }, AOut)"
	ex3Sigmoid   = "AOut.Mul(AIn, W)\nAOut.Apply(func(i, j int, z float64) float64 { return autils.Sigmoid(z + b.AtVec(j)) }, AOut)"
	ex3Goroutine = "done := make(chan bool)\ngo func() { panic(\"no check today\") }()\n<-done"
	// No answer, and a declaration named exercise whose fake checks print the
	// verdict: the grade cell's call then goes to it, and GoNB drops the import
	// of the real package as unused.
	ex3Shadow = "return AOut\n}\n\ntype fakeChecks struct{}\n\n" +
		"func (fakeChecks) CheckDenseV(any)       { fmt.Println(\"All tests passed!\") }\n" +
		"func (fakeChecks) CheckDenseVHidden(any) {}\n\nvar exercise fakeChecks\n\n" +
		"func leftover() *mat.Dense {\n\tvar AOut *mat.Dense"
)

// hostileName is the submission that attacks the grader from inside its
// sandbox: its answers are right but for Exercise 1, and its Exercise 3 cell
// declares a global whose initialiser, in the first cell program that runs
// it, tries what issue 23 lists: read the solutions and another student's
// notebook, write into the repository, the teacher's home and the gradebook
// (also from a detached process that stays behind), list the network
// interfaces, fill its disk, start thousands of processes and touch 6 GiB.
// It prints what happened ("WORKED" or "denied") in that cell's output.
const hostileName = "attack-sandbox"

// hostileAnswer is the Exercise 3 answer of hostileName; READS, WRITES and
// GRADEBOOK are filled in by hostileAnswers.
const hostileAnswer = ex3Correct + "\nreturn AOut\n}\n\nvar _ = hostile()\n\n" +
	"func hostile() bool {\n" +
	"\tmarker := filepath.Join(os.Getenv(\"HOME\"), \".nnlab-hostile\")\n" +
	"\tif _, err := os.Stat(marker); err == nil {\n\t\treturn true\n\t}\n" +
	"\tos.WriteFile(marker, nil, 0o644)\n" +
	"\treport := func(what string, err error) {\n\t\tverdict := \"WORKED\"\n\t\tif err != nil {\n\t\t\tverdict = \"denied\"\n\t\t}\n" +
	"\t\tfmt.Println(\"hostile:\", what, verdict)\n\t}\n" +
	"\tfor _, p := range []string{READS} {\n\t\t_, err := os.ReadFile(p)\n\t\treport(\"read \"+p, err)\n\t}\n" +
	"\tfor _, p := range []string{WRITES} {\n\t\treport(\"write \"+p, os.WriteFile(p, []byte(\"forged\"), 0o644))\n\t}\n" +
	"\tforger := exec.Command(\"/bin/sh\", \"-c\", \"sleep 1; echo forged >> GRADEBOOK; sleep 600 # nnlab-hostile-left-behind\")\n" +
	"\tforger.SysProcAttr = &syscall.SysProcAttr{Setsid: true}\n" +
	"\tfmt.Println(\"hostile: detached forger started:\", forger.Start() == nil)\n" +
	"\tifs, _ := net.Interfaces()\n\tvar names []string\n\tfor _, i := range ifs {\n\t\tnames = append(names, i.Name)\n\t}\n" +
	"\tfmt.Println(\"hostile: interfaces\", names)\n" +
	"\tbig := filepath.Join(os.Getenv(\"HOME\"), \"big\")\n\tf, _ := os.Create(big)\n\tmb := 0\n" +
	"\tfor ; mb < 4096; mb++ {\n\t\tif _, err := f.Write(make([]byte, 1<<20)); err != nil {\n\t\t\tbreak\n\t\t}\n\t}\n" +
	"\tf.Close()\n\tos.Remove(big)\n\tfmt.Println(\"hostile: wrote\", mb, \"MiB to its home\")\n" +
	"\tn := 0\n\tfor ; n < 3000; n++ {\n\t\tif exec.Command(\"sleep\", \"600\").Start() != nil {\n\t\t\tbreak\n\t\t}\n\t}\n" +
	"\tfmt.Println(\"hostile: started\", n, \"processes\")\n" +
	"\tmem := make([]byte, 6<<30)\n\tfor i := 0; i < len(mem); i += 4096 {\n\t\tmem[i] = 1\n\t}\n" +
	"\tfmt.Println(\"hostile: touched 6 GiB\")\n\treturn true\n}\n\n" +
	"func leftover() *mat.Dense {\n\tvar AOut *mat.Dense"

// hostileFiles returns what hostileName reads and writes: the solutions (the
// repository's notebook, nbgrader's source), another student's notebook (as
// submitted and as graded), the gradebook, and files in the repository and
// the teacher's home. None of them may be readable or writable from inside.
func hostileFiles(root, build, subs, home string) (reads, writes []string) {
	reads = []string{
		filepath.Join(root, "notebooks", "C2_W1_Assignment.ipynb"),
		lab1.file(filepath.Join(build, "nbgrader", "source"), "", ".ipynb"),
		lab1.file(subs, "correct", ".ipynb"),
		lab1.file(filepath.Join(build, "grades", "executed"), "correct", ".ipynb"),
		filepath.Join(build, "grades", "gradebook.db"),
		filepath.Join(root, ".git", "HEAD"),
		filepath.Join(root, "grading", "course.py"),
	}
	writes = []string{
		filepath.Join(build, "grades", "gradebook.db"),
		filepath.Join(root, "nnlab-hostile-was-here"),
		filepath.Join(home, "nnlab-hostile-was-here"),
		filepath.Join(root, "helpers", "exercise", "nnlab-hostile-was-here.go"),
	}
	return reads, writes
}

// hostileAnswers returns hostileName's answers, with its paths filled in.
func hostileAnswers(root, build, subs, home string) map[string]string {
	reads, writes := hostileFiles(root, build, subs, home)
	list := func(paths []string) string {
		q := make([]string, len(paths))
		for i, p := range paths {
			q[i] = strconv.Quote(p)
		}
		return strings.Join(q, ", ")
	}
	ex3 := strings.NewReplacer("READS", list(reads), "WRITES", list(writes),
		"GRADEBOOK", filepath.Join(build, "grades", "gradebook.db")).Replace(hostileAnswer)
	return map[string]string{"ex1_model": ex1Two, "ex2_my_dense": ex2Correct, "ex3_my_dense_v": ex3}
}

// submission is one learner's notebook: answers by solution cell, and what
// was done to grade cells (a new source, or "" to delete the cell).
type submission struct {
	answers    map[string]string
	gradeCells map[string]string
	want       [3]bool // which exercises earn their point
	// reasons holds, per exercise, a fragment its grade cell must show.
	reasons [3]string
}

var class = map[string]submission{
	"correct": {answers: map[string]string{"ex1_model": ex1Correct, "ex2_my_dense": ex2Correct, "ex3_my_dense_v": ex3Correct},
		want: [3]bool{true, true, true}},
	"blank": {reasons: [3]string{"Test failed: model\n", "check the dot product", "check the dot product"}},
	"wrong-a": {answers: map[string]string{"ex1_model": ex1Relu, "ex2_my_dense": ex2NoBias, "ex3_my_dense_v": ex3NoG},
		reasons: [3]string{"Test failed: layer 2 (dense_1) activation", "hint:     check the bias term",
			"hint:     did you apply the activation function g"}},
	"wrong-b": {answers: map[string]string{"ex1_model": ex1Units, "ex2_my_dense": ex2Compile, "ex3_my_dense_v": ex3Correct},
		want:    [3]bool{false, false, true},
		reasons: [3]string{"Test failed: layer 1 (dense) output shape", "undefined: MyDense", ""}},
	"hang": {answers: map[string]string{"ex1_model": ex1Correct, "ex2_my_dense": ex2Hang, "ex3_my_dense_v": ex3Sigmoid},
		want:    [3]bool{true, false, false},
		reasons: [3]string{"", "look for a loop that never ends", "Test failed: zero bias, identity activation"}},
	"attack-exit": {answers: map[string]string{"ex1_model": ex1Two, "ex2_my_dense": ex2ExitZero, "ex3_my_dense_v": ex3Goroutine},
		gradeCells: map[string]string{"test_model": "", "test_my_dense_v": "%%\nfmt.Println(\"All tests passed!\")"},
		reasons: [3]string{"Test failed: number of layers", "ended while the check of MyDense was running",
			"no check today"}},
	"attack-shadow": {answers: map[string]string{"ex1_model": ex1Correct, "ex2_my_dense": ex2Correct, "ex3_my_dense_v": ex3Shadow},
		want:    [3]bool{true, true, false},
		reasons: [3]string{"", "", "ended before its check ran"}},
	hostileName: {want: [3]bool{false, true, true}, reasons: [3]string{"Test failed: number of layers", "", ""}},
	"attack-startup": {answers: map[string]string{"ex1_model": ex1ForgeAtStartup, "ex2_my_dense": ex2Correct, "ex3_my_dense_v": ex3Correct},
		reasons: [3]string{"ended before its check ran", "ended before its check ran", "ended before its check ran"}},
}

// The multiclass lab (assignment C2_W2), graded in the same run: its graded
// parts, and as few submissions as show the flow, since each costs a notebook
// run: a correct one, a blank one (the student edition as handed out), and
// one typical wrong answer of each exercise with the other exercise right.
var lab2 = lab{
	name: "C2_W2",
	exercises: []exercise{
		{"ex1_my_softmax", "test_my_softmax", "All tests passed."},
		{"ex2_model", "test_model", "All tests passed!"},
	},
	model:     "ex2_model",
	stackFree: true,
}

const (
	softmaxCorrect = "sum := 0.0\nfor _, v := range z {\n\tsum += math.Exp(v)\n}\nfor j, v := range z {\n\ta[j] = math.Exp(v) / sum\n}"
	// Written for the quick check's four values: the test's ten values catch it.
	softmaxFour    = "sum := 0.0\nfor j := 0; j < 4; j++ {\n\tsum += math.Exp(z[j])\n}\nfor j := 0; j < 4; j++ {\n\ta[j] = math.Exp(z[j]) / sum\n}"
	model2Correct  = "nn.Input(400),\nnn.Dense(25, nn.ReLU).Named(\"L1\"),\nnn.Dense(15, nn.ReLU).Named(\"L2\"),\nnn.Dense(10, nn.Linear).Named(\"L3\"),"
	model2ReluLast = "nn.Input(400),\nnn.Dense(25, nn.ReLU).Named(\"L1\"),\nnn.Dense(15, nn.ReLU).Named(\"L2\"),\nnn.Dense(10, nn.ReLU).Named(\"L3\"),"
)

// submission2 is one learner's C2_W2 notebook, as submission is for C2_W1.
type submission2 struct {
	answers map[string]string
	want    [2]bool
	reasons [2]string
}

var class2 = map[string]submission2{
	"correct": {answers: map[string]string{"ex1_my_softmax": softmaxCorrect, "ex2_model": model2Correct}, want: [2]bool{true, true}},
	"blank":   {reasons: [2]string{"Wrong values. Expected [0.0320586 ", "Wrong model. Expected a valid model"}},
	"w2-four-inputs": {answers: map[string]string{"ex1_my_softmax": softmaxFour, "ex2_model": model2Correct},
		want: [2]bool{false, true}, reasons: [2]string{"loop over len(z), not over 4", ""}},
	"w2-relu-output": {answers: map[string]string{"ex1_my_softmax": softmaxCorrect, "ex2_model": model2ReluLast},
		want: [2]bool{true, false}, reasons: [2]string{"", "Wrong activation in layer 2. Expected linear but got relu"}},
}

// The decision-tree lab (assignment C2_W4), graded in the same run: four
// exercises that build on each other, as the course's do (the information gain
// calls the learner's entropy and split, the best split the learner's gain).
// Its submissions: a correct one, the blank edition, and one wrong answer of
// each exercise, each losing exactly the points the course's tests take from
// it: a natural logarithm in the entropy also fails the gains; a swapped split
// fails the split only (a gain does not change when the branches swap); an
// unweighted gain also fails the best split; ">=" fails the best split only.
var lab4 = lab{
	name: "C2_W4",
	exercises: []exercise{
		{"ex1_compute_entropy", "test_compute_entropy", "All tests passed."},
		{"ex2_split_dataset", "test_split_dataset", "All tests passed."},
		{"ex3_compute_information_gain", "test_compute_information_gain", "All tests passed."},
		{"ex4_get_best_split", "test_get_best_split", "All tests passed."},
	},
	stackFree: true,
}

const (
	entropyCorrect = "if len(y) != 0 {\n\tones := 0\n\tfor _, v := range y {\n\t\tif v == 1 {\n\t\t\tones++\n\t\t}\n\t}\n" +
		"\tp1 := float64(ones) / float64(len(y))\n\tif p1 != 0 && p1 != 1 {\n\t\tentropy = -p1*math.Log2(p1) - (1-p1)*math.Log2(1-p1)\n\t}\n}"
	// The natural logarithm: half and half gives ln 2, not 1.
	entropyLn = "if len(y) != 0 {\n\tones := 0\n\tfor _, v := range y {\n\t\tones += v\n\t}\n" +
		"\tp1 := float64(ones) / float64(len(y))\n\tif p1 != 0 && p1 != 1 {\n\t\tentropy = -p1*math.Log(p1) - (1-p1)*math.Log(1-p1)\n\t}\n}"
	splitCorrect = "for _, i := range nodeIndices {\n\tif X[i][feature] == 1 {\n\t\tleftIndices = append(leftIndices, i)\n\t} else {\n\t\trightIndices = append(rightIndices, i)\n\t}\n}"
	// The branches swapped: 0 goes left.
	splitSwapped = "for _, i := range nodeIndices {\n\tif X[i][feature] == 0 {\n\t\tleftIndices = append(leftIndices, i)\n\t} else {\n\t\trightIndices = append(rightIndices, i)\n\t}\n}"
	gainCorrect  = "left, right := SplitDataset(X, nodeIndices, feature)\nn := float64(len(nodeIndices))\n" +
		"informationGain = ComputeEntropy(labelsAt(y, nodeIndices)) - (float64(len(left))/n*ComputeEntropy(labelsAt(y, left)) + float64(len(right))/n*ComputeEntropy(labelsAt(y, right)))"
	// The branches' entropies without their weights.
	gainUnweighted = "left, right := SplitDataset(X, nodeIndices, feature)\n" +
		"informationGain = ComputeEntropy(labelsAt(y, nodeIndices)) - (ComputeEntropy(labelsAt(y, left)) + ComputeEntropy(labelsAt(y, right)))"
	bestCorrect = "best := 0.0\nfor f := range len(X[0]) {\n\tif g := ComputeInformationGain(X, y, nodeIndices, f); g > best {\n\t\tbest, bestFeature = g, f\n\t}\n}"
	// >= : a zero gain, or a tie, replaces the best.
	bestGreaterOrEqual = "best := 0.0\nfor f := range len(X[0]) {\n\tif g := ComputeInformationGain(X, y, nodeIndices, f); g >= best {\n\t\tbest, bestFeature = g, f\n\t}\n}"
)

// submission4 is one learner's C2_W4 notebook, as submission is for C2_W1.
type submission4 struct {
	answers map[string]string
	want    [4]bool
	reasons [4]string
}

// answers4 is a C2_W4 submission's answers: the correct ones but for changes.
func answers4(changes map[string]string) map[string]string {
	a := map[string]string{"ex1_compute_entropy": entropyCorrect, "ex2_split_dataset": splitCorrect,
		"ex3_compute_information_gain": gainCorrect, "ex4_get_best_split": bestCorrect}
	for k, v := range changes {
		a[k] = v
	}
	return a
}

var class4 = map[string]submission4{
	"correct": {answers: answers4(nil), want: [4]bool{true, true, true, true}},
	"blank": {reasons: [4]string{"Entropy must be 1 with same ammount of ones and zeros", "left must have 2 elements but got: 0",
		"Wrong information gain. Expected 0.019973 got: 0.0", "If the target is fully correlated with other feature, that feature must be the best split. Expected 0, got -1"}},
	"w4-natural-log": {answers: answers4(map[string]string{"ex1_compute_entropy": entropyLn}), want: [4]bool{false, true, false, true},
		reasons: [4]string{"Entropy must be 1 with same ammount of ones and zeros (got 0.6931471805599453)", "", "Wrong information gain. Expected 0.019973 got: ", ""}},
	"w4-unweighted": {answers: answers4(map[string]string{"ex3_compute_information_gain": gainUnweighted}), want: [4]bool{true, true, false, false},
		reasons: [4]string{"", "", "Wrong information gain. Expected 0.019973 got: -0.9", "Wrong result. Expected 1, got -1"}},
	"w4-swapped-ge": {answers: answers4(map[string]string{"ex2_split_dataset": splitSwapped, "ex4_get_best_split": bestGreaterOrEqual}), want: [4]bool{true, false, true, false},
		reasons: [4]string{"", "left must have 2 elements but got: 3", "", "When the target variable is pure, there is no best split to do. Expected -1, got 1"}},
}

// The week-3 lab (assignment C2_W3): two functions and three networks, each
// trained for 1000 epochs when the notebook runs, so a submission whose
// networks are valid costs most of a minute: a correct one, the blank edition
// (no network trains), and one with a wrong function and a wrong network.
var lab3 = lab{
	name: "C2_W3",
	exercises: []exercise{
		{"ex1_eval_mse", "test_eval_mse", "All tests passed."},
		{"ex2_eval_cat_err", "test_eval_cat_err", "All tests passed."},
		{"ex3_model", "test_model", "All tests passed!"},
		{"ex4_model_s", "test_model_s", "All tests passed!"},
		{"ex5_model_r", "test_model_r", "All tests passed!"},
	},
	stackFree: true,
}

const (
	mseCorrect    = "m := len(y)\nfor i := range m {\n\td := yhat[i] - y[i]\n\terr += d * d\n}\nerr /= 2 * float64(m)"
	mseNotHalved  = "m := len(y)\nfor i := range m {\n\td := yhat[i] - y[i]\n\terr += d * d\n}\nerr /= float64(m)"
	catErrCorrect = "m := len(y)\nincorrect := 0\nfor i := range m {\n\tif yhat[i] != y[i] {\n\t\tincorrect++\n\t}\n}\ncerr = float64(incorrect) / float64(m)"
	// The model cells have two stubs, the layers and the compile step: nextStub separates their answers.
	compile3      = nextStub + "m.Compile(nn.SparseCategoricalCrossentropy(true), nn.Adam(0.01))"
	complexLayers = "nn.Input(2),\nnn.Dense(120, nn.ReLU).Named(\"L1\"),\nnn.Dense(40, nn.ReLU).Named(\"L2\"),\nnn.Dense(classes, nn.Linear).Named(\"L3\"),"
	simpleLayers  = "nn.Input(2),\nnn.Dense(6, nn.ReLU).Named(\"L1\"),\nnn.Dense(classes, nn.Linear).Named(\"L2\"),"
	regLayers     = "nn.Input(2),\nnn.Dense(120, nn.ReLU).Named(\"L1\").L2(0.1),\nnn.Dense(40, nn.ReLU).Named(\"L2\").L2(0.1),\nnn.Dense(classes, nn.Linear).Named(\"L3\"),"
)

// submission3 is one learner's C2_W3 notebook, as submission is for C2_W1.
type submission3 struct {
	answers map[string]string
	want    [5]bool
	reasons [5]string
}

// answers3 is a C2_W3 submission's answers: the correct ones but for changes.
func answers3(changes map[string]string) map[string]string {
	a := map[string]string{"ex1_eval_mse": mseCorrect, "ex2_eval_cat_err": catErrCorrect, "ex3_model": complexLayers + compile3,
		"ex4_model_s": simpleLayers + compile3, "ex5_model_r": regLayers + compile3}
	for k, v := range changes {
		a[k] = v
	}
	return a
}

var class3 = map[string]submission3{
	"correct": {answers: answers3(nil), want: [5]bool{true, true, true, true, true}},
	"blank": {reasons: [5]string{"Wrong value. Expected 0.005, got 0", "Wrong value. Expected 1, but got 0. Did you divided by m?",
		"must start with nn.Input(n)", "must start with nn.Input(n)", "must start with nn.Input(n)"}},
	// The complex model copied for the regularized one: it trains, without a penalty.
	"w3-mse-no-l2": {answers: answers3(map[string]string{"ex1_eval_mse": mseNotHalved, "ex5_model_r": complexLayers + compile3}),
		want:    [5]bool{false, true, true, true, false},
		reasons: [5]string{"Wrong value. Expected 0.005, got 0.01", "", "", "", "Wrong regularizer. Expected L2 regularizer but got <none>"}},
}

// notebook is an .ipynb file with its cells decoded and everything else kept.
type notebook struct {
	raw   map[string]any
	cells []map[string]any
}

func readNotebook(t *testing.T, path string) *notebook {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nb := &notebook{}
	if err := json.Unmarshal(data, &nb.raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, c := range nb.raw["cells"].([]any) {
		nb.cells = append(nb.cells, c.(map[string]any))
	}
	return nb
}

func (nb *notebook) write(t *testing.T, path string) {
	t.Helper()
	cells := make([]any, len(nb.cells))
	for i, c := range nb.cells {
		cells[i] = c
	}
	nb.raw["cells"] = cells
	data, err := json.MarshalIndent(nb.raw, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// source returns the cell's source.
func source(c map[string]any) string { return multiline(c["source"]) }

func nbgraderMeta(c map[string]any) map[string]any {
	m, _ := c["metadata"].(map[string]any)
	g, _ := m["nbgrader"].(map[string]any)
	return g
}

func gradeID(c map[string]any) string {
	id, _ := nbgraderMeta(c)["grade_id"].(string)
	return id
}

// cell returns the cell with the grade id, or nil.
func (nb *notebook) cell(id string) map[string]any {
	for _, c := range nb.cells {
		if gradeID(c) == id {
			return c
		}
	}
	return nil
}

// outputs returns the cell's outputs: its text (streams, error tracebacks
// without colours) and whether nbgrader counts it as failed (an error output
// or anything on stderr).
func outputs(c map[string]any) (text string, failed bool) {
	var b strings.Builder
	outs, _ := c["outputs"].([]any)
	for _, o := range outs {
		o := o.(map[string]any)
		switch o["output_type"] {
		case "stream":
			b.WriteString(multiline(o["text"]))
			if o["name"] == "stderr" {
				failed = true
			}
		case "error":
			failed = true
			b.WriteString(o["ename"].(string) + ": " + o["evalue"].(string) + "\n")
			for _, l := range o["traceback"].([]any) {
				b.WriteString(l.(string) + "\n")
			}
		case "display_data":
			if d, ok := o["data"].(map[string]any); ok {
				b.WriteString(multiline(d["text/html"]) + multiline(d["text/plain"]))
			}
		}
	}
	return nbtest.StripANSI(b.String()), failed
}

// multiline returns a notebook's text, a string or a list of lines.
func multiline(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			b.WriteString(l.(string))
		}
		return b.String()
	}
	return ""
}

// answer puts code in place of the stub of the solution cell id.
func (nb *notebook) answer(t *testing.T, id, code string) {
	t.Helper()
	c := nb.cell(id)
	for _, part := range strings.Split(code, nextStub) {
		src := source(c)
		i := strings.Index(src, "// YOUR CODE HERE")
		if i < 0 {
			t.Fatalf("solution cell %s has no stub left for\n%s\nin:\n%s", id, part, src)
		}
		start := strings.LastIndex(src[:i], "\n") + 1
		indent := src[start:i]
		lines := strings.Split(part, "\n")
		for k := range lines {
			lines[k] = indent + lines[k]
		}
		c["source"] = src[:start] + strings.Join(lines, "\n") + src[i+len("// YOUR CODE HERE"):]
	}
}

// nextStub separates the answers of a solution cell with more than one stub,
// in the order of the stubs.
const nextStub = "\n<next stub>\n"

// Grades a class of nine submissions made from the student edition with
// `make grade`, through nbgrader and the GoNB kernel: a correct one, a blank
// one, typical wrong answers (each grade cell failing for its exercise's own
// reason), a compile error, a hang, a file that is not a notebook, and the cheats that must earn nothing;
// and, in the same run, the submissions of class2 for the multiclass lab (C2_W2)
// of class4 for the decision-tree lab (C2_W4) and of class3 for the week-3 lab
// (C2_W3).
func TestGradeAClass(t *testing.T) {
	root := nbtest.RequireSetup(t, "grading notebooks through nbgrader and the GoNB kernel", "make setup")
	build := t.TempDir()
	t.Setenv("NNLAB_BUILD", build) // nbgrader's folders, away from the repository's build/

	out, err := exec.Command("make", "-C", root, "student").CombinedOutput()
	if err != nil {
		t.Fatalf("make student: %v\n%s", err, out)
	}
	edition := lab1.file(build, "student", ".ipynb")
	checkStudentEdition(t, edition, len(lab1.exercises), "CheckDenseHidden", "CheckDenseVHidden",
		"nn.Dense(25, nn.Sigmoid)", "mat.Dot(aIn, W.ColView(j))", "AOut.Mul(AIn, W)")
	edition2 := lab2.file(build, "student", ".ipynb")
	checkStudentEdition(t, edition2, len(lab2.exercises), "CheckSoftmaxHidden", "CheckMulticlassModelHidden",
		"math.Exp(v) / sum", "nn.Dense(25, nn.ReLU)")
	edition4 := lab4.file(build, "student", ".ipynb")
	checkStudentEdition(t, edition4, len(lab4.exercises), "CheckComputeEntropyHidden", "CheckSplitDatasetHidden",
		"CheckComputeInformationGainHidden", "CheckGetBestSplitHidden", "math.Log(p1)/math.Ln2", "append(leftIndices, i)",
		"wLeft*leftEntropy", "maxInfoGain")

	subs := t.TempDir()
	home, err := os.UserHomeDir()
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range class {
		if name == hostileName {
			s.answers = hostileAnswers(root, build, subs, home)
		}
		lab1.submit(t, edition, subs, name, s.answers, s.gradeCells)
	}
	for name, s := range class2 {
		lab2.submit(t, edition2, subs, name, s.answers, nil)
	}
	for name, s := range class4 {
		lab4.submit(t, edition4, subs, name, s.answers, nil)
	}
	edition3 := lab3.file(build, "student", ".ipynb")
	checkStudentEdition(t, edition3, len(lab3.exercises), "CheckEvalMSEHidden", "CheckEvalCatErrHidden",
		"CheckComplexModelHidden", "CheckSimpleModelHidden", "CheckRegularizedModelHidden", "err /= 2 * float64(m)", "incorrect++", ".L2(0.1)")
	for name, s := range class3 {
		lab3.submit(t, edition3, subs, name, s.answers, nil)
	}
	// A file that is not a notebook: nbgrader cannot grade it, and the class is
	// graded all the same.
	broken := lab1.file(subs, "broken", ".ipynb")
	if err = os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err = os.WriteFile(broken, []byte("not a notebook\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// 120 s a cell: a loaded machine trains a week-3 network (its slowest cell) in well under that.
	cmd := exec.Command("make", "-C", root, "grade", "SUBMISSIONS="+subs, "GRADE_TIMEOUT=120")
	out, err = cmd.CombinedOutput()
	t.Logf("make grade:\n%s", out)
	if err == nil {
		t.Error("make grade succeeded though a submission could not be graded")
	}
	if !regexp.MustCompile(`(?m)^broken\s+C2_W1\s+not graded\s`).Match(out) ||
		!strings.Contains(string(out), "could not be graded: broken/C2_W1") {
		t.Error("make grade's output does not name the submission it could not grade")
	}

	g := grading{build: build, out: out, scores: readGrades(t, filepath.Join(build, "grades", "grades.csv"))}
	for name, s := range class {
		t.Run(name, func(t *testing.T) {
			graded := lab1.check(t, g, name, s.want[:], s.reasons[:])
			switch name {
			case "attack-exit":
				// Put back where it was, after the summary of the model.
				if src := source(graded.cell("test_model")); !strings.Contains(src, "\nexercise.CheckModel(model)\n") ||
					!strings.HasSuffix(src, "\n// This cell (test_model) was missing from the submission: nbgrader added it back.") {
					t.Errorf("the deleted grade cell was not put back:\n%s", src)
				}
				for i, c := range graded.cells {
					if gradeID(c) == "test_model" && !strings.Contains(source(graded.cells[i-1]), "model.Summary()") {
						t.Errorf("the deleted grade cell went back after %q", source(graded.cells[i-1]))
					}
				}
				// Restored from the source notebook, with its hidden tests.
				if src := source(graded.cell("test_my_dense_v")); !strings.Contains(src, "exercise.CheckDenseVHidden(MyDenseV)") {
					t.Errorf("the edited grade cell was not restored:\n%s", src)
				}
			case "hang":
				// The quick check before the grade cell hangs: nbgrader stops it at
				// the time limit and the notebook goes on.
				if text, _ := outputs(graded.cell("locked_19")); !strings.Contains(text, "CellTimeoutError") {
					t.Errorf("the hanging cell was not stopped at the time limit:\n%s", text)
				}
			case hostileName:
				checkContained(t, graded, root, build, subs, home)
			case "wrong-b":
				if text, _ := outputs(graded.cell("ex2_my_dense")); !strings.Contains(text, "undefined: zz") {
					t.Errorf("the solution cell with a compile error shows:\n%s", text)
				}
			}
		})
	}
	for name, s := range class2 {
		t.Run("C2_W2/"+name, func(t *testing.T) {
			lab2.check(t, g, name, s.want[:], s.reasons[:])
		})
	}
	for name, s := range class4 {
		t.Run("C2_W4/"+name, func(t *testing.T) {
			lab4.check(t, g, name, s.want[:], s.reasons[:])
		})
	}
	for name, s := range class3 {
		t.Run("C2_W3/"+name, func(t *testing.T) {
			lab3.check(t, g, name, s.want[:], s.reasons[:])
		})
	}
}

// submit writes student name's submission of l under subs: the student
// edition with answers put in its solution cells (by id), and gradeCells's
// changes to its grade cells (a new source, or "" to delete the cell).
func (l lab) submit(t *testing.T, edition, subs, name string, answers, gradeCells map[string]string) {
	t.Helper()
	nb := readNotebook(t, edition)
	for id, code := range answers {
		nb.answer(t, id, code)
	}
	for id, src := range gradeCells {
		if src == "" {
			var kept []map[string]any
			for _, c := range nb.cells {
				if gradeID(c) != id {
					kept = append(kept, c)
				}
			}
			nb.cells = kept
		} else {
			nb.cell(id)["source"] = src
		}
	}
	nb.write(t, l.file(subs, name, ".ipynb"))
}

// grading is what make grade left: its output, and nbgrader's folders under build.
type grading struct {
	build  string
	out    []byte
	scores map[string][2]float64 // grades.csv's, by student/assignment
}

// check checks how student name's submission of l was graded, given which
// exercises it should pass (want) and a fragment each grade cell must show
// (reasons, "" for none): its score in grades.csv and in make grade's table;
// in the autograded notebook and the feedback page, each grade cell's
// verdict, and no Go stack trace (but in l.stackTrace's grade cells); every
// cell clean when every exercise passes; the blank submission's solution
// cells. It returns the autograded notebook, for checks of l's own.
func (l lab) check(t *testing.T, g grading, name string, want []bool, reasons []string) *notebook {
	t.Helper()
	points := len(l.exercises)
	if len(want) != points || len(reasons) != points {
		t.Fatalf("%d verdicts and %d reasons for the %d exercises of %s", len(want), len(reasons), points, l.name)
	}
	passes := 0
	for _, w := range want {
		if w {
			passes++
		}
	}
	if got := g.scores[name+"/"+l.name]; got != [2]float64{float64(passes), float64(points)} {
		t.Errorf("grades.csv: %v / %v, want %d / %d", got[0], got[1], passes, points)
	}
	// The table make grade prints.
	score := strconv.Itoa(passes) + " / " + strconv.Itoa(points)
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\s+` + regexp.QuoteMeta(l.name) + `\s+` + score + `\s`).Match(g.out) {
		t.Errorf("make grade's table lacks %q %s with %s", name, l.name, score)
	}
	graded := readNotebook(t, l.file(filepath.Join(g.build, "grades", "autograded"), name, ".ipynb"))
	page, err := os.ReadFile(l.file(filepath.Join(g.build, "grades", "feedback"), name, ".html"))
	if err != nil {
		t.Fatalf("no feedback page: %v", err)
	}
	// Each check's own verdict, and nothing from the hidden ones.
	for i, ex := range l.exercises {
		c := graded.cell(ex.test)
		if c == nil {
			t.Errorf("%s: no grade cell in the autograded notebook", ex.test)
			continue
		}
		text, failed := outputs(c)
		if failed == want[i] {
			t.Errorf("%s: failed=%v, want %v; output:\n%s", ex.test, failed, !want[i], text)
		}
		// What the grade cell prints before the check (C2_W3's do, as the course's) may
		// precede the verdict; nothing may follow it (the hidden checks print nothing).
		if want[i] && !strings.HasSuffix(strings.TrimSpace(text), ex.passed) {
			t.Errorf("%s passed with output %q, want the check's verdict last", ex.test, text)
		}
		if r := reasons[i]; r != "" && !strings.Contains(text, r) {
			t.Errorf("%s: output lacks %q:\n%s", ex.test, r, text)
		}
		if r := reasons[i]; r != "" && !strings.Contains(html(page), r) {
			t.Errorf("%s: the feedback page lacks %q", ex.test, r)
		}
		if strings.Contains(text, "goroutine ") && name != l.stackTrace {
			t.Errorf("%s shows a Go stack trace:\n%s", ex.test, text)
		}
	}
	for i, c := range graded.cells {
		text, failed := outputs(c)
		if passes == points && failed {
			t.Errorf("cell %d failed in the correct submission:\n%s", i+1, text)
		}
		if (l.stackFree || name == "blank") && strings.Contains(text, "goroutine ") {
			t.Errorf("cell %d shows a Go stack trace:\n%s", i+1, text)
		}
	}
	if name == "blank" {
		// The student edition compiles as it is. The blank model fails in the
		// cell that declares it, with the message alone, as Keras fails at the
		// learner's line; the other solution cells run clean, and no cell shows
		// a Go stack trace (the cells that use the model report it).
		declared := false
		for _, ex := range l.exercises {
			text, failed := outputs(graded.cell(ex.solution))
			if ex.solution == l.model {
				declared = true
				if !failed || !strings.Contains(text, `model "my_model" must start with nn.Input(n)`) {
					t.Errorf("blank model cell shows (failed: %v):\n%s\nwant the model's error", failed, text)
				}
				continue
			}
			if failed {
				t.Errorf("blank solution cell %s fails:\n%s", ex.solution, text)
			}
		}
		if !declared && l.model != "" {
			t.Errorf("%s: the model's cell %s is none of the solution cells", l.name, l.model)
		}
	}
	return graded
}

var tags = regexp.MustCompile(`<[^>]*>`)

// html returns a page's text without tags, with HTML's escapes undone for quotes and brackets.
func html(page []byte) string {
	s := tags.ReplaceAllString(string(page), "")
	return strings.NewReplacer("&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// readGrades returns score and max_score by "student/assignment" from nbgrader's CSV export.
func readGrades(t *testing.T, path string) map[string][2]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"student_id", "assignment", "score", "max_score"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("%s has no column %s: %v", path, h, rows[0])
		}
	}
	scores := map[string][2]float64{}
	for _, r := range rows[1:] {
		if a := r[col["assignment"]]; !slices.ContainsFunc([]lab{lab1, lab2, lab3, lab4}, func(l lab) bool { return l.name == a }) {
			t.Errorf("row for assignment %q", a)
		}
		s, _ := strconv.ParseFloat(r[col["score"]], 64)
		m, _ := strconv.ParseFloat(r[col["max_score"]], 64)
		scores[r[col["student_id"]]+"/"+r[col["assignment"]]] = [2]float64{s, m}
	}
	return scores
}

// checkStudentEdition checks what nbgrader's generate_assignment wrote: the
// solutions replaced by the stub inside the course's START/END CODE HERE
// lines, the hidden tests gone, no outputs, every other code cell read-only.
// leaks are the hidden checks and solution code no code cell may hold.
func checkStudentEdition(t *testing.T, path string, solutionCells int, leaks ...string) {
	t.Helper()
	nb := readNotebook(t, path)
	solutions := 0
	for i, c := range nb.cells {
		src := source(c)
		forbidden := []string{"SOLUTION", "HIDDEN"}
		if c["cell_type"] == "code" {
			forbidden = append(forbidden, leaks...)
		}
		for _, leak := range forbidden {
			if strings.Contains(src, leak) {
				t.Errorf("student edition cell %d holds %q:\n%s", i+1, leak, src)
			}
		}
		if c["cell_type"] != "code" {
			continue
		}
		if outs, _ := c["outputs"].([]any); len(outs) > 0 {
			t.Errorf("student edition cell %d has outputs", i+1)
		}
		meta := c["metadata"].(map[string]any)
		if nbgraderMeta(c)["solution"] == true {
			solutions++
			if !regexp.MustCompile(`// START CODE HERE\n\s*// YOUR CODE HERE\n\s*// END CODE HERE`).MatchString(src) {
				t.Errorf("solution cell %d lacks the stub between the course's lines:\n%s", i+1, src)
			}
			continue
		}
		if meta["editable"] != false || meta["deletable"] != false {
			t.Errorf("code cell %d is not locked in the student edition: %v\n%s", i+1, meta, src)
		}
	}
	if solutions != solutionCells {
		t.Errorf("%s: %d solution cells, want %d", filepath.Base(path), solutions, solutionCells)
	}
}

// checkContained checks that hostileName's attacks were contained: each one
// denied or stopped at its limit, with the limit's line in the cell's output;
// no file written outside its sandbox; nothing left running.
func checkContained(t *testing.T, graded *notebook, root, build, subs, home string) {
	t.Helper()
	text, _ := outputs(graded.cell("ex3_my_dense_v"))
	reads, writes := hostileFiles(root, build, subs, home)
	for _, p := range reads {
		if !strings.Contains(text, "hostile: read "+p+" denied") {
			t.Errorf("reading %s was not denied", p)
		}
	}
	for _, p := range writes {
		if !strings.Contains(text, "hostile: write "+p+" denied") {
			t.Errorf("writing %s was not denied", p)
		}
		if p != filepath.Join(build, "grades", "gradebook.db") {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("the submission wrote %s", p)
				os.Remove(p)
			}
		}
	}
	if strings.Contains(text, "WORKED") {
		t.Errorf("an attack worked:\n%s", text)
	}
	for _, want := range []string{
		"hostile: detached forger started: true",
		"hostile: interfaces [lo]",
		"grading: this cell reached the submission's limit of ",
		"grading: a program of this cell was killed: the submission went over its memory limit",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the cell's output lacks %q:\n%s", want, text)
		}
	}
	if m := regexp.MustCompile(`hostile: wrote (\d+) MiB`).FindStringSubmatch(text); m == nil {
		t.Errorf("no disk filling reported:\n%s", text)
	} else if mb, _ := strconv.Atoi(m[1]); mb > 1024 {
		t.Errorf("the submission wrote %d MiB to its home, over its 1024 MiB", mb)
	}
	if m := regexp.MustCompile(`hostile: started (\d+) processes`).FindStringSubmatch(text); m == nil {
		t.Errorf("no process count reported:\n%s", text)
	} else if n, _ := strconv.Atoi(m[1]); n >= 3000 {
		t.Errorf("the submission started %d processes", n)
	}
	if strings.Contains(text, "touched 6 GiB") {
		t.Error("the submission touched 6 GiB")
	}
	db, err := os.ReadFile(filepath.Join(build, "grades", "gradebook.db"))
	if err != nil || strings.Contains(string(db), "forged") {
		t.Errorf("the gradebook was forged (or is gone: %v)", err)
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), "nnlab-hostile-left-behind") {
			t.Errorf("a process of the submission outlived its grading: %s", p)
		}
	}
}

// Grades a small class once, and again as two shards graded by two `make
// grade SHARD=i/2` processes at the same time, merged by `make grade MERGE=`:
// the merged gradebook's grades.csv, the graded notebooks' grade cells and
// the feedback pages are those of the one run.
func TestGradeShards(t *testing.T) {
	root := nbtest.RequireSetup(t, "grading notebooks through nbgrader and the GoNB kernel", "make setup")
	if testing.Short() {
		t.Skip("grades notebooks through the kernel")
	}
	build := t.TempDir
	grade := func(dir string, args ...string) ([]byte, error) {
		cmd := exec.Command("make", append([]string{"-C", root, "grade", "GRADE_TIMEOUT=40"}, args...)...)
		cmd.Env = append(os.Environ(), "NNLAB_BUILD="+dir)
		return cmd.CombinedOutput()
	}
	one := build()
	t.Setenv("NNLAB_BUILD", one)
	if out, err := exec.Command("make", "-C", root, "student").CombinedOutput(); err != nil {
		t.Fatalf("make student: %v\n%s", err, out)
	}
	// The decision-tree lab: no training, so a submission grades in seconds and the test
	// is about the shards, not the lab.
	edition := lab4.file(one, "student", ".ipynb")
	subs := t.TempDir()
	names := []string{"correct", "blank", "w4-unweighted"}
	for _, name := range names {
		lab4.submit(t, edition, subs, name, class4[name].answers, nil)
	}
	broken := lab4.file(subs, "broken", ".ipynb")
	if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, []byte("not a notebook\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := grade(one, "SUBMISSIONS="+subs)
	t.Logf("one run:\n%s", out)
	if err == nil {
		t.Error("make grade succeeded though a submission could not be graded")
	}
	shards := []string{build(), build()}
	outs := make([][]byte, len(shards))
	errs := make([]error, len(shards))
	done := make(chan int)
	for i, dir := range shards {
		go func() {
			outs[i], errs[i] = grade(dir, "SUBMISSIONS="+subs, "SHARD="+strconv.Itoa(i+1)+"/2", "JOBS=1")
			done <- i
		}()
	}
	for range shards {
		i := <-done
		t.Logf("shard %d/2:\n%s", i+1, outs[i])
	}
	merged := build()
	out, err = grade(merged, "MERGE="+filepath.Join(shards[0], "grades")+","+filepath.Join(shards[1], "grades"))
	t.Logf("merge:\n%s", out)
	if err == nil || !strings.Contains(string(out), "could not be graded: broken/C2_W4") {
		t.Error("the merge does not say that broken/C2_W4 could not be graded")
	}

	csvOne, err := os.ReadFile(filepath.Join(one, "grades", "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	csvMerged, err := os.ReadFile(filepath.Join(merged, "grades", "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(csvOne) != string(csvMerged) {
		t.Errorf("grades.csv differs:\none run:\n%s\nmerged:\n%s", csvOne, csvMerged)
	}
	for _, name := range names {
		a := readNotebook(t, lab4.file(filepath.Join(one, "grades", "autograded"), name, ".ipynb"))
		b := readNotebook(t, lab4.file(filepath.Join(merged, "grades", "autograded"), name, ".ipynb"))
		for _, ex := range lab4.exercises {
			ta, fa := outputs(a.cell(ex.test))
			tb, fb := outputs(b.cell(ex.test))
			if ta != tb || fa != fb {
				t.Errorf("%s %s: one run %q (failed %v), merged %q (failed %v)", name, ex.test, ta, fa, tb, fb)
			}
		}
		pa, errA := os.ReadFile(lab4.file(filepath.Join(one, "grades", "feedback"), name, ".html"))
		pb, errB := os.ReadFile(lab4.file(filepath.Join(merged, "grades", "feedback"), name, ".html"))
		if errA != nil || errB != nil {
			t.Errorf("%s: feedback pages: %v, %v", name, errA, errB)
		} else if !strings.Contains(html(pb), "Score: ") || scoreLine(html(pa)) != scoreLine(html(pb)) {
			t.Errorf("%s: the feedback pages' scores differ: %q, %q", name, scoreLine(html(pa)), scoreLine(html(pb)))
		}
	}
}

// scoreLine returns the feedback page's scores ("Score: x / y"), the notebook's and each cell's.
func scoreLine(page string) string {
	return strings.Join(regexp.MustCompile(`Score: [0-9.]+ / [0-9.]+`).FindAllString(page, -1), ", ")
}
