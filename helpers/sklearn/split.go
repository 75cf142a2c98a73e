package sklearn

import (
	"fmt"
	"math"

	"github.com/mlspec-go/nnlab/helpers/nprand"
	"github.com/mlspec-go/nnlab/internal/notebook"
	"gonum.org/v1/gonum/mat"
)

// TrainTestSplit returns the row indexes train_test_split(...,
// test_size=testSize, random_state=randomState) gives n rows: it permutes
// 0..n-1 with numpy's RandomState(randomState), takes the first
// ceil(testSize·n) as the test rows and the rest as the training rows.
// Pick the rows with [Take] or [TakeRows]; splitting X and y with the same
// indexes keeps them paired, as train_test_split(X, y, ...) does.
//
// It fails unless 0 < testSize < 1 and both parts have a row.
func TrainTestSplit(n int, testSize float64, randomState uint32) (train, test []int) {
	if !(testSize > 0 && testSize < 1) {
		notebook.Fail(fmt.Sprintf("sklearn.TrainTestSplit: test size %v is not between 0 and 1", testSize))
	}
	nTest := int(math.Ceil(testSize * float64(n)))
	return split(n, nTest, n-nTest, testSize, randomState)
}

// Take returns s[idx[0]], s[idx[1]], ... as a new slice (numpy's s[idx]).
func Take[T any](s []T, idx []int) []T {
	out := make([]T, len(idx))
	for i, k := range idx {
		out[i] = s[k]
	}
	return out
}

// TakeRows returns the rows idx of X, in that order, as a new matrix
// (numpy's X[idx]).
func TakeRows(X mat.Matrix, idx []int) *mat.Dense {
	_, c := X.Dims()
	if len(idx) == 0 {
		return &mat.Dense{} // gonum has no matrix with no rows
	}
	out := mat.NewDense(len(idx), c, nil)
	for i, k := range idx {
		for j := range c {
			out.Set(i, j, X.At(k, j))
		}
	}
	return out
}

// TrainTestSplitTrainSize is [TrainTestSplit] given the training part's
// share instead: train_test_split(..., train_size=trainSize,
// random_state=randomState) takes floor(trainSize·n) training rows and
// leaves the other rows for the test (week 4's tree-ensemble lab splits
// 80/20 this way).
//
// It fails unless 0 < trainSize < 1 and both parts have a row.
func TrainTestSplitTrainSize(n int, trainSize float64, randomState uint32) (train, test []int) {
	if !(trainSize > 0 && trainSize < 1) {
		notebook.Fail(fmt.Sprintf("sklearn.TrainTestSplitTrainSize: train size %v is not between 0 and 1", trainSize))
	}
	nTrain := int(math.Floor(trainSize * float64(n)))
	return split(n, n-nTrain, nTrain, trainSize, randomState)
}

func split(n, nTest, nTrain int, size float64, randomState uint32) (train, test []int) {
	if nTrain <= 0 || nTest <= 0 {
		notebook.Fail(fmt.Sprintf("sklearn: %d rows split at %v leave an empty part", n, size))
	}
	p := nprand.NewRandomState(randomState).Permutation(n)
	return p[nTest : nTest+nTrain], p[:nTest]
}
