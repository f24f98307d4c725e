// Package following implements the Following concept: a user follows
// other users, to see what they do.
//
// State is one collection, Following.follows: one document per follow,
// keyed by storage.Key(follower, followee), so that following twice
// stores one document, with the follower, the followee and when the
// follow began. An index on the follower and that time lists a user's
// followees in the order followed.
package following

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// FollowsCollection is the collection of the concept's state.
const FollowsCollection = "Following.follows"

// Following keeps whom each user follows.
type Following struct {
	follows *storage.Collection[followDoc]
}

// followDoc is a follow in Following.follows.
type followDoc struct {
	Follower string `json:"follower"`
	Followee string `json:"followee"`
	At       int64  `json:"at"` // when: concepts.Instant
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Following {
	return &Following{follows: storage.NewCollection[followDoc](db, FollowsCollection, storage.On("follower", "at"))}
}

// Concept registers the actions and queries under their spec names.
func (f *Following) Concept() *concepts.Concept {
	return concepts.New("Following").
		Action("follow", concepts.Action(f.Follow)).
		Action("unfollow", concepts.Action(f.Unfollow)).
		Query("_isFollowing", concepts.BatchQuery(f.IsFollowing)).
		Query("_followees", concepts.Query(f.Followees))
}
