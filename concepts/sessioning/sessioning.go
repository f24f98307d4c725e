// Package sessioning implements the Sessioning concept: a session, named
// by a random token, keeps a user logged in until it is deleted.
//
// State is Sessioning.sessions, one document per session whose `_id` is
// the token, so every action and query is an `_id` lookup.
package sessioning

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// SessionsCollection is the collection of the concept's state.
const SessionsCollection = "Sessioning.sessions"

// Sessioning keeps the sessions and the user each belongs to.
type Sessioning struct {
	sessions *mongo.Collection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Sessioning {
	return &Sessioning{sessions: storage.Collection(db, SessionsCollection)}
}

// Setup prepares the state. Sessions need no index besides `_id`, so it
// does nothing, which is idempotent.
func (s *Sessioning) Setup(context.Context) error { return nil }

// Concept registers the actions and queries under their spec names.
func (s *Sessioning) Concept() *concepts.Concept {
	return concepts.New("Sessioning").
		Action("create", concepts.Action(s.Create)).
		Action("delete", concepts.Action(s.Delete)).
		Query("_getUser", concepts.Query(s.GetUser))
}
