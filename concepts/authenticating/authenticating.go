// Package authenticating implements the Authenticating concept: a user
// registers with an email and a password, later logs in with them, and
// may change them or unregister.
//
// State is two collections. Authenticating.users holds one document per
// user, keyed by a UUID, with the normalised email (unique index) and the
// bcrypt hash of the password. Authenticating.emails maps each normalised
// email, as its `_id`, to the user, so that login and _getByEmail are `_id`
// lookups; registering inserts it first, and its `_id` is what makes two
// concurrent registrations of one email yield one user. Changing the email
// claims the new one there first, and then releases the old one;
// unregistering deletes the user, and then releases its email.
package authenticating

import (
	"sync"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	UsersCollection  = "Authenticating.users"
	EmailsCollection = "Authenticating.emails"
)

// Authenticating keeps users' emails and password hashes.
type Authenticating struct {
	users  *mongo.Collection
	emails *mongo.Collection
	cost   int           // the bcrypt cost of new hashes
	dummy  func() []byte // a hash, made once, that login compares with for an unknown email
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks. The bcrypt cost is bcrypt.MinCost when the
// environment variable LEGIBLE_BCRYPT_COST is "min", else the default.
func New(db *mongo.Database) *Authenticating {
	a := &Authenticating{
		users:  storage.Collection(db, UsersCollection),
		emails: storage.Collection(db, EmailsCollection),
		cost:   hashCost(),
	}
	a.dummy = sync.OnceValue(a.dummyHash)
	return a
}

// Concept registers the actions and queries under their spec names.
func (a *Authenticating) Concept() *concepts.Concept {
	return concepts.New("Authenticating").
		Action("register", concepts.Action(a.Register)).
		Action("login", concepts.Action(a.Login)).
		Action("update", concepts.Action(a.Update)).
		Action("unregister", concepts.Action(a.Unregister)).
		Query("_getByEmail", concepts.Query(a.GetByEmail)).
		Query("_get", concepts.Query(a.Get))
}
