// Package commenting implements the Commenting concept: users discuss an
// item in comments under it.
//
// State is three collections. Commenting.comments holds one document per
// comment, keyed by its id, with the item, the author, the body, and the
// times it was created and last updated, as BSON dates. Comment ids are
// the decimal strings "1", "2", … handed out by storage.Next from the
// counter document {_id: "comments", next: n} in Commenting.counters.
// Commenting.items holds one set document per item that has comments,
// {_id: item, comments: [id…]}, changed by storage.AddToSet and
// storage.Pull, so that _byItem reads the item's comments by `_id` alone
// instead of scanning every comment.
package commenting

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	CommentsCollection = "Commenting.comments"
	ItemsCollection    = "Commenting.items"
	CountersCollection = "Commenting.counters"
)

// Commenting keeps the comments on items.
type Commenting struct {
	// comments, items and counters are CommentsCollection,
	// ItemsCollection and CountersCollection.
	comments, items, counters *mongo.Collection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Commenting {
	return &Commenting{
		comments: storage.Collection(db, CommentsCollection),
		items:    storage.Collection(db, ItemsCollection),
		counters: storage.Collection(db, CountersCollection),
	}
}

// Setup creates the collections, so that the embedded server can index
// their `_id`s (storage.Create); every read is by `_id` and the counter is
// made by its first use, so there are no other indexes. It is idempotent.
func (m *Commenting) Setup(ctx context.Context) error {
	return storage.Create(ctx, m.comments, m.items, m.counters)
}

// Concept registers the actions and queries under their spec names.
func (m *Commenting) Concept() *concepts.Concept {
	return concepts.New("Commenting").
		Action("add", concepts.Action(m.Add)).
		Action("remove", concepts.Action(m.Remove)).
		Query("_get", concepts.Query(m.Get)).
		Query("_byItem", concepts.Query(m.ByItem))
}
