package nprand_test

import (
	"fmt"

	"github.com/mlspec-go/nnlab/helpers/nprand"
)

// np.random.seed(2); np.random.sample((3,)), as the week-3 lab's gen_data draws.
func ExampleRandomState_RandomSample() {
	r := nprand.NewRandomState(2)
	fmt.Printf("%.8f\n", r.RandomSample(3))
	// Output: [0.43599490 0.02592623 0.54966248]
}

// np.random.RandomState(1).permutation(10): the order train_test_split takes rows in.
func ExampleRandomState_Permutation() {
	fmt.Println(nprand.NewRandomState(1).Permutation(10))
	// Output: [2 9 6 4 0 3 1 7 8 5]
}

// np.random.RandomState(0).randn(3).
func ExampleRandomState_Randn() {
	fmt.Printf("%.8f\n", nprand.NewRandomState(0).Randn(3))
	// Output: [1.76405235 0.40015721 0.97873798]
}

// np.random.default_rng(2).random(4): the first draws of the coffee-roasting data.
func ExampleDefaultRNG() {
	fmt.Printf("%.8f\n", nprand.DefaultRNG(2).Random(4))
	// Output: [0.26161213 0.29849114 0.81422574 0.09191594]
}
