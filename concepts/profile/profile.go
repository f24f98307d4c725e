// Package profile implements the Profile concept: each user has one
// profile, with a unique username, a bio and an image, that other users
// see.
//
// State is two collections. Profile.profiles holds one document per
// profile, keyed by the user, with the username (unique index), the bio
// and the image. Profile.usernames maps each username, as its `_id`, to its
// user, so that _getByUsername is two `_id` lookups; create inserts it
// first, and its `_id` is what makes two concurrent creates with one
// username yield one profile. Changing the username claims the new one
// there first, and then releases the old one.
package profile

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	ProfilesCollection  = "Profile.profiles"
	UsernamesCollection = "Profile.usernames"
)

// Profile keeps the users' profiles.
type Profile struct {
	profiles, usernames *mongo.Collection // ProfilesCollection and UsernamesCollection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Profile {
	return &Profile{
		profiles:  storage.Collection(db, ProfilesCollection),
		usernames: storage.Collection(db, UsernamesCollection),
	}
}

// Setup creates the unique index on the profiles' usernames; it is
// idempotent.
func (p *Profile) Setup(ctx context.Context) error {
	if err := storage.Create(ctx, p.profiles, p.usernames); err != nil {
		return err
	}
	return storage.Index(ctx, p.profiles, "username_unique", true, "username")
}

// Concept registers the actions and queries under their spec names.
func (p *Profile) Concept() *concepts.Concept {
	return concepts.New("Profile").
		Action("create", concepts.Action(p.Create)).
		Action("update", concepts.Action(p.Update)).
		Query("_get", concepts.Query(p.Get)).
		Query("_getByUsername", concepts.Query(p.GetByUsername))
}
