//go:build windows

package nn

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// lockDir locks the file lockFile inside the directory with LockFileEx (Windows cannot lock a
// directory), waiting for it. The lock goes with the handle, so a killed process loses it.
func lockDir(dir string, kind lockKind) (unlock func(), err error) {
	if fi, err := os.Stat(dir); err != nil {
		return nil, err // fs.ErrNotExist for a model never trained, as on Unix
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("locking %s: not a directory", dir)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	var flags uint32
	if kind == exclusiveLock {
		flags = windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	if err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, new(windows.Overlapped)); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	// Closing the file releases the lock; nothing was written to it, so Close has nothing to report.
	return func() { _ = f.Close() }, nil
}
