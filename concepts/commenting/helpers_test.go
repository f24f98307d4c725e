package commenting

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t testing.TB) (*Commenting, *concepts.Concept) { return storagetest.Setup(t, New) }

// call is storagetest.Call under a short name.
var call = storagetest.Call

// add is the input of add.
func add(item, author, body string) map[string]any {
	return map[string]any{"item": item, "author": author, "body": body}
}

// comment is the input of remove and _get.
func comment(id string) map[string]any { return map[string]any{"comment": id} }

// added adds a comment and returns its id, failing the test when add
// does not succeed.
func added(t *testing.T, c *concepts.Concept, item, author, body string) string {
	t.Helper()
	got := call(t, c, "add", add(item, author, body))
	id, ok := got.Out["comment"].(string)
	if got.IsError() || !ok || id == "" {
		t.Fatalf("add %s %s %q: %+v, want a comment", item, author, body, got)
	}
	return id
}

// byItem returns the comment ids that _byItem lists for item, in order,
// checking that every row has the fields of the spec.
func byItem(t *testing.T, c *concepts.Concept, item string) []string {
	t.Helper()
	ids := []string{}
	for _, row := range call(t, c, "_byItem", map[string]any{"item": item}).Rows {
		for _, f := range []string{"comment", "author", "body", "createdAt", "updatedAt"} {
			if _, ok := row[f].(string); !ok {
				t.Fatalf("_byItem %s: row %v has no string %s", item, row, f)
			}
		}
		ids = append(ids, row["comment"].(string))
	}
	return ids
}
