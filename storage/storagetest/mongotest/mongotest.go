// Package mongotest runs storage tests on MongoDB as well: on an embedded
// FerretDB server, the stand-in for MongoDB (no MongoDB server installs
// on legible's build machines), or, when MONGODB_URI is set, on that
// MongoDB. A test binary opts in by calling Main from its TestMain; then
// storagetest.Each runs each test on the embedded store and on MongoDB.
// A test binary that does not import this package links no database
// server.
//
// It is for tests only: nothing outside _test.go files should import it.
package mongotest

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
	"github.com/legible/legible/storage/storagetest"
)

// URIEnv is the environment variable naming a MongoDB that the tests run
// against instead of the embedded FerretDB.
const URIEnv = "MONGODB_URI"

// PoolSize is the MongoDB client's pool in tests: several connections,
// so that concurrent writes really race on the server.
const PoolSize = 8

// Main has storagetest.Each run on MongoDB too, runs the package's tests
// (call it from TestMain), then stops the FerretDB they started, if any.
func Main(m *testing.M) { storagetest.Main(m, Register) }

// Register has storagetest.Each run on MongoDB too, and returns Stop;
// pass it to storagetest.Main.
func Register() (stop func()) {
	storagetest.Register("mongodb", func(t testing.TB) *storage.DB { return MongoDB(t, PoolSize) })
	return Stop
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
	return storage.New(Backend(t, name, pool))
}

// Backend opens the database name on the MongoDB of the tests as a
// backend, as MongoDBNamed does.
func Backend(t testing.TB, name string, pool uint64) *mongodb.Backend {
	t.Helper()
	ctx := context.Background()
	b, err := mongodb.OpenBackend(ctx, URI(t), mongodb.Options{DB: name, PoolSize: pool, Logger: slog.New(slog.DiscardHandler),
		AcceptNoTransactions: true}) // FerretDB has none: the tests accept it
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
	return b
}

// server is the FerretDB that a test binary's MongoDB tests share.
var server struct {
	once sync.Once
	dir  string
	srv  *ferret.Server
	err  error
}

// URI returns the connection string of the MongoDB of the tests: URIEnv
// when set, else the embedded FerretDB, started at the first call and
// stopped when Main returns.
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

// Stop stops the FerretDB that the tests started, if any, and removes its
// files. Main and storagetest.Main call it; a TestMain of its own that uses MongoDB without
// Main calls it once, after the tests.
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
