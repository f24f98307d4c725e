// Package storagetest helps the tests of code that keeps state in the
// database: each test gets a database of its own, on the embedded server
// or, when MONGODB_URI is set, on that MongoDB; and concept tests get the
// calls and checks they all make.
//
// It is for tests only: nothing outside _test.go files should import it.
package storagetest

import (
	"context"
	"crypto/rand"
	"os"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
)

// URIEnv is the environment variable naming the MongoDB that tests run
// against instead of the embedded server.
const URIEnv = "MONGODB_URI"

// maxDBName is the longest database name MongoDB takes.
const maxDBName = 63

// External returns the MongoDB connection string that tests run against,
// from URIEnv, or "" when they run against the embedded server.
func External() string { return os.Getenv(URIEnv) }

// EmbeddedOnly skips a test about the embedded server when the tests run
// against an external MongoDB.
func EmbeddedOnly(t testing.TB) {
	t.Helper()
	if External() != "" {
		t.Skip("tests the embedded server; " + URIEnv + " is set")
	}
}

// Open opens the test's store: the embedded server on the data directory
// dir, or a database of the test's own on the External MongoDB. It closes
// the store when the test ends, dropping the database first on an
// external MongoDB.
func Open(t testing.TB, dir string) *storage.Store {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, storage.Options{DataDir: dir, URI: External(), DB: dbName(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if External() != "" {
			if err := st.Database().Drop(ctx); err != nil {
				t.Error(err)
			}
		}
		if err := st.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return st
}

// Database returns a fresh, empty database for the test: the embedded
// server on a temporary directory, or a database of the test's own on the
// External MongoDB, dropped when the test ends.
func Database(t testing.TB) *mongo.Database {
	t.Helper()
	return Open(t, t.TempDir()).Database()
}

// dbName names the test's database: the default when embedded (each test
// has a data directory of its own), else the test's name with a random
// suffix, so that packages tested at once never share a database.
func dbName(t testing.TB) string {
	if External() == "" {
		return ""
	}
	name := strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, t.Name())
	suffix := "_" + strings.ToLower(rand.Text()[:8])
	return name[:min(len(name), maxDBName-len(suffix))] + suffix
}
