//go:build unix

package sqlite

import (
	"fmt"
	"os"
	"syscall"
)

// lockDir takes the lock of the data directory abs, so that no other
// process opens the store there while this one has it.
func lockDir(abs string) (*os.File, error) {
	f, err := openLockFile(abs)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("the data directory %s is in use by another process (it holds %s); stop that one, "+
			"or serve with another --data", abs, lockFile)
	}
	return f, nil
}
