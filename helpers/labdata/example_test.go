package labdata_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/npfmt"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
	"gonum.org/v1/gonum/mat"
)

// gen_data(18, 2, 0.7) and its split, as the week-3 lab starts.
func ExampleGenData() {
	x, y, _, _ := labdata.GenData(18, 2, 0.7)
	train, test := sklearn.TrainTestSplit(len(x), 0.33, 1)
	fmt.Printf("X.shape (%d,) y.shape (%d,)\n", len(x), len(y))
	fmt.Printf("X_train.shape (%d,) X_test.shape (%d,)\n", len(train), len(test))
	fmt.Printf("y[:3] = %.6f\n", y[:3])
	// Output:
	// X.shape (18,) y.shape (18,)
	// X_train.shape (12,) X_test.shape (6,)
	// y[:3] = [0.000000 5.550949 34.387097]
}

func ExampleGenBlobs() {
	X, y, _, classes, std := labdata.GenBlobs()
	r, c := X.Dims()
	fmt.Printf("X.shape (%d, %d), %d classes, std %v, y[:10] %v\n", r, c, classes, std, y[:10])
	// Output: X.shape (800, 2), 6 classes, std 0.4, y[:10] [4 5 1 0 2 4 1 0 0 5]
}

func ExampleLoadCoffeeData() {
	X, Y := labdata.LoadCoffeeData()
	r, c := X.Dims()
	yr, yc := Y.Dims()
	fmt.Printf("(%d, %d) (%d, %d)\n", r, c, yr, yc)
	fmt.Printf("X[0] = %.8f\n", X.RawRowView(0))
	// Output:
	// (200, 2) (200, 1)
	// X[0] = [185.31763812 12.69396457]
}

// prepare_dataset of week 3's second optional lab: 60/20/20, random_state=80.
func ExamplePrepareDataset() {
	s, err := labdata.PrepareDataset("c2w3_lab2_data1.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, c := s.XTrain.Dims()
	fmt.Printf("the shape of the training set (input) is: (%d, %d)\n", r, c)
	fmt.Printf("the shape of the training set (target) is: (%d,)\n", len(s.YTrain))
	// Output:
	// the shape of the training set (input) is: (60, 1)
	// the shape of the training set (target) is: (60,)
}

// The first rows of week 3's second optional lab's data set with two features,
// as numpy prints them.
func ExampleMustPrepareDataset() {
	s := labdata.MustPrepareDataset("c2w3_lab2_data2.csv")
	fmt.Println(npfmt.Sprint(s.XTrain.Slice(0, 5, 0, 2)))
	// Output:
	// [[3.75757576e+03 5.49494949e+00]
	//  [2.87878788e+03 6.70707071e+00]
	//  [3.54545455e+03 3.71717172e+00]
	//  [1.57575758e+03 5.97979798e+00]
	//  [1.66666667e+03 1.61616162e+00]]
}

// The 60/20/20 split of week 3's first optional lab.
func ExampleSplitData() {
	data := labdata.MustLoad("data_w3_ex1.csv")
	X := mat.DenseCopyOf(data.Slice(0, 50, 0, 1))
	y := mat.Col(nil, 1, data)
	s := labdata.SplitData(X, y, 1)
	for _, part := range []struct {
		name string
		X    *mat.Dense
		y    []float64
	}{{"training", s.XTrain, s.YTrain}, {"cross validation", s.XCV, s.YCV}, {"test", s.XTest, s.YTest}} {
		r, c := part.X.Dims()
		fmt.Printf("the shape of the %s set (input) is: (%d, %d)\n", part.name, r, c)
	}
	// Output:
	// the shape of the training set (input) is: (30, 1)
	// the shape of the cross validation set (input) is: (10, 1)
	// the shape of the test set (input) is: (10, 1)
}
