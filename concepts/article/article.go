// Package article implements the Article concept: users publish writing
// under a title, findable by a readable slug made from the title.
//
// State is one collection, Article.articles: one document per article,
// keyed by a UUIDv7 whose time is its createdAt (ids sort as the articles
// are listed, so that syncs may page articles by id elsewhere: a tag's,
// a user's favorites), with the author, the
// slug (a unique index: of two concurrent creates with one title, the
// second tries the slug with a random suffix), the slug's base (the slug
// the title makes, before any suffix), the title, the description, the
// body, and the times it was created and last updated, as
// concepts.Timestamp strings, which sort as the times do. Articles are
// listed most recently created first, from an index on createdAt, or on
// the author and createdAt for the articles of some authors: a page costs
// one indexed query however many articles there are.
package article

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// ArticlesCollection is the collection of the concept's state.
const ArticlesCollection = "Article.articles"

// The lengths, in characters, that create and update allow, which the
// spec states: a title, once trimmed, has at most MaxTitle, a description
// at most MaxDescription, and a body at most MaxBody.
const (
	MaxTitle       = 200
	MaxDescription = 1000
	MaxBody        = 100_000
)

// Article keeps the articles.
type Article struct {
	articles *storage.Collection[articleDoc]
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Article {
	return &Article{articles: storage.NewCollection[articleDoc](db, ArticlesCollection,
		storage.UniqueOn(fieldSlug), storage.On(fieldCreatedAt), storage.On(fieldAuthor, fieldCreatedAt))}
}

// Concept registers the actions and queries under their spec names.
func (a *Article) Concept() *concepts.Concept {
	return concepts.New("Article").
		Action("create", concepts.Action(a.Create)).
		Action("update", concepts.Action(a.Update)).
		Action("delete", concepts.Action(a.Delete)).
		Query("_getBySlug", concepts.Query(a.GetBySlug)).
		Query("_get", concepts.BatchQuery(a.Get)).
		Query("_list", concepts.Query(a.List)).
		Query("_count", concepts.Query(a.Count))
}
