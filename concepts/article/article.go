// Package article implements the Article concept: users publish writing
// under a title, findable by a readable slug made from the title.
//
// State is three collections. Article.articles holds one document per
// article, keyed by a UUID, with the author, the slug (unique index), the
// slug's base (the slug the title makes, before any suffix), the title,
// the description, the body, the times it was created and last updated,
// as BSON dates of millisecond precision, and seq, a number from
// storage.Next that grows with every create; Article.counters holds its
// counter document, {_id: "articles", next: n}. Articles are listed most
// recent first: by createdAt, and among articles created in the same
// millisecond by seq, the later create first, so that the order is always
// the same. _list and _count are one find or count on Article.articles
// with the filter, sort, skip and limit; the embedded FerretDB does all
// of that in memory after reading every article (BenchmarkList).
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
	CountersCollection = "Article.counters"
)

// Article keeps the articles.
type Article struct {
	// articles, slugs and counters are ArticlesCollection,
	// SlugsCollection and CountersCollection.
	articles, slugs, counters *mongo.Collection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Article {
	return &Article{
		articles: storage.Collection(db, ArticlesCollection),
		slugs:    storage.Collection(db, SlugsCollection),
		counters: storage.Collection(db, CountersCollection),
	}
}

// Setup creates the unique index on the articles' slugs, and the indexes
// that let a MongoDB server list articles without sorting them all (the
// embedded FerretDB sorts in memory either way), after creating the
// collections (storage.Create); it is idempotent.
func (a *Article) Setup(ctx context.Context) error {
	if err := storage.Create(ctx, a.articles, a.slugs, a.counters); err != nil {
		return err
	}
	indexes := []struct {
		coll   *mongo.Collection
		name   string
		unique bool
		keys   []string
	}{
		{a.articles, "slug_unique", true, []string{fieldSlug}},
		{a.articles, "recent", false, []string{fieldCreatedAt, fieldSeq}},
		{a.articles, "author_recent", false, []string{fieldAuthor, fieldCreatedAt, fieldSeq}},
	}
	for _, ix := range indexes {
		if err := storage.Index(ctx, ix.coll, ix.name, ix.unique, ix.keys...); err != nil {
			return err
		}
	}
	return nil
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
