// Package storagetest runs tests on every storage backend: the embedded
// SQLite store, and MongoDB, which is an embedded FerretDB server (the
// stand-in, as no MongoDB installs on these machines) or, when
// MONGODB_URI is set, that MongoDB. It also holds the backend
// conformance suite (Suite) and the calls and checks concept tests share.
//
// It is for tests only: nothing outside _test.go files should import it.
package storagetest

import (
	"context"
	"crypto/rand"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/legible/legible/internal/ferret"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/mongodb"
	"github.com/legible/legible/storage/sqlite"
)

// URIEnv is the environment variable naming a MongoDB that the MongoDB
// tests run against instead of the embedded FerretDB.
const URIEnv = "MONGODB_URI"

// PoolSize is the MongoDB client's pool in tests: several connections,
// so that concurrent writes really race on the server.
const PoolSize = 8

// Each runs f as a subtest for each backend, on a fresh, set-up-to-be
// database: "sqlite", then "mongodb".
func Each(t *testing.T, f func(t *testing.T, db *storage.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	t.Run("mongodb", func(t *testing.T) { f(t, MongoDB(t, PoolSize)) })
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

// MongoDB opens a fresh database of the test's own on the MongoDB of the
// tests (URI), with a pool of pool connections; it is dropped and closed
// when the test ends.
func MongoDB(t testing.TB, pool uint64) *storage.DB {
	t.Helper()
	return MongoDBNamed(t, DBName(t), pool)
}

// MongoDBNamed opens the database name on the MongoDB of the tests, with
// a pool of pool connections, dropping it when the test ends: two calls
// with one name share the database, as two replicas of a server do.
func MongoDBNamed(t testing.TB, name string, pool uint64) *storage.DB {
	t.Helper()
	ctx := context.Background()
	b, err := mongodb.OpenBackend(ctx, URI(t), mongodb.Options{DB: name, PoolSize: pool, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Drop(ctx); err != nil {
			t.Error(err)
		}
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return storage.New(b)
}

// server is the FerretDB that a test binary's MongoDB tests share.
var server struct {
	once sync.Once
	dir  string
	srv  *ferret.Server
	err  error
}

// URI returns the connection string of the MongoDB of the tests: URIEnv
// when set, else the embedded FerretDB, started at the first call.
func URI(t testing.TB) string {
	t.Helper()
	if uri := os.Getenv(URIEnv); uri != "" {
		return uri
	}
	server.once.Do(func() {
		if server.dir, server.err = os.MkdirTemp("", "legible-ferret-"); server.err == nil {
			server.srv, server.err = ferret.Start(server.dir, nil)
		}
	})
	if server.err != nil {
		t.Fatalf("starting the FerretDB of the tests: %v", server.err)
	}
	return server.srv.URI
}

// Main runs a package's tests (call it from TestMain), then Stop.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the FerretDB that the tests started, if any, and removes its
// files. Call it once, after the tests.
func Stop() {
	if server.srv != nil {
		server.srv.Stop()
	}
	if server.dir != "" {
		_ = os.RemoveAll(server.dir)
	}
}

// maxDBName is the longest database name MongoDB takes.
const maxDBName = 63

// DBName is a database name for the test: its name with a random suffix,
// so that tests and packages never share one.
func DBName(t testing.TB) string {
	name := strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, t.Name())
	suffix := "_" + strings.ToLower(rand.Text()[:8])
	return name[:min(len(name), maxDBName-len(suffix))] + suffix
}

// Setup sets db up for what is declared on it, failing the test on an
// error.
func Setup(t testing.TB, db *storage.DB) {
	t.Helper()
	if err := db.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
}
