// Package following implements the Following concept: a user follows
// other users, to see what they do.
//
// State is one collection. Following.users holds one set document per
// follower, {_id: follower, followees: [user…]}, which follow and unfollow
// change with one $addToSet or $pull by `_id` (storage.AddToSet and
// storage.Pull), and which the queries read by `_id`.
package following

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// UsersCollection is the collection of the concept's state.
const UsersCollection = "Following.users"

// followeesField is the set field of a follower's document.
const followeesField = "followees"

// Following keeps whom each user follows.
type Following struct {
	users *mongo.Collection // UsersCollection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Following {
	return &Following{users: storage.Collection(db, UsersCollection)}
}

// Setup creates the collection, so that the embedded server can index its
// `_id`s (storage.Create); every read is by `_id`, so there are no other
// indexes. It is idempotent.
func (f *Following) Setup(ctx context.Context) error { return storage.Create(ctx, f.users) }

// Concept registers the actions and queries under their spec names.
func (f *Following) Concept() *concepts.Concept {
	return concepts.New("Following").
		Action("follow", concepts.Action(f.Follow)).
		Action("unfollow", concepts.Action(f.Unfollow)).
		Query("_isFollowing", concepts.Query(f.IsFollowing)).
		Query("_followees", concepts.Query(f.Followees))
}
