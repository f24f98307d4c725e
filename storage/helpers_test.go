package storage

import (
	"context"
	"os"
	"strings"
	"testing"
)

// external is the MongoDB the tests run against instead of the embedded
// server, when set.
var external = os.Getenv("MONGODB_URI")

// open opens the test's database: the embedded server on dir, or the
// external MongoDB. It closes it when the test ends, dropping the
// database first on an external MongoDB.
func open(t *testing.T, dir string) *Store {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, Options{DataDir: dir, URI: external, DB: testDB(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if external != "" {
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

// embeddedOnly skips a test about the embedded server when the tests run
// against an external MongoDB.
func embeddedOnly(t *testing.T) {
	if external != "" {
		t.Skip("tests the embedded server; MONGODB_URI is set")
	}
}

// testDB names the test's database: the default when embedded (each test
// has its own data directory), a name of its own on an external MongoDB.
func testDB(t *testing.T) string {
	if external == "" {
		return ""
	}
	r := strings.NewReplacer("/", "_", " ", "_", ".", "_")
	return "storage_test_" + r.Replace(t.Name())
}
