package storagetest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/engine/load"
)

// Impl is a concept implementation that keeps its state in the database.
type Impl interface {
	// Setup prepares the state, such as indexes; it is idempotent.
	Setup(context.Context) error
	// Concept registers the actions and queries under their spec names.
	Concept() *concepts.Concept
}

// Setup builds a concept with build on a fresh Database, sets its state
// up, and returns it with its registration.
func Setup[I Impl](t testing.TB, build func(*mongo.Database) I) (I, *concepts.Concept) {
	t.Helper()
	impl := build(Database(t))
	if err := impl.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
	return impl, impl.Concept()
}

// Call runs the action or query name of c through its handler, failing
// the test on a failure; it returns the result, a concept error included.
func Call(t testing.TB, c *concepts.Concept, name string, in map[string]any) concepts.Result {
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

// Race runs the action name of c n times at once, the i-th with the input
// in(i), and returns how many succeeded. Each of the others must end in a
// concept error containing lose; a failure fails the test.
func Race(t testing.TB, c *concepts.Concept, name string, n int, in func(i int) map[string]any, lose string) (won int) {
	t.Helper()
	h, ok := c.Handler(name)
	if !ok {
		t.Fatalf("no action %s", name)
	}
	results := make([]concepts.Result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := h.Call(context.Background(), in(i))
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			results[i] = res
		})
	}
	wg.Wait()
	for _, r := range results {
		switch {
		case !r.IsError():
			won++
		case !strings.Contains(r.Err, lose):
			t.Errorf("a losing %s: %q, want %q", name, r.Err, lose)
		}
	}
	return won
}

// Count returns how many documents the collection coll of db holds.
func Count(t testing.TB, db *mongo.Database, coll string) int64 {
	t.Helper()
	n, err := db.Collection(coll).CountDocuments(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// UniqueIndexes returns the names of coll's unique indexes.
func UniqueIndexes(t testing.TB, coll *mongo.Collection) []string {
	t.Helper()
	specs, err := coll.Indexes().ListSpecifications(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range specs {
		if s.Unique != nil && *s.Unique {
			names = append(names, s.Name)
		}
	}
	return names
}

// Conforms checks that impl registers what the concept spec file at
// specPath declares (concepts.Conformance), reporting each difference as
// a test error. The file must hold the concept impl is named after.
func Conforms(t testing.TB, impl *concepts.Concept, specPath string) {
	t.Helper()
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	name := "concepts/" + filepath.Base(specPath)
	sp, diags := load.Load([]load.File{{Name: name, Data: data}})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	spec := sp.Concepts[len(sp.Concepts)-1] // the built-in concepts come first
	if spec.Name.Name != impl.Name() {
		t.Fatalf("%s holds concept %s, want %s", specPath, spec.Name.Name, impl.Name())
	}
	for _, d := range concepts.Conformance(impl, spec) {
		t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
	}
}

// Resetup checks that impl's Setup is idempotent: run once already (as by
// Setup), it runs again on the state it made, and again after fill has
// stored data. Then coll must have exactly the unique indexes unique.
func Resetup(t testing.TB, impl Impl, fill func(), coll *mongo.Collection, unique ...string) {
	t.Helper()
	if err := impl.Setup(context.Background()); err != nil {
		t.Fatalf("a second Setup: %v", err)
	}
	fill()
	if err := impl.Setup(context.Background()); err != nil {
		t.Fatalf("Setup with data: %v", err)
	}
	if got := UniqueIndexes(t, coll); !slices.Equal(got, unique) {
		t.Fatalf("unique indexes of %s %v after three Setups, want %v", coll.Name(), got, unique)
	}
}

// Counts returns how many documents each collection colls of db holds.
func Counts(t testing.TB, db *mongo.Database, colls ...string) []int64 {
	t.Helper()
	n := make([]int64, len(colls))
	for i, coll := range colls {
		n[i] = Count(t, db, coll)
	}
	return n
}

// Fails runs the action name of c, which must end in a concept error
// containing want; otherwise it reports a test error.
func Fails(t testing.TB, c *concepts.Concept, name string, in map[string]any, want string) {
	t.Helper()
	if got := Call(t, c, name, in); !got.IsError() || !strings.Contains(got.Err, want) {
		t.Errorf("%s %v: %+v, want a concept error containing %q", name, in, got, want)
	}
}

// NoRows runs the query name of c, which must return no rows; otherwise
// it reports a test error.
func NoRows(t testing.TB, c *concepts.Concept, name string, in map[string]any) {
	t.Helper()
	if rows := Call(t, c, name, in).Rows; len(rows) != 0 {
		t.Errorf("%s %v: %v, want no rows", name, in, rows)
	}
}

// Row runs the query name of c, which must return exactly one row, and
// returns it; otherwise it fails the test.
func Row(t testing.TB, c *concepts.Concept, name string, in map[string]any) map[string]any {
	t.Helper()
	rows := Call(t, c, name, in).Rows
	if len(rows) != 1 {
		t.Fatalf("%s %v: %v, want one row", name, in, rows)
	}
	return rows[0]
}
