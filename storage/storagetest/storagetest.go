// Package storagetest runs tests on storage backends: the embedded
// SQLite store always, and MongoDB and PostgreSQL in the test binaries
// that ask for them (packages storagetest/mongotest and
// storagetest/pgtest, passed to Main), so that a concept's tests link no
// database server they did not ask for. It also holds the backend
// conformance suite (Suite) and the calls and checks concept tests share.
//
// It is for tests only: nothing outside _test.go files should import it.
package storagetest

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/sqlite"
)

// backends are the backends Each runs on besides the embedded store, by
// name, in the order they were added (Register).
var backends struct {
	mu    sync.Mutex
	names []string
	open  map[string]func(t testing.TB) *storage.DB
}

// Main runs a test binary's tests (call it from TestMain) on the backends
// that kits register, such as mongotest.Register and pgtest.Register:
// each kit registers its backend and returns what stops the server it
// may start, which Main calls after the tests, before it exits.
func Main(m *testing.M, kits ...func() (stop func())) {
	stops := make([]func(), 0, len(kits))
	for _, kit := range kits {
		stops = append(stops, kit())
	}
	code := m.Run()
	for i := len(stops) - 1; i >= 0; i-- {
		stops[i]()
	}
	os.Exit(code)
}

// Register adds a backend that Each runs on after the embedded store:
// open returns a fresh database on it for the test. Packages mongotest
// and pgtest register MongoDB and PostgreSQL so. Registering a name again
// replaces it.
func Register(name string, open func(t testing.TB) *storage.DB) {
	backends.mu.Lock()
	defer backends.mu.Unlock()
	if backends.open == nil {
		backends.open = map[string]func(t testing.TB) *storage.DB{}
	}
	if _, ok := backends.open[name]; !ok {
		backends.names = append(backends.names, name)
	}
	backends.open[name] = open
}

// Each runs f as a subtest for each backend, on a fresh database: first
// "sqlite", the embedded store, then each registered one ("mongodb" and
// "postgres" in a test binary whose TestMain passes their kits to Main).
func Each(t *testing.T, f func(t *testing.T, db *storage.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	backends.mu.Lock()
	names, open := append([]string(nil), backends.names...), backends.open
	backends.mu.Unlock()
	for _, name := range names {
		t.Run(name, func(t *testing.T) { f(t, open[name](t)) })
	}
}

// SQLite opens a fresh embedded store in a temporary directory, closed
// when the test ends.
func SQLite(t testing.TB) *storage.DB {
	t.Helper()
	return SQLiteIn(t, t.TempDir())
}

// SQLiteIn opens the embedded store in dir, closed when the test ends.
func SQLiteIn(t testing.TB, dir string) *storage.DB {
	t.Helper()
	db, err := sqlite.Open(dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

// Setup sets db up for what is declared on it, failing the test on an
// error.
func Setup(t testing.TB, db *storage.DB) {
	t.Helper()
	if err := db.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
}
