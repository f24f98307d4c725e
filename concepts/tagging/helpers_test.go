package tagging

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Tagging, *concepts.Concept) { return storagetest.Setup(t, New) }

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
