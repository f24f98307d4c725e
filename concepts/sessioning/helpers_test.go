package sessioning

import (
	"context"
	"os"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// external is the MongoDB the tests run against instead of the embedded
// server, when set.
var external = os.Getenv("MONGODB_URI")

// openDB opens a fresh database for the test: the embedded server in a
// temporary directory, or a database of the test's own on the external
// MongoDB, dropped when the test ends.
func openDB(t *testing.T) *mongo.Database {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, storage.Options{DataDir: t.TempDir(), URI: external, DB: testDB(t)})
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
	return st.Database()
}

// testDB names the test's database: the default when embedded, one of its
// own on an external MongoDB.
func testDB(t *testing.T) string {
	if external == "" {
		return ""
	}
	name := "sessioning_" + strings.NewReplacer("/", "_", " ", "_", ".", "_").Replace(t.Name())
	return name[:min(len(name), 63)]
}

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Sessioning, *concepts.Concept) {
	t.Helper()
	s := New(openDB(t))
	if err := s.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, s.Concept()
}

// call runs an action or query through its handler, failing the test on a
// failure; it returns the result, a concept error included.
func call(t *testing.T, c *concepts.Concept, name string, in map[string]any) concepts.Result {
	t.Helper()
	h, ok := c.Handler(name)
	if !ok {
		t.Fatalf("no action or query %s", name)
	}
	res, err := h.Call(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// count returns how many documents coll holds.
func count(t *testing.T, db *mongo.Database, coll string) int64 {
	t.Helper()
	n, err := db.Collection(coll).CountDocuments(context.Background(), map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
