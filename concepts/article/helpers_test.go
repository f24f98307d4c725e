package article

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t testing.TB) (*Article, *concepts.Concept) { return storagetest.Setup(t, New) }

// The helpers of storagetest, under short names.
var (
	call  = storagetest.Call
	count = storagetest.Count
)

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

// one is storagetest.Row under a short name.
var one = storagetest.Row

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
	if got.IsError() || got.Out["article"] != in["article"] {
		t.Fatalf("update %v: %+v, want article %v", in, got, in["article"])
	}
	return got.Out["slug"].(string)
}
