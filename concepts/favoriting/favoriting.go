// Package favoriting implements the Favoriting concept: users mark the
// items they like, and each item shows how many users like it.
//
// State is two collections. Favoriting.items holds one document per item,
// {_id: item, fans: [user…], count: n}; favorite and unfavorite change the
// fans and the count in one conditional update, so that the count stays
// the number of fans under concurrent changes. Favoriting.users holds one
// set document per user, {_id: user, items: [item…]}, for _favorites,
// changed by storage.AddToSet and storage.Pull.
package favoriting

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	ItemsCollection = "Favoriting.items"
	UsersCollection = "Favoriting.users"
)

// Favoriting keeps the fans of items and the favorites of users.
type Favoriting struct {
	items, users *mongo.Collection // ItemsCollection and UsersCollection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Favoriting {
	return &Favoriting{
		items: storage.Collection(db, ItemsCollection),
		users: storage.Collection(db, UsersCollection),
	}
}

// Setup creates the collections, so that the embedded server can index
// their `_id`s (storage.Create), and the index on the users' favorites,
// which forget looks users up by on MongoDB; it is idempotent.
func (f *Favoriting) Setup(ctx context.Context) error {
	if err := storage.Create(ctx, f.items, f.users); err != nil {
		return err
	}
	return storage.Index(ctx, f.users, "items", false, itemsField)
}

// Concept registers the actions and queries under their spec names.
func (f *Favoriting) Concept() *concepts.Concept {
	return concepts.New("Favoriting").
		Action("favorite", concepts.Action(f.Favorite)).
		Action("unfavorite", concepts.Action(f.Unfavorite)).
		Action("forget", concepts.Action(f.Forget)).
		Query("_isFavorite", concepts.Query(f.IsFavorite)).
		Query("_count", concepts.Query(f.Count)).
		Query("_favorites", concepts.Query(f.Favorites))
}
