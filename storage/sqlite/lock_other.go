//go:build !unix

package sqlite

import "os"

// lockDir opens the lock file of the data directory abs. Without flock it
// takes no lock: on this system nothing stops a second process from
// opening the store too.
func lockDir(abs string) (*os.File, error) { return openLockFile(abs) }
