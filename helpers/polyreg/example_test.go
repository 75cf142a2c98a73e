package polyreg_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/labdata"
	"github.com/mlspec-go/nnlab/helpers/polyreg"
	"github.com/mlspec-go/nnlab/helpers/sklearn"
)

// The week-3 lab's degree-10 model on its 18 points: it fits the training
// set and fails on the test set.
func Example() {
	x, y, _, _ := labdata.GenData(18, 2, 0.7)
	train, test := sklearn.TrainTestSplit(len(x), 0.33, 1)
	xTrain, yTrain := sklearn.Take(x, train), sklearn.Take(y, train)
	xTest, yTest := sklearn.Take(x, test), sklearn.Take(y, test)

	model := polyreg.New(10, false, 0)
	if err := model.Fit(xTrain, yTrain); err != nil {
		fmt.Println(err)
		return
	}
	errTrain := model.MSE(yTrain, model.Predict(xTrain))
	errTest := model.MSE(yTest, model.Predict(xTest))
	fmt.Printf("training err %0.2f, test err %0.2f\n", errTrain, errTest)
	// Output: training err 58.01, test err 171215.01
}
