package tagging

import (
	"context"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// each runs f on a fresh concept on each backend.
func each(t *testing.T, f func(t *testing.T, g *Tagging, c *concepts.Concept)) {
	storagetest.EachConcept(t, New, f)
}

// call is storagetest.Call under a short name.
var call = storagetest.Call

// tag is the input of tag.
func tag(item string, tags ...any) map[string]any { return map[string]any{"item": item, "tags": tags} }

// list returns the list column of the one row of the query name, failing
// the test otherwise.
func list(t *testing.T, c *concepts.Concept, name string, in map[string]any, column string) []string {
	t.Helper()
	return storagetest.Strings(t, storagetest.Row(t, c, name, in)[column])
}

// tagsOf returns _tags of item.
func tagsOf(t *testing.T, c *concepts.Concept, item string) []string {
	t.Helper()
	return list(t, c, "_tags", map[string]any{"item": item}, "tags")
}

// itemsOf returns _items of tag.
func itemsOf(t *testing.T, c *concepts.Concept, tag string) []string {
	t.Helper()
	return list(t, c, "_items", map[string]any{"tag": tag}, "items")
}

// all returns _all.
func all(t *testing.T, c *concepts.Concept) []string {
	t.Helper()
	return list(t, c, "_all", map[string]any{}, "tags")
}

// count returns how many tag documents, one per tag of an item, g stores
// that meet the conds, failing the test on an error.
func count(t *testing.T, g *Tagging, conds ...storage.Cond) int64 {
	t.Helper()
	n, err := g.tags.Count(context.Background(), storage.Where(conds...))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
