// Package authenticating implements the Authenticating concept: a user
// registers with an email and a password, and later logs in with them.
//
// State is two collections. Authenticating.users holds one document per
// user, keyed by a UUID, with the normalised email (unique index) and the
// bcrypt hash of the password. Authenticating.emails maps each normalised
// email, as its `_id`, to the user, so that login and _getByEmail are `_id`
// lookups; registering inserts it first, and its `_id` is what makes two
// concurrent registrations of one email yield one user.
package authenticating

import (
	"context"
	"fmt"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/concepts"
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
	a := &Authenticating{cost: hashCost()}
	a.dummy = sync.OnceValue(a.dummyHash)
	if db != nil {
		a.users = db.Collection(UsersCollection)
		a.emails = db.Collection(EmailsCollection)
	}
	return a
}

// Setup creates the unique index on the users' emails; it is idempotent.
func (a *Authenticating) Setup(ctx context.Context) error {
	_, err := a.users.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "email", Value: 1}},
		Options: options.Index().SetUnique(true).SetName("email_unique"),
	})
	if err != nil {
		return fmt.Errorf("creating the unique email index on %s: %w; check that the database is reachable and that "+
			"no two users share an email", UsersCollection, err)
	}
	return nil
}

// Concept registers the actions and queries under their spec names.
func (a *Authenticating) Concept() *concepts.Concept {
	return concepts.New("Authenticating").
		Action("register", concepts.Action(a.Register)).
		Action("login", concepts.Action(a.Login)).
		Query("_getByEmail", concepts.Query(a.GetByEmail))
}
