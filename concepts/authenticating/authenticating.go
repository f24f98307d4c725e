// Package authenticating implements the Authenticating concept: a user
// registers with an email and a password, later logs in with them, and
// may change them or unregister.
//
// State is one collection, Authenticating.users: one document per user,
// keyed by a UUID, with the normalised email (a unique index, which is
// what makes two concurrent registrations of one email yield one user)
// and the bcrypt hash of the password. Hashing comes before the flow's
// first write, so it holds no lock.
package authenticating

import (
	"sync"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// UsersCollection is the collection of the concept's state.
const UsersCollection = "Authenticating.users"

// Authenticating keeps users' emails and password hashes.
type Authenticating struct {
	users *storage.Collection[userDoc]
	cost  int           // the bcrypt cost of new hashes
	dummy func() []byte // a hash, made once, that login compares with for an unknown email
}

// userDoc is a user in Authenticating.users.
type userDoc struct {
	Email        string `json:"email"`
	PasswordHash string `json:"passwordHash"`
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks. The bcrypt cost is bcrypt.MinCost when the
// environment variable LEGIBLE_BCRYPT_COST is "min", else the default.
func New(db *storage.DB) *Authenticating {
	a := &Authenticating{
		users: storage.NewCollection[userDoc](db, UsersCollection, storage.UniqueOn("email")),
		cost:  hashCost(),
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
