package commenting

import (
	"cmp"
	"context"
	"strconv"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// each runs f on a fresh concept on each backend.
func each(t *testing.T, f func(t *testing.T, m *Commenting, c *concepts.Concept)) {
	storagetest.EachConcept(t, New, f)
}

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

// counts returns how many comments and counters m stores, failing the
// test on an error.
func counts(t *testing.T, m *Commenting) (comments, counters int64) {
	t.Helper()
	ctx := context.Background()
	comments, err := m.comments.Count(ctx, storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if counters, err = m.counters.Count(ctx, storage.Query{}); err != nil {
		t.Fatal(err)
	}
	return comments, counters
}

// counter returns the last comment number handed out, as the counter
// document stores it, failing the test when there is none.
func counter(t *testing.T, m *Commenting) int64 {
	t.Helper()
	d, found, err := m.counters.Get(context.Background(), commentCounter)
	if !found || err != nil {
		t.Fatalf("the counter %s: found %v, %v; want it stored", commentCounter, found, err)
	}
	return d.Next
}

// descending returns the comment ids n, n-1, …, 1: how _byItem lists the
// first n comments when they are all on one item.
func descending(n int) []string {
	ids := make([]string, 0, n)
	for k := n; k >= 1; k-- {
		ids = append(ids, strconv.Itoa(k))
	}
	return ids
}

// newerFirst orders comment ids, decimal numbers, from the highest down.
func newerFirst(a, b string) int {
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	return cmp.Compare(y, x)
}
