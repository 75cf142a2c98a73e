// Command peak measures how fast this machine multiplies matrices of the size the lab's training
// uses, with gonum's pure-Go BLAS (blas64.Gemm in float64 and blas32.Gemm in float32), and prints
// the result as JSON.
//
// The product measured is the first layer's for one batch, (32 x 400) times (400 x 25), which
// holds 96% of the network's multiply-adds; the other two layers' products are measured too. Each
// figure is the best of several timed repetitions, each repeating the product for about 0.2 s.
//
// Usage:
//
//	go run ./bench/cmd/peak [-reps 5] [-min 200ms]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"runtime"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// shape is one matrix product C (m x n) = A (m x k) * B (k x n).
type shape struct{ M, K, N int }

func (s shape) flops() float64 { return 2 * float64(s.M) * float64(s.K) * float64(s.N) }

// result is one measured product.
type result struct {
	Shape   string  `json:"shape"`
	DType   string  `json:"dtype"`
	Seconds float64 `json:"seconds_per_product"`
	GFlops  float64 `json:"gflops"`
}

func main() {
	reps := flag.Int("reps", 5, "timed repetitions; the best is kept")
	minDur := flag.Duration("min", 200*time.Millisecond, "minimum duration of one repetition")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("peak: ")
	if *reps < 1 {
		log.Fatal("-reps must be at least 1")
	}

	shapes := []shape{{32, 400, 25}, {32, 25, 15}, {32, 15, 1}}
	var results []result
	for _, s := range shapes {
		results = append(results, measure(s, "float64", gemm64(s), *reps, *minDur))
		results = append(results, measure(s, "float32", gemm32(s), *reps, *minDur))
	}
	best := results[0]
	for _, r := range results[:2] { // the dominant (first) shape, either dtype
		if r.GFlops > best.GFlops {
			best = r
		}
	}
	out := map[string]any{
		"tool":         "gonum blas (pure Go) " + runtime.Version(),
		"gomaxprocs":   runtime.GOMAXPROCS(0),
		"results":      results,
		"peak_gflops":  best.GFlops,
		"peak_measure": fmt.Sprintf("%s %s, best of %d x >= %v", best.Shape, best.DType, *reps, *minDur),
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		log.Fatal(err)
	}
}

// measure times f, a closure doing one product of shape s, and returns the best repetition.
func measure(s shape, dtype string, f func(), reps int, minDur time.Duration) result {
	// Calibrate the number of products per repetition to last at least minDur.
	n := 1
	for {
		start := time.Now()
		for range n {
			f()
		}
		if time.Since(start) >= minDur/4 {
			break
		}
		n *= 2
	}
	n *= 4
	best := time.Duration(1<<63 - 1)
	for range reps {
		start := time.Now()
		for range n {
			f()
		}
		if d := time.Since(start); d < best {
			best = d
		}
	}
	sec := best.Seconds() / float64(n)
	return result{
		Shape:   fmt.Sprintf("(%d x %d) @ (%d x %d)", s.M, s.K, s.K, s.N),
		DType:   dtype,
		Seconds: sec,
		GFlops:  s.flops() / sec / 1e9,
	}
}

func gemm64(s shape) func() {
	r := rand.New(rand.NewPCG(1, 2))
	a := blas64.General{Rows: s.M, Cols: s.K, Stride: s.K, Data: make([]float64, s.M*s.K)}
	b := blas64.General{Rows: s.K, Cols: s.N, Stride: s.N, Data: make([]float64, s.K*s.N)}
	c := blas64.General{Rows: s.M, Cols: s.N, Stride: s.N, Data: make([]float64, s.M*s.N)}
	for i := range a.Data {
		a.Data[i] = r.Float64()
	}
	for i := range b.Data {
		b.Data[i] = r.Float64()
	}
	return func() { blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, a, b, 0, c) }
}

func gemm32(s shape) func() {
	r := rand.New(rand.NewPCG(1, 2))
	a := blas32.General{Rows: s.M, Cols: s.K, Stride: s.K, Data: make([]float32, s.M*s.K)}
	b := blas32.General{Rows: s.K, Cols: s.N, Stride: s.N, Data: make([]float32, s.K*s.N)}
	c := blas32.General{Rows: s.M, Cols: s.N, Stride: s.N, Data: make([]float32, s.M*s.N)}
	for i := range a.Data {
		a.Data[i] = r.Float32()
	}
	for i := range b.Data {
		b.Data[i] = r.Float32()
	}
	return func() { blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a, b, 0, c) }
}
