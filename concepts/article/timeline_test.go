package article

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
	"legible/storage/storagetest"
)

// timelineOf returns the entries of a's timeline, oldest first.
func timelineOf(t *testing.T, a *Article) []entry {
	t.Helper()
	entries, err := a.entries(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// checkTimeline checks that a's timeline is want, oldest first.
func checkTimeline(t *testing.T, a *Article, when string, want ...entry) {
	t.Helper()
	if got := timelineOf(t, a); !slices.Equal(got, want) {
		t.Fatalf("timeline %s: %v, want %v", when, got, want)
	}
}

func TestTimeline(t *testing.T) {
	a, c := setup(t)
	var raw bson.Raw
	if found, err := storage.FindByID(t.Context(), a.timeline, timelineID, &raw); !found || err != nil ||
		raw.Lookup(fieldEntries).Type != bson.TypeArray {
		t.Fatalf("timeline after Setup: %v, %v, %v; want a document with an array of entries", found, err, raw)
	}
	// Without the document, as before Setup, create makes it.
	if _, err := a.timeline.DeleteOne(t.Context(), storage.ByID(timelineID)); err != nil {
		t.Fatal(err)
	}
	x, _ := create(t, c, article("u1", "x"))
	y, _ := create(t, c, article("u2", "y"))
	z, _ := create(t, c, article("u1", "z"))
	ex, ey, ez := entry{x, "u1"}, entry{y, "u2"}, entry{z, "u1"}
	checkTimeline(t, a, "after three creates", ex, ey, ez)
	update(t, c, map[string]any{"article": x, "title": "x2"})
	checkTimeline(t, a, "after an update", ex, ey, ez)
	call(t, c, "delete", map[string]any{"article": y})
	checkTimeline(t, a, "after a delete", ex, ez)
	storagetest.Fails(t, c, "delete", map[string]any{"article": y}, "no article has the id")
	storagetest.Fails(t, c, "delete", map[string]any{"article": "nope"}, "no article has the id")
	checkTimeline(t, a, "after deletes of missing articles", ex, ez)
	storagetest.Fails(t, c, "create", article("u1", ""), "title is empty")
	checkTimeline(t, a, "after a failed create", ex, ez)
}

func TestConcurrentCreatesListedOnce(t *testing.T) {
	a, c := setup(t)
	const n = 10
	if won := storagetest.Race(t, c, "create", n, func(i int) map[string]any {
		return article(fmt.Sprint("u", i%3), fmt.Sprint("t", i))
	}, "no error expected"); won != n {
		t.Fatalf("%d of %d creates succeeded, want all", won, n)
	}
	var listed []string
	for _, r := range call(t, c, "_list", map[string]any{"limit": 100, "offset": 0}).Rows {
		listed = append(listed, r["article"].(string))
	}
	var inTimeline []string
	for _, e := range timelineOf(t, a) {
		inTimeline = append([]string{e.ID}, inTimeline...) // newest first, as listed
	}
	if distinct := len(slices.Compact(slices.Sorted(slices.Values(listed)))); distinct != n ||
		!slices.Equal(listed, inTimeline) {
		t.Fatalf("_list gave %d distinct of %v; timeline %v; want each of %d articles once, in timeline order",
			distinct, listed, inTimeline, n)
	}
	if got := counted(t, c, map[string]any{}); got != n {
		t.Fatalf("_count: %v, want %d", got, n)
	}
	if won := storagetest.Race(t, c, "delete", n, func(i int) map[string]any {
		return map[string]any{"article": listed[i]}
	}, "no error expected"); won != n {
		t.Fatalf("%d of %d deletes succeeded, want all", won, n)
	}
	checkTimeline(t, a, "after deleting all at once")
}

func TestListSkipsDeletedArticle(t *testing.T) {
	a, c := setup(t)
	var ids []string
	for i := range 4 {
		id, _ := create(t, c, article("u1", fmt.Sprint("t", i)))
		ids = append(ids, id)
	}
	// An article deleted between reading the timeline and reading it.
	if _, err := a.articles.DeleteOne(t.Context(), storage.ByID(ids[2])); err != nil {
		t.Fatal(err)
	}
	if got := listed(t, c, map[string]any{"limit": 20, "offset": 0}); !slices.Equal(got, titles(3, 1, 0)) {
		t.Fatalf("_list: %v, want the articles that exist, most recent first", got)
	}
	if got := listed(t, c, map[string]any{"limit": 2, "offset": 1}); !slices.Equal(got, titles(1)) {
		t.Fatalf("_list of the page holding the gone article: %v, want it skipped", got)
	}
}

// legacyDoc is an article as stored before the timeline existed.
type legacyDoc struct {
	Article articleDoc `bson:",inline"`
	Seq     int64      `bson:"seq"`
}

func TestTimelineMigration(t *testing.T) {
	a, c := setup(t)
	ctx := t.Context()
	if _, err := a.timeline.DeleteOne(ctx, storage.ByID(timelineID)); err != nil {
		t.Fatal(err)
	}
	at := concepts.Now()
	stored := []struct {
		seq   int64
		delay time.Duration
	}{{2, 0}, {5, 0}, {6, -time.Millisecond}, {1, 0}, {4, 0}, {0, time.Millisecond}, {3, 0}}
	for _, s := range stored { // out of order; t6 is the oldest, t0 the newest
		d := legacyDoc{articleDoc{ID: fmt.Sprint("id", s.seq), Author: fmt.Sprint("u", s.seq%2),
			Slug: fmt.Sprint("s", s.seq), Base: "s", Title: fmt.Sprint("t", s.seq), Description: "d", Body: "b",
			CreatedAt: at.Add(s.delay), UpdatedAt: at}, s.seq}
		if err := storage.Insert(ctx, a.articles, d); err != nil {
			t.Fatal(err)
		}
	}
	order := titles(0, 5, 4, 3, 2, 1, 6)
	for i := range 2 { // building is idempotent
		if err := a.Setup(ctx); err != nil {
			t.Fatal(err)
		}
		if got := listed(t, c, map[string]any{"limit": 20, "offset": 0}); !slices.Equal(got, order) {
			t.Fatalf("_list after Setup %d: %v, want %v: by createdAt, then by seq", i+1, got, order)
		}
	}
	if got := listed(t, c, map[string]any{"authors": []any{"u1"}, "limit": 20, "offset": 0}); !slices.Equal(got,
		titles(5, 3, 1)) {
		t.Fatalf("_list of u1 after Setup: %v, want t5, t3, t1", got)
	}
	create(t, c, article("u1", "new"))
	if got := listed(t, c, map[string]any{"limit": 2, "offset": 0}); !slices.Equal(got, []string{"new", "t0"}) {
		t.Fatalf("_list after a create: %v, want the new article first", got)
	}
	if n := counted(t, c, map[string]any{}); n != float64(len(order)+1) {
		t.Fatalf("_count: %v, want %d", n, len(order)+1)
	}
}
