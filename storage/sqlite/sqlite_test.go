package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// item is the document of the tests' collection.
type item struct {
	Name  string `json:"name"`
	Group string `json:"group"`
	N     int    `json:"n"`
}

// items declares the tests' collection on db, and sets db up.
func items(t *testing.T, db *storage.DB) *storage.Collection[item] {
	t.Helper()
	c := storage.NewCollection[item](db, "Test.items", storage.UniqueOn("name"), storage.On("group", "n"), storage.On("n"))
	setup(t, db)
	return c
}

// setup sets db up.
func setup(t *testing.T, db *storage.DB) {
	t.Helper()
	if err := db.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// openTest opens the store in dir, closed when the test ends.
func openTest(t *testing.T, dir string) (*Backend, *storage.DB) {
	t.Helper()
	b, err := OpenBackend(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b, storage.New(b)
}

func TestReopenKeepsData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	b, db := openTest(t, dir)
	c := items(t, db)
	ctx := context.Background()
	if err := c.Insert(ctx, "a", item{Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatalf("closing again: %v", err)
	}
	_, again := openTest(t, dir)
	if v, ok, err := items(t, again).Get(ctx, "a"); err != nil || !ok || v.Name != "ann" {
		t.Fatalf("after reopening: %+v, %v, %v; want ann", v, ok, err)
	}
}

func TestDataDirectories(t *testing.T) {
	busy := t.TempDir()
	openTest(t, busy)
	ferret := t.TempDir()
	if err := os.WriteFile(filepath.Join(ferret, "legible.sqlite"), []byte("FerretDB's"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		what, dir, want string
	}{
		{"in use by this process already", busy, "in use by another process"},
		{"holding FerretDB's data", ferret, "FerretDB"},
		{"a file", file, "choose a writable directory"},
		{"empty", "", "no data directory"},
	}
	for _, c := range cases {
		b, err := OpenBackend(c.dir, Options{})
		if err == nil {
			b.Close()
			t.Errorf("%s: opened", c.what)
		} else if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to say %q", c.what, err, c.want)
		}
	}
}

// indexNames returns the names of the SQL indexes Setup made on coll.
func indexNames(t *testing.T, b *Backend, coll string) []string {
	t.Helper()
	have, err := indexes(context.Background(), b.writer, coll)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range have {
		names = append(names, name)
	}
	return names
}

func TestSetupFollowsTheDeclaredIndexes(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	b, db := openTest(t, dir)
	c := storage.NewCollection[item](db, "Test.kept", storage.On("group"), storage.On("n"))
	setup(t, db)
	setup(t, db) // again: nothing changes
	for _, id := range []string{"a", "b"} {
		if err := c.Insert(ctx, id, item{Name: "same", Group: "g"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := indexNames(t, b, "Test.kept"); len(got) != 2 {
		t.Fatalf("indexes %v, want group and n", got)
	}
	b.Close()

	b, db = openTest(t, dir)
	storage.NewCollection[item](db, "Test.kept", storage.On("group"))
	setup(t, db)
	if got := indexNames(t, b, "Test.kept"); len(got) != 1 || got[0] != "Test.kept/group" {
		t.Fatalf("indexes %v after n is no longer declared, want only Test.kept/group", got)
	}
	b.Close()

	_, db = openTest(t, dir)
	storage.NewCollection[item](db, "Test.kept", storage.UniqueOn("name"))
	err := db.Setup(ctx)
	if err == nil || !strings.Contains(err.Error(), "two documents have the same name") {
		t.Fatalf("a unique index over duplicates: %v, want an error saying so", err)
	}
}

func TestQueriesUseIndexes(t *testing.T) {
	b, db := openTest(t, t.TempDir())
	items(t, db)
	queries := []struct {
		what string
		q    backend.Query
	}{
		{"an equality", backend.Query{Where: []backend.Cond{{Field: "name", Values: []any{"x"}}}}},
		{"an equality, sorted", backend.Query{Where: []backend.Cond{{Field: "group", Values: []any{"g"}}}, Sort: []backend.Order{{Field: "n", Desc: true}}, Limit: 20}},
		{"a sort", backend.Query{Sort: []backend.Order{{Field: "n", Desc: true}}, Limit: 20, Offset: 40}},
		{"a set", backend.Query{Where: []backend.Cond{{Field: "n", Values: []any{int64(1), int64(2)}, Set: true}}}},
		{"a set of ids", backend.Query{Where: []backend.Cond{{Field: backend.ID, Values: []any{"a", "b"}, Set: true}}}},
		{"a set of groups", backend.Query{Where: []backend.Cond{{Field: "group", Values: []any{"g1", "g2"}, Set: true}}}},
	}
	countBy := func(coll string, q *backend.Query) (string, []any) { return valuesSQL(coll, "group", q, true) }
	for _, c := range queries {
		for _, build := range []func(string, *backend.Query) (string, []any){findSQL, countSQL, countBy} {
			query, args := build("Test.items", &c.q)
			plan := explain(t, b, query, args)
			if strings.Contains(plan, "SCAN Test.items") && !strings.Contains(plan, "USING") {
				t.Errorf("%s: %s\nscans the table:\n%s", c.what, query, plan)
			}
		}
	}
}

// explain returns SQLite's query plan of query.
func explain(t *testing.T, b *Backend, query string, args []any) string {
	t.Helper()
	rows, err := b.writer.c.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	return plan.String()
}

func TestReadsDoNotWaitForTheWriter(t *testing.T) {
	_, db := openTest(t, t.TempDir())
	c := items(t, db)
	bg := context.Background()
	if err := c.Insert(bg, "a", item{Name: "ann", N: 1}); err != nil {
		t.Fatal(err)
	}
	reading, rtx := db.Begin(bg) // a snapshot, taken at its first read
	if v, _, err := c.Get(reading, "a"); err != nil || v.N != 1 {
		t.Fatal(v, err)
	}
	writing, wtx := db.Begin(bg)
	if err := c.Put(writing, "a", item{Name: "ann", N: 2}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, _, err := c.Get(bg, "a"); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a read waited for a transaction that writes")
	}
	if err := wtx.Commit(writing); err != nil {
		t.Fatal(err)
	}
	if v, _, err := c.Get(reading, "a"); err != nil || v.N != 1 {
		t.Fatalf("the reading transaction sees %+v (%v) after the other committed, want its snapshot, n 1", v, err)
	}
	rtx.Rollback()
	if v, _, _ := c.Get(bg, "a"); v.N != 2 {
		t.Fatalf("after both, a is %+v, want n 2", v)
	}
}

func TestWaitingForTheWriterEndsWithTheContext(t *testing.T) {
	_, db := openTest(t, t.TempDir())
	c := items(t, db)
	writing, wtx := db.Begin(context.Background())
	defer wtx.Rollback()
	if err := c.Insert(writing, "a", item{Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.Insert(ctx, "b", item{Name: "bob"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a write while another transaction writes, until a deadline: %v, want the deadline", err)
	}
}
