// Package commenting implements the Commenting concept: users discuss an
// item in comments under it.
//
// State is two collections. Commenting.comments holds one document per
// comment, keyed by its id, with its number, the item, the author, the
// body, and the times it was created and last updated, as
// concepts.Timestamp strings; an index on the item and the number lists an
// item's comments, newest first. Comment ids are the decimal strings
// "1", "2", … of the numbers, handed out by the counter document
// {next: n} of Commenting.counters; add starts writing exclusively before
// it reads the counter (storage.StartExclusive), so that concurrent
// comments wait for each other rather than conflict, also across replicas
// of one PostgreSQL or MongoDB database (on MongoDB, other writers wait
// for the add too). On a
// MongoDB without transactions the counter can be read twice alike; the
// comment's id is then taken already, and add tries the next one after
// the highest comment (an index on n finds it).
package commenting

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// The collections of the concept's state.
const (
	CommentsCollection = "Commenting.comments"
	CountersCollection = "Commenting.counters"
)

// MaxBody is the most characters the body of a comment may have, which
// the spec states.
const MaxBody = 10_000

// Commenting keeps the comments on items.
type Commenting struct {
	comments *storage.Collection[commentDoc]
	counters *storage.Collection[counterDoc]
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Commenting {
	return &Commenting{
		comments: storage.NewCollection[commentDoc](db, CommentsCollection, storage.On("item", "n"), storage.On("n")),
		counters: storage.NewCollection[counterDoc](db, CountersCollection),
	}
}

// Concept registers the actions and queries under their spec names.
func (m *Commenting) Concept() *concepts.Concept {
	return concepts.New("Commenting").
		Action("add", concepts.Action(m.Add)).
		Action("remove", concepts.Action(m.Remove)).
		Query("_get", concepts.Query(m.Get)).
		Query("_byItem", concepts.Query(m.ByItem))
}
