package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// lockFile is the file in the data directory that an open store holds a
// lock on.
const lockFile = "legible.lock"

// dataDir returns dir as an absolute path, creating the directory if
// missing, after checking that it holds no data of the FerretDB store
// that legible used before.
func dataDir(dir string) (string, error) {
	if dir == "" {
		return "", fmt.Errorf("no data directory; pass one, as serve's --data does")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolving the data directory %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", fmt.Errorf("creating the data directory: %w; choose a writable directory with --data", err)
	}
	return abs, checkNotFerret(abs)
}

// checkNotFerret fails when abs holds the *.sqlite files of FerretDB,
// which legible used to store its data with, and no store of its own: that
// data cannot be read here.
func checkNotFerret(abs string) error {
	if _, err := os.Stat(filepath.Join(abs, File)); err == nil {
		return nil
	}
	old, err := filepath.Glob(filepath.Join(abs, "*.sqlite"))
	if err != nil || len(old) == 0 {
		return nil
	}
	slices.Sort(old)
	return fmt.Errorf("the data directory %s holds %s, data of the FerretDB store that earlier versions of legible used; "+
		"this version keeps its data in %s and cannot read that: serve with another --data (or move those files away) "+
		"and create the data again", abs, filepath.Base(old[0]), File)
}

// openLockFile opens the lock file of the data directory abs.
func openLockFile(abs string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(abs, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w; choose a writable directory with --data", filepath.Join(abs, lockFile), err)
	}
	return f, nil
}
