//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package nn

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an flock on the directory itself, waiting for it. On a filesystem without flock (some
// network and VM-shared folders) it goes on unlocked: one kernel per notebook is then safe, several at
// once are not.
func lockDir(dir string, kind lockKind) (unlock func(), err error) {
	how := syscall.LOCK_SH
	if kind == exclusiveLock {
		how = syscall.LOCK_EX
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for err = syscall.Flock(int(f.Fd()), how); errors.Is(err, syscall.EINTR); {
		err = syscall.Flock(int(f.Fd()), how)
	}
	if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) {
		err = nil
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	// Closing the file releases the lock; it was opened to read, so Close has nothing to report.
	return func() { _ = f.Close() }, nil
}
