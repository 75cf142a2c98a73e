// Package sklearn has the pieces of scikit-learn the course's labs call,
// computed as scikit-learn 1.8 computes them, so that the labs print the
// course's numbers:
//
//   - [TrainTestSplit] and [TrainTestSplitTrainSize] (train_test_split with
//     test_size or train_size, and random_state), with [Take] and
//     [TakeRows] to pick the rows they return;
//   - [MakeBlobs] (make_blobs with fixed centres and random_state);
//   - [PolynomialFeatures], [StandardScaler];
//   - [LinearRegression] (least squares through the SVD, as scipy's lstsq
//     solves it), [Ridge] (Cholesky of the regularized normal equations);
//   - [MeanSquaredError].
//
// The random parts draw from numpy's legacy generator (helpers/nprand), as
// scikit-learn does for an integer random_state, so splits and blobs are the
// course's very arrays. Matrices are gonum's; targets and labels are plain
// slices, as the course's 1-D arrays.
//
// Where scikit-learn raises an error for an argument (a test size outside
// (0, 1), a scaler given other columns than it was fitted on), these fail:
// in a GoNB cell they end the cell with the message alone, elsewhere they
// panic with it, as the Must helpers of this module do.
//
// # Which scikit-learn
//
// The course's numbers come from scikit-learn up to 1.8. From 1.9 on,
// LinearRegression passes its tol (1e-6) to scipy's lstsq as the cut-off
// for small singular values; on the week-3 lab's degree-10 polynomial
// features (condition number near 1e8) that drops directions the exact
// least-squares solution uses, and the lab prints "training err 2086.18"
// where the course prints 58.01 (checked with 1.9.1; there
// LinearRegression(tol=1e-14) prints the course's numbers again).
// [LinearRegression.Tol] reproduces either.
// The tests compare with files scikit-learn 1.8.0 wrote
// (testdata/make_golden.py).
package sklearn
