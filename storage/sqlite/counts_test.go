package sqlite

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// tagged is the document of the kept counts' tests: an item's tag.
type tagged struct {
	Item string `json:"item"`
	Tag  string `json:"tag"`
}

// TestCountsReadTheKeptCounts checks that Count and CountBy on a counted
// field read the counts the triggers keep, not the documents: counts
// changed behind the triggers' back show, and only in those reads.
func TestCountsReadTheKeptCounts(t *testing.T) {
	b, db := openTest(t, t.TempDir())
	c := storage.NewCollection[tagged](db, "Test.tags", storage.CountedOn("tag", "item"))
	setup(t, db)
	ctx := context.Background()
	for i := range 6 {
		if err := c.Insert(ctx, fmt.Sprint("t", i), tagged{Item: fmt.Sprint("i", i), Tag: fmt.Sprint("tag", i%2)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.writer.c.ExecContext(ctx, "UPDATE "+countsByTable+" SET n = n * 100"); err != nil {
		t.Fatal(err)
	}
	byTag, err := storage.CountBy[string](ctx, c, "tag", storage.Query{})
	if want := map[string]int64{"tag0": 300, "tag1": 300}; err != nil || !maps.Equal(byTag, want) {
		t.Fatalf("CountBy tag = %v, %v; want the kept counts, %v", byTag, err, want)
	}
	if n, err := c.Count(ctx, storage.Where(storage.Eq("tag", "tag1"))); err != nil || n != 300 {
		t.Fatalf("Count of tag1 = %d, %v; want the kept count, 300", n, err)
	}
	if n, err := c.Count(ctx, storage.Where(storage.Eq("tag", "tag1"), storage.Eq("item", "i1"))); err != nil || n != 1 {
		t.Fatalf("Count of tag1 and i1 = %d, %v; want 1, counted from the documents", n, err)
	}
}

// TestKeptCountsUseTheirKey checks that reading kept counts seeks their
// primary key, whatever else the table holds.
func TestKeptCountsUseTheirKey(t *testing.T) {
	b, db := openTest(t, t.TempDir())
	storage.NewCollection[tagged](db, "Test.tags", storage.CountedOn("tag"))
	setup(t, db)
	for _, q := range []backend.Query{{}, {Where: []backend.Cond{{Field: "tag", Values: []any{"a", "b"}, Set: true}}}} {
		for _, total := range []bool{false, true} {
			query, args := keptSQL("Test.tags", "tag", &q, total)
			if plan := explain(t, b, query, args); !strings.Contains(plan, "PRIMARY KEY") {
				t.Errorf("%s\ndoes not use the primary key:\n%s", query, plan)
			}
		}
	}
}

// BenchmarkCountBy counts 5,000 documents by a field of 50 values, all of
// them ("all") and a page of 20 values ("page"), from the counts a
// CountedOn index keeps ("kept") and by grouping an index ("grouped").
func BenchmarkCountBy(b *testing.B) {
	db, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	colls := map[string]*storage.Collection[tagged]{
		"kept":    storage.NewCollection[tagged](db, "Bench.kept", storage.CountedOn("tag")),
		"grouped": storage.NewCollection[tagged](db, "Bench.grouped", storage.On("tag")),
	}
	ctx, tx := db.Begin(context.Background())
	if err := db.Setup(ctx); err != nil {
		b.Fatal(err)
	}
	page := make([]string, 20)
	for i := range page {
		page[i] = fmt.Sprint("tag", i*2)
	}
	for _, c := range colls {
		for i := range 5000 {
			if err := c.Insert(ctx, fmt.Sprint("d", i), tagged{Item: fmt.Sprint("i", i), Tag: fmt.Sprint("tag", i%50)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"grouped", "kept"} {
		for _, q := range []struct {
			name string
			q    storage.Query
		}{{"all", storage.Query{}}, {"page", storage.Where(storage.In("tag", page))}} {
			b.Run(name+"/"+q.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := storage.CountBy[string](context.Background(), colls[name], "tag", q.q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
