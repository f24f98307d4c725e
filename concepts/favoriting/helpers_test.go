package favoriting

import (
	"context"
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Favoriting, *concepts.Concept) { return storagetest.Setup(t, New) }

// The helpers of storagetest, under short names.
var (
	call = storagetest.Call
	row  = storagetest.Row
)

// pair is the input of favorite and unfavorite.
func pair(user, item string) map[string]any { return map[string]any{"user": user, "item": item} }

// count returns _count of item.
func count(t *testing.T, c *concepts.Concept, item string) int {
	t.Helper()
	n := row(t, c, "_count", map[string]any{"item": item})["count"]
	if f, ok := n.(float64); ok && f == float64(int(f)) {
		return int(f)
	}
	if i, ok := n.(int); ok {
		return i
	}
	t.Fatalf("_count %s: %#v, want a whole number", item, n)
	return 0
}

// favorites returns _favorites of user.
func favorites(t *testing.T, c *concepts.Concept, user string) []string {
	t.Helper()
	return storagetest.Strings(t, row(t, c, "_favorites", map[string]any{"user": user})["items"])
}

// isFavorite returns _isFavorite for the input.
func isFavorite(t *testing.T, c *concepts.Concept, in map[string]any) any {
	t.Helper()
	return row(t, c, "_isFavorite", in)["favorited"]
}

// stored returns the document of item as stored, checking that its count
// is the number of its fans.
func stored(t *testing.T, f *Favoriting, item string) itemDoc {
	t.Helper()
	d, err := f.item(context.Background(), item)
	if err != nil {
		t.Fatal(err)
	}
	if d.Count != len(d.Fans) {
		t.Fatalf("item %s has count %d and %d fans %v; want them equal", item, d.Count, len(d.Fans), d.Fans)
	}
	return d
}
