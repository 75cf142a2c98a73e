package pyfmt_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/pyfmt"
)

func Example() {
	left, right := []int{0, 3, 4, 5, 7}, []int{1, 2, 6, 8, 9}
	fmt.Println("Left indices: ", pyfmt.List(left))
	fmt.Println(pyfmt.Tuple(left, right))
	fmt.Println(pyfmt.Float(1))
	fmt.Println(pyfmt.ArrayRepr([]int{1, 1, 1}))
	// Output:
	// Left indices:  [0, 3, 4, 5, 7]
	// ([0, 3, 4, 5, 7], [1, 2, 6, 8, 9])
	// 1.0
	// array([1, 1, 1])
}
