// Package pgtest runs storage tests on PostgreSQL as well: on a
// throwaway cluster that it makes for the test binary (initdb in a
// temporary folder, served on a Unix socket there, as an unprivileged
// user when the tests run as root, and removed after the tests), or, when
// DATABASE_URL is set, on that server. Each test gets a fresh database of
// its own, a schema that its URL puts first on the search path, dropped
// when it ends (see URL). A test binary opts in by passing Register to
// storagetest.Main from its TestMain; then storagetest.Each runs each
// test on PostgreSQL too. Where no PostgreSQL can be had (initdb is not
// installed), the tests that need it are skipped, saying which package to
// install.
//
// It is for tests only: nothing outside _test.go files should import it.
package pgtest

import (
	"context"
	"crypto/rand"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/legible/legible/internal/pgcluster"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/postgres"
	"github.com/legible/legible/storage/storagetest"
)

// URLEnv is the environment variable naming a PostgreSQL server that the
// tests run against instead of a cluster of their own. Its user must be
// allowed to create schemas in its database.
const URLEnv = "DATABASE_URL"

// Conns is the pools' size of a test's database: several connections, so
// that concurrent writes really race on the server.
const Conns = 8

// Register has storagetest.Each run on PostgreSQL too, and returns Stop;
// pass it to storagetest.Main. Where no PostgreSQL can be had, each
// test's "postgres" subtest is skipped, saying what to install.
func Register() (stop func()) {
	storagetest.Register("postgres", func(t testing.TB) *storage.DB { return Postgres(t) })
	return Stop
}

// server is the PostgreSQL that a test binary's tests share: the cluster
// they started, or URLEnv's.
var server struct {
	once    sync.Once
	cluster *pgcluster.Cluster
	url     string
	admin   *pgxpool.Pool // on url's database, to create and drop the tests' schemas
	err     error
}

// start starts the tests' cluster, or connects to URLEnv's server.
func start() {
	ctx := context.Background()
	server.url = os.Getenv(URLEnv)
	if server.url == "" {
		if server.cluster, server.err = pgcluster.Start(ctx); server.err != nil {
			return
		}
		server.url = server.cluster.URL
	}
	server.admin, server.err = pgxpool.New(ctx, server.url)
}

// serverURL returns the connection string of the tests' PostgreSQL: URLEnv
// when set, else the cluster of the tests, started at the first call.
// Without PostgreSQL it skips the test, saying what to install.
func serverURL(t testing.TB) string {
	t.Helper()
	server.once.Do(start)
	if server.err != nil {
		if _, err := pgcluster.BinDir(); err != nil && os.Getenv(URLEnv) == "" {
			t.Skipf("no PostgreSQL for the tests: %v", err)
		}
		t.Fatalf("starting the PostgreSQL of the tests: %v", server.err)
	}
	return server.url
}

// Stop stops the cluster that the tests started, if any, and removes its
// files. Register returns it; a TestMain of its own that uses PostgreSQL
// without storagetest.Main calls it once, after the tests.
func Stop() {
	if server.admin != nil {
		server.admin.Close()
	}
	if server.cluster != nil {
		server.cluster.Stop()
	}
}

// Postgres opens a fresh database of the test's own on the tests'
// PostgreSQL (URL); it is closed and dropped when the test ends.
func Postgres(t testing.TB) *storage.DB {
	t.Helper()
	return storage.New(Backend(t, URL(t)))
}

// URL returns the URL of a fresh, empty database of the test's own: a
// schema of its own in the tests' PostgreSQL database, which the URL's
// search_path puts first, so that legible makes its tables there. (A
// schema takes milliseconds to make, where CREATE DATABASE took
// 150-400 ms on legible's build machines, for each of hundreds of tests.)
// The schema is dropped when the test ends, after what the test opened
// on it is closed, as cleanups run last first. Servers given the URL
// share the database, as replicas do.
func URL(t testing.TB) string {
	t.Helper()
	base := serverURL(t)
	name := SchemaName(t)
	ctx := context.Background()
	if _, err := server.admin.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("creating the schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := server.admin.Exec(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Errorf("dropping the schema %s: %v", name, err)
		}
	})
	u, err := pgcluster.SearchPath(base, name)
	if err != nil {
		t.Fatalf("%s: %v", URLEnv, err)
	}
	return u
}

// Backend opens the database of the URL as a backend with pools of Conns
// connections, closed when the test ends.
func Backend(t testing.TB, url string) *postgres.Backend {
	t.Helper()
	b, err := postgres.OpenBackend(context.Background(), url, postgres.Options{Conns: Conns, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return b
}

// maxName is the longest name PostgreSQL keeps whole.
const maxName = 63

// SchemaName is a schema name for the test: its name, lower-cased, with
// a random suffix, so that tests and packages never share one.
func SchemaName(t testing.TB) string {
	name := strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, strings.ToLower(t.Name()))
	suffix := "_" + strings.ToLower(rand.Text()[:8])
	return "t_" + name[:min(len(name), maxName-len(suffix)-2)] + suffix
}
