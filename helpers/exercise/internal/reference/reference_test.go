package reference_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/exercise/internal/reference"
)

func ExampleSoftmax() {
	fmt.Printf("%.4f\n", reference.Softmax([]float64{1, 2, 3, 4}))
	fmt.Printf("%.4f\n", reference.Softmax([]float64{1000, 1000}))
	// Output:
	// [0.0321 0.0871 0.2369 0.6439]
	// [0.5000 0.5000]
}
