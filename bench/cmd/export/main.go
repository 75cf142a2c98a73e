// Command export writes the labs' digit sets so that the Keras side of the benchmark trains on
// exactly the numbers our Go side trains on: the binary set, as autils.ReadData returns it, to
// OUT/X.npy (float64, 1000x400) and OUT/y.npy (float64, 1000x1), and the multiclass set, as
// autils.ReadDataMulticlass returns it, to OUT/multiclass/X.npy (5000x400) and
// OUT/multiclass/y.npy (5000x1), and the week-3 lab's stand-in blobs (package blobs) to OUT/w3/X.npy
// (400x2) and OUT/w3/y.npy (400x1).
//
// Usage (from the repository root):
//
//	go run ./bench/cmd/export -out build/bench
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/sbinet/npyio"
	"gonum.org/v1/gonum/mat"

	"github.com/mlspec-go/nnlab/autils"
	"github.com/mlspec-go/nnlab/bench/internal/blobs"
)

func main() {
	out := flag.String("out", "build/bench", "directory to write X.npy and y.npy in")
	dataDir := flag.String("data", "", "directory whose data/X.npy and data/y.npy autils reads (\"\": the current one; built-in digits if absent)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("export: ")

	for _, set := range []struct {
		dir  string
		read func(string) (X, y *mat.Dense, err error)
	}{
		{*out, autils.ReadData},
		{filepath.Join(*out, "multiclass"), autils.ReadDataMulticlass},
		{filepath.Join(*out, "w3"), func(string) (X, y *mat.Dense, err error) { X, y = blobs.Train(); return X, y, nil }},
	} {
		X, y, err := set.read(*dataDir)
		if err != nil {
			log.Fatalf("loading the digits: %v", err)
		}
		if err := writeSet(set.dir, X, y); err != nil {
			log.Fatal(err)
		}
		r, c := X.Dims()
		fmt.Printf("wrote %s: X (%d, %d), y (%d, 1)\n", set.dir, r, c, r)
	}
}

// writeSet writes X and y to dir/X.npy and dir/y.npy, creating dir.
func writeSet(dir string, X, y *mat.Dense) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		m    *mat.Dense
	}{{"X.npy", X}, {"y.npy", y}} {
		if err := writeNpy(filepath.Join(dir, f.name), f.m); err != nil {
			return err
		}
	}
	return nil
}

// writeNpy writes m to path as a float64 C-order .npy file.
func writeNpy(path string, m *mat.Dense) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	if err := npyio.Write(f, m); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", path, err)
	}
	return nil
}
