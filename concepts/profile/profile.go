// Package profile implements the Profile concept: each user has one
// profile, with a unique username and a bio, that other users see.
//
// State is two collections. Profile.profiles holds one document per
// profile, keyed by the user, with the username (unique index) and the
// bio. Profile.usernames maps each username, as its `_id`, to its user;
// create inserts it first, and its `_id` is what makes two concurrent
// creates with one username yield one profile.
package profile

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/concepts"
)

// The collections of the concept's state.
const (
	ProfilesCollection  = "Profile.profiles"
	UsernamesCollection = "Profile.usernames"
)

// Profile keeps the users' profiles.
type Profile struct {
	profiles  *mongo.Collection
	usernames *mongo.Collection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Profile {
	p := &Profile{}
	if db != nil {
		p.profiles = db.Collection(ProfilesCollection)
		p.usernames = db.Collection(UsernamesCollection)
	}
	return p
}

// Setup creates the unique index on the profiles' usernames; it is
// idempotent.
func (p *Profile) Setup(ctx context.Context) error {
	_, err := p.profiles.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "username", Value: 1}},
		Options: options.Index().SetUnique(true).SetName("username_unique"),
	})
	if err != nil {
		return fmt.Errorf("creating the unique username index on %s: %w; check that the database is reachable and "+
			"that no two profiles share a username", ProfilesCollection, err)
	}
	return nil
}

// Concept registers the actions and queries under their spec names.
func (p *Profile) Concept() *concepts.Concept {
	return concepts.New("Profile").
		Action("create", concepts.Action(p.Create)).
		Action("update", concepts.Action(p.Update)).
		Query("_get", concepts.Query(p.Get))
}
