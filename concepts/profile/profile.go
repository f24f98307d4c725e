// Package profile implements the Profile concept: each user has one
// profile, with a unique username, a bio and an image, that other users
// see.
//
// State is one collection, Profile.profiles: one document per profile,
// keyed by its user, with the username (a unique index, which is what
// makes two concurrent creates with one username yield one profile), the
// bio and the image.
package profile

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// ProfilesCollection is the collection of the concept's state.
const ProfilesCollection = "Profile.profiles"

// The lengths, in characters, that create and update allow, which the
// spec states: a username, once trimmed, has at most MaxUsername, a bio at
// most MaxBio, and an image (its URL) at most MaxImage.
const (
	MaxUsername = 100
	MaxBio      = 1000
	MaxImage    = 2000
)

// Profile keeps the users' profiles.
type Profile struct {
	profiles *storage.Collection[profileDoc]
}

// profileDoc is a profile in Profile.profiles, under its user's id.
type profileDoc struct {
	Username string `json:"username"`
	Bio      string `json:"bio"`
	Image    string `json:"image"`
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Profile {
	return &Profile{profiles: storage.NewCollection[profileDoc](db, ProfilesCollection, storage.UniqueOn("username"))}
}

// Concept registers the actions and queries under their spec names.
func (p *Profile) Concept() *concepts.Concept {
	return concepts.New("Profile").
		Action("create", concepts.Action(p.Create)).
		Action("update", concepts.Action(p.Update)).
		Query("_get", concepts.BatchQuery(p.Get)).
		Query("_getByUsername", concepts.Query(p.GetByUsername))
}
