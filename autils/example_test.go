package autils_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/autils"
)

// LoadData returns the 1000 zeros and ones of the lab: here the built-in
// MNIST digits, since this folder has no data/X.npy. It also prints one line
// on standard error saying so.
func ExampleLoadData() {
	X, y := autils.LoadData()

	xr, xc := X.Dims()
	yr, yc := y.Dims()
	fmt.Printf("The shape of X is: (%d, %d)\n", xr, xc)
	fmt.Printf("The shape of y is: (%d, %d)\n", yr, yc)
	fmt.Println("The first element of y is:", y.At(0, 0))
	fmt.Println("The last element of y is:", y.At(yr-1, 0))

	// Rows are unrolled column by column: pixel (r, c) of the upright
	// picture of example i is X.At(i, c*20+r).
	fmt.Println("Pixels per example:", autils.ImageSide, "x", autils.ImageSide)
	// Output:
	// The shape of X is: (1000, 400)
	// The shape of y is: (1000, 1)
	// The first element of y is: 0
	// The last element of y is: 1
	// Pixels per example: 20 x 20
}

// LoadDataMulticlass returns 500 examples of each digit, in blocks.
func ExampleLoadDataMulticlass() {
	X, y := autils.LoadDataMulticlass()
	r, c := X.Dims()
	fmt.Printf("X: (%d, %d)\n", r, c)
	for _, i := range []int{0, 500, 2500, 4999} {
		fmt.Printf("y[%d] = %v\n", i, y.At(i, 0))
	}
	// Output:
	// X: (5000, 400)
	// y[0] = 0
	// y[500] = 1
	// y[2500] = 5
	// y[4999] = 9
}

func ExampleSigmoid() {
	fmt.Printf("%.4f %.4f %.4f\n", autils.Sigmoid(-2), autils.Sigmoid(0), autils.Sigmoid(2))
	// Output:
	// 0.1192 0.5000 0.8808
}
