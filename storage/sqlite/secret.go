package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/legible/legible/storage/backend"
)

// secretFile is the file of the data directory that keeps the secret of
// the name.
func secretFile(dir, name string) string { return filepath.Join(dir, name+".secret") }

// KeepSecret returns the secret kept in the file NAME.secret of the data
// directory, first creating that file, with fresh and mode 0600, when it
// is missing. The file appears whole or not at all: fresh is written to a
// temporary file, created with O_EXCL, which is then linked to the name;
// the link fails when the name exists, so of two processes that race the
// second reads the first one's secret.
func (b *Backend) KeepSecret(_ context.Context, name string, fresh []byte) (backend.Secret, error) {
	path := secretFile(b.dir, name)
	created, err := createSecret(path, fresh)
	if err != nil {
		return backend.Secret{}, err
	}
	value, err := readSecret(path, len(fresh))
	if err != nil {
		return backend.Secret{}, err
	}
	return backend.Secret{Value: value, Where: path, Created: created}, nil
}

// createSecret creates the file path holding secret, mode 0600, unless it
// exists, and reports whether it did.
func createSecret(path string, secret []byte) (bool, error) {
	if _, err := os.Lstat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return false, nil // it exists, or readSecret says what is wrong with it
	}
	tmp, err := writeTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*", secret)
	if err != nil {
		return false, fmt.Errorf("creating the secret file %s: %w; check that the data directory is writable", path, err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return false, nil // another process made it first
		}
		return false, fmt.Errorf("creating the secret file %s: %w; the data directory must be on a file system "+
			"with hard links (a local disk)", path, err)
	}
	syncDir(filepath.Dir(path))
	return true, nil
}

// writeTemp writes data to a new file of dir named after pattern (as
// os.CreateTemp names it: mode 0600, created with O_EXCL), syncs it, and
// returns its path.
func writeTemp(dir, pattern string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// syncDir makes a new name in dir durable, where the system can: a crash
// right after then keeps the file. Failing to is harmless but for that.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// readSecret reads the secret file path, which must be a regular file
// that only its owner may read, of size bytes.
func readSecret(path string, size int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the secret file %s: %w; check its permissions, or remove it to have a new "+
			"secret made (what the old one signed stops verifying)", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading the secret file %s: %w", path, err)
	}
	if err := checkPrivate(path, st); err != nil {
		return nil, err
	}
	value, err := io.ReadAll(io.LimitReader(f, int64(size)+1))
	if err != nil {
		return nil, fmt.Errorf("reading the secret file %s: %w", path, err)
	}
	if len(value) != size {
		return nil, fmt.Errorf("the secret file %s holds %d bytes, not the %d of a secret legible made: "+
			"restore it from a backup, or remove it to have a new secret made (what the old one "+
			"signed stops verifying)", path, len(value), size)
	}
	return value, nil
}

// checkPrivate checks that the file path, described by st, is a regular
// file that its owner alone may read or write. Windows has no such
// permission bits, so it is not checked there.
func checkPrivate(path string, st fs.FileInfo) error {
	if !st.Mode().IsRegular() {
		return fmt.Errorf("the secret file %s is not a regular file (%v); remove it to have a new secret made", path, st.Mode().Type())
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("the secret file %s has mode %#o, so others may read the secret: "+
			"make it private with `chmod 600 %s`, or, if others did read it, remove it to have a new secret made "+
			"(what the old one signed stops verifying)", path, st.Mode().Perm(), path)
	}
	return nil
}
