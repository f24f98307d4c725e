// Package tagging implements the Tagging concept: items are grouped under
// short labels, tags, that readers browse by.
//
// State is two collections of set documents, changed by storage.AddToSet
// and storage.Pull and read by `_id`. Tagging.items holds one per tagged
// item, {_id: item, tags: [tag…]}; Tagging.tags holds one per tag that
// some item has, {_id: tag, items: [item…]}. A tag's document is deleted
// when forget leaves it without items, so that _all lists the tags in use.
package tagging

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	ItemsCollection = "Tagging.items"
	TagsCollection  = "Tagging.tags"
)

// The set fields of the documents.
const (
	tagsField  = "tags"  // of an item's document
	itemsField = "items" // of a tag's document
)

// Tagging keeps the tags of items and the items of tags.
type Tagging struct {
	items, tags *mongo.Collection // ItemsCollection and TagsCollection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Tagging {
	return &Tagging{
		items: storage.Collection(db, ItemsCollection),
		tags:  storage.Collection(db, TagsCollection),
	}
}

// Setup creates the collections, so that the embedded server can index
// their `_id`s (storage.Create); reads are by `_id` or of every tag, so
// there are no other indexes. It is idempotent.
func (g *Tagging) Setup(ctx context.Context) error { return storage.Create(ctx, g.items, g.tags) }

// Concept registers the actions and queries under their spec names.
func (g *Tagging) Concept() *concepts.Concept {
	return concepts.New("Tagging").
		Action("tag", concepts.Action(g.Tag)).
		Action("forget", concepts.Action(g.Forget)).
		Query("_tags", concepts.Query(g.Tags)).
		Query("_items", concepts.Query(g.Items)).
		Query("_all", concepts.Query(g.All))
}
