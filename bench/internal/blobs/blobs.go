// Package blobs makes the benchmark's stand-in for the week-3 lab's training set: 400 points of two
// features around the lab's six centres with its spread (make_blobs with centres (-1, 0), (1, 0),
// (0, 1), (0, -1), (-2, 1), (-2, -1) and standard deviation 0.4), labelled 0 to 5. The numbers are
// not the lab's (those come from numpy's generator); the shape, the classes and the spread are, so
// the training costs the same and the losses are comparable. bench/cmd/export writes them for the
// Keras side, bench/cmd/train trains on them, so both sides use the same numbers.
package blobs

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Centers are the lab's six cluster centres; Std is its cluster spread.
var Centers = [6][2]float64{{-1, 0}, {1, 0}, {0, 1}, {0, -1}, {-2, 1}, {-2, -1}}

// Std is the standard deviation of every cluster.
const Std = 0.4

// Train returns the 400 x 2 points and their 400 x 1 classes, the same on every call.
func Train() (X, y *mat.Dense) {
	const n = 400
	rng := rand.New(rand.NewPCG(2, 1))
	X, y = mat.NewDense(n, 2, nil), mat.NewDense(n, 1, nil)
	for i, k := range rng.Perm(n) {
		c := k % len(Centers)
		X.Set(i, 0, Centers[c][0]+Std*rng.NormFloat64())
		X.Set(i, 1, Centers[c][1]+Std*rng.NormFloat64())
		y.Set(i, 0, float64(c))
	}
	return X, y
}
