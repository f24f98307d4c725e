// Package article implements the Article concept: users publish writing
// under a title, findable by a readable slug made from the title.
//
// State is three collections. Article.articles holds one document per
// article, keyed by a UUID, with the author, the slug (unique index), the
// slug's base (the slug the title makes, before any suffix), the title,
// the description, the body, and the times it was created and last
// updated, as BSON dates of millisecond precision.
//
// Article.timeline holds one document, {_id: "articles", entries:
// ["<article> <author>", …]}: every article in the order the creates
// completed, the newest last. Create appends the article's entry with one
// upsert (storage.AddToSet) after it inserts the article; delete removes
// the entry with one update (storage.Pull) after it deletes the article. Articles are listed most recently
// created first, by that order: _list and _count read the timeline by
// `_id` and walk it from its end, keeping the entries of the authors and
// the articles asked for, and _list then reads each article of its page
// by `_id`, skipping one deleted meanwhile. So _count is one round trip
// and _list one and one per row, however the database filters, where a
// find with a sort and a limit made the embedded FerretDB read every
// article. FerretDB still parses the whole timeline document at each
// read and update of it, so that part grows with the number of articles,
// if at a small part of the cost of reading them all: 10 ms for 1,000
// entries against 150 ms for the articles (BenchmarkList).
// Setup builds the timeline of articles stored before it existed
// (buildTimeline).
//
// Article.slugs maps each slug, as its `_id`, to its article, as
// storage.Claim stores it: {_id: slug, user: article}. _getBySlug is two
// `_id` lookups; create claims the slug before it inserts the article,
// and the claim's `_id` is what gives concurrent creates with one title
// distinct slugs: the losers retry with a random suffix. Changing the
// title claims the new slug first, changes the article, and then
// releases the old slug; delete deletes the article and then releases
// its slug.
package article

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	ArticlesCollection = "Article.articles"
	SlugsCollection    = "Article.slugs"
	TimelineCollection = "Article.timeline"
)

// Article keeps the articles.
type Article struct {
	// articles, slugs and timeline are ArticlesCollection,
	// SlugsCollection and TimelineCollection.
	articles, slugs, timeline *mongo.Collection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Article {
	return &Article{
		articles: storage.Collection(db, ArticlesCollection),
		slugs:    storage.Collection(db, SlugsCollection),
		timeline: storage.Collection(db, TimelineCollection),
	}
}

// Setup creates the collections (storage.Create), the unique index on the
// articles' slugs, and the timeline when there is none (buildTimeline);
// it is idempotent.
func (a *Article) Setup(ctx context.Context) error {
	if err := storage.Create(ctx, a.articles, a.slugs, a.timeline); err != nil {
		return err
	}
	if err := storage.Index(ctx, a.articles, "slug_unique", true, fieldSlug); err != nil {
		return err
	}
	return a.buildTimeline(ctx)
}

// Concept registers the actions and queries under their spec names.
func (a *Article) Concept() *concepts.Concept {
	return concepts.New("Article").
		Action("create", concepts.Action(a.Create)).
		Action("update", concepts.Action(a.Update)).
		Action("delete", concepts.Action(a.Delete)).
		Query("_getBySlug", concepts.Query(a.GetBySlug)).
		Query("_get", concepts.Query(a.Get)).
		Query("_list", concepts.Query(a.List)).
		Query("_count", concepts.Query(a.Count))
}
