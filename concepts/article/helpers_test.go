package article

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
func each(t *testing.T, f func(t *testing.T, a *Article, c *concepts.Concept)) {
	t.Helper()
	storagetest.EachConcept(t, New, f)
}

// The helpers of storagetest, under short names.
var (
	call = storagetest.Call
	one  = storagetest.Row
)

// stored returns how many article documents a holds, read from its
// collection rather than through the concept's queries.
func stored(t testing.TB, a *Article) int64 {
	t.Helper()
	n, err := a.articles.Count(context.Background(), storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// article is the input of create of an article by author with the title,
// and a description and body made from the title.
func article(author, title string) map[string]any {
	return map[string]any{"author": author, "title": title, "description": "about " + title, "body": "text of " + title}
}

// create creates an article, which must succeed, and returns its id and
// slug.
func create(t testing.TB, c *concepts.Concept, in map[string]any) (id, slug string) {
	t.Helper()
	got := call(t, c, "create", in)
	id, _ = got.Out["article"].(string)
	slug, _ = got.Out["slug"].(string)
	if got.IsError() || id == "" || slug == "" {
		t.Fatalf("create %v: %+v, want an article and a slug", in, got)
	}
	return id, slug
}

// get returns the one row of _get for the article id.
func get(t testing.TB, c *concepts.Concept, id string) map[string]any {
	t.Helper()
	return one(t, c, "_get", map[string]any{"article": id})
}

// bySlug returns the one row of _getBySlug for the slug.
func bySlug(t testing.TB, c *concepts.Concept, slug string) map[string]any {
	t.Helper()
	return one(t, c, "_getBySlug", map[string]any{"slug": slug})
}

// update calls update, which must succeed for the article in in, and
// returns the slug it gives.
func update(t testing.TB, c *concepts.Concept, in map[string]any) string {
	t.Helper()
	got := call(t, c, "update", in)
	slug, _ := got.Out["slug"].(string)
	if got.IsError() || got.Out["article"] != in["article"] || slug == "" {
		t.Fatalf("update %v: %+v, want article %v and a slug", in, got, in["article"])
	}
	return slug
}
