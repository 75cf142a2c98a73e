package polyreg_test

import (
	"fmt"
	"slices"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/polyreg"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// The degree loop of week 3's first optional lab: the errors of degrees 1 to
// 10 on its 50 points, split 60/20/20. These are the exact least-squares
// errors, the ones the course's notebook printed (degree 4 is best).
func ExampleByDegree() {
	data := labdata.MustLoad("data_w3_ex1.csv")
	X := mat.DenseCopyOf(data.Slice(0, 50, 0, 1))
	s := labdata.SplitData(X, mat.Col(nil, 1, data), 1)
	e, err := polyreg.ByDegree(s.XTrain, s.YTrain, s.XCV, s.YCV, 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("train %.2f\ncv    %.2f\n", e.Train, e.CV)
	fmt.Println("lowest cv error at degree", floats.MinIdx(e.CV)+1)
	// Output:
	// train [406.19 49.11 47.62 47.15 47.14 41.38 39.25 38.98 37.97 37.04]
	// cv    [551.78 87.70 81.15 79.43 79.59 98.74 99.32 99.05 109.59 121.85]
	// lowest cv error at degree 4
}

// The learning curve of week 3's second optional lab: 1000 examples, a
// degree-4 model fitted on growing shares of the training set.
func ExampleLearningCurve() {
	s, err := labdata.PrepareDataset("c2w3_lab2_data4.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	examples, e, err := polyreg.LearningCurve(s.XTrain, s.YTrain, s.XCV, s.YCV, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(examples)
	fmt.Println("errors:", len(e.Train), len(e.CV))
	// Output:
	// [80 160 240 320 400 480 560 640 720 800]
	// errors: 10 10
}

// The lambda sweep of week 3's second optional lab: more regularization, a
// worse fit of the training set.
func ExampleByLambda() {
	s, err := labdata.PrepareDataset("c2w3_lab2_data1.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	lambdas := []float64{10, 5, 2, 1, 0.5, 0.2, 0.1}
	e, err := polyreg.ByLambda(s.XTrain, s.YTrain, s.XCV, s.YCV, 4, lambdas)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("training error falls with lambda:", floats.Equal(e.Train, sortedDown(e.Train)))
	// Output: training error falls with lambda: true
}

// sortedDown returns v sorted from largest to smallest.
func sortedDown(v []float64) []float64 {
	s := slices.Sorted(slices.Values(v))
	slices.Reverse(s)
	return s
}
