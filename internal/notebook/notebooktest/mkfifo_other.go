//go:build !linux && !darwin

package notebooktest

import "errors"

// mkfifo says that named pipes are not made on this system.
func mkfifo(string) error { return errors.New("no named pipes on this system") }
