// Package favoriting implements the Favoriting concept: users mark the
// items they like, and each item shows how many users like it.
//
// State is one collection, Favoriting.favorites: one document per
// favorite, keyed by storage.Key(item, user), so that favoriting twice
// stores one document, with the item and the user. An index on the item
// counts an item's fans and finds them when the item is forgotten; one on
// the user and the item gives a page of a user's favorites, greatest item
// first, in one indexed query however many the user has. No count is
// stored: it is counted from the index, so concurrent favorites never
// lose one.
package favoriting

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// FavoritesCollection is the collection of the concept's state.
const FavoritesCollection = "Favoriting.favorites"

// Favoriting keeps the users' favorite items.
type Favoriting struct {
	favorites *storage.Collection[favoriteDoc]
}

// favoriteDoc is a favorite in Favoriting.favorites.
type favoriteDoc struct {
	Item string `json:"item"`
	User string `json:"user"`
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Favoriting {
	return &Favoriting{favorites: storage.NewCollection[favoriteDoc](db, FavoritesCollection,
		storage.On("item"), storage.On("user", "item"))}
}

// Concept registers the actions and queries under their spec names.
func (f *Favoriting) Concept() *concepts.Concept {
	return concepts.New("Favoriting").
		Action("favorite", concepts.Action(f.Favorite)).
		Action("unfavorite", concepts.Action(f.Unfavorite)).
		Action("forget", concepts.Action(f.Forget)).
		Query("_isFavorite", concepts.BatchQuery(f.IsFavorite)).
		Query("_count", concepts.BatchQuery(f.Count)).
		Query("_favorites", concepts.Query(f.Favorites))
}
