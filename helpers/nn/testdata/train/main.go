// Command train is the lab's training cell as a standalone program, used to measure the time and peak
// memory of a process that trains (go build ./helpers/nn/testdata/train && /usr/bin/time -v ./train).
package main

import (
	"fmt"
	"time"

	"github.com/mlspec-go/nnlab/autils"
	"github.com/mlspec-go/nnlab/helpers/nn"
	"gonum.org/v1/gonum/mat"
)

func main() {
	X, y := autils.LoadData()
	model := nn.Sequential("my_model",
		nn.Input(400),
		nn.Dense(25, nn.Sigmoid),
		nn.Dense(15, nn.Sigmoid),
		nn.Dense(1, nn.Sigmoid),
	)
	model.Summary()
	model.Compile(nn.BinaryCrossentropy(), nn.Adam(0.001))
	start := time.Now()
	model.MustFit(X, y, nn.Epochs(20))
	fmt.Println("fit took", time.Since(start))
	fmt.Println(" predicting a zero:", mat.Formatted(model.MustPredict(mat.DenseCopyOf(X.Slice(0, 1, 0, 400)))))
	fmt.Println(" predicting a one: ", mat.Formatted(model.MustPredict(mat.DenseCopyOf(X.Slice(500, 501, 0, 400)))))
}
