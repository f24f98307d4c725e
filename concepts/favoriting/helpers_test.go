package favoriting

import (
	"context"
	"slices"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// each runs f on a fresh concept on each backend.
func each(t *testing.T, f func(t *testing.T, fv *Favoriting, c *concepts.Concept)) {
	storagetest.EachConcept(t, New, f)
}

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

// stored returns the number of favorite documents the concept keeps.
func stored(t *testing.T, f *Favoriting) int64 {
	t.Helper()
	n, err := f.favorites.Count(context.Background(), storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// fans returns the users whose favorite of item is stored, sorted.
func fans(t *testing.T, f *Favoriting, item string) []string {
	t.Helper()
	docs, err := f.favorites.Find(context.Background(), storage.Where(storage.Eq("item", item)))
	if err != nil {
		t.Fatal(err)
	}
	users := make([]string, len(docs))
	for i, d := range docs {
		if d.Value.Item != item || d.ID != storage.Key(item, d.Value.User) {
			t.Fatalf("favorite %s is %+v; want item %s, under the key of its item and user", d.ID, d.Value, item)
		}
		users[i] = d.Value.User
	}
	slices.Sort(users)
	return users
}

// agree checks that the stored favorites of item, _count, and, for each
// of users, _isFavorite and _favorites agree; it returns the fans of
// item.
func agree(t *testing.T, f *Favoriting, c *concepts.Concept, item string, users ...string) []string {
	t.Helper()
	fs := fans(t, f, item)
	if got := count(t, c, item); got != len(fs) {
		t.Errorf("_count %s: %d, want %d, the fans stored: %v", item, got, len(fs), fs)
	}
	for _, u := range users {
		fan := slices.Contains(fs, u)
		if got := isFavorite(t, c, pair(u, item)); got != fan {
			t.Errorf("_isFavorite %s %s: %v, want %v (fans %v)", u, item, got, fan, fs)
		}
		if got := slices.Contains(favorites(t, c, u), item); got != fan {
			t.Errorf("%s among _favorites %s: %v, want %v (fans %v)", item, u, got, fan, fs)
		}
	}
	return fs
}
