package authenticating

import (
	"context"

	"legible/storage"
)

// userDoc is a user in Authenticating.users.
type userDoc struct {
	ID           string `bson:"_id"`
	Email        string `bson:"email"`
	PasswordHash string `bson:"passwordHash"`
}

// Setup creates the unique index on the users' emails; it is idempotent.
func (a *Authenticating) Setup(ctx context.Context) error {
	if err := storage.Create(ctx, a.users, a.emails); err != nil {
		return err
	}
	return storage.Index(ctx, a.users, "email_unique", true, "email")
}

// byEmail returns the user registered with a normalised email, or nil.
// A claim whose user has another email is stale, left by an email change
// under way or interrupted: it names no user.
func (a *Authenticating) byEmail(ctx context.Context, email string) (*userDoc, error) {
	user, err := storage.Owner(ctx, a.emails, email)
	if user == "" || err != nil {
		return nil, err
	}
	u, err := a.find(ctx, user)
	if u == nil || err != nil || u.Email != email {
		return nil, err // a registration under way, or a stale claim
	}
	return u, nil
}

// find returns the user with the id, or nil.
func (a *Authenticating) find(ctx context.Context, id string) (*userDoc, error) {
	var u userDoc
	if ok, err := storage.FindByID(ctx, a.users, id, &u); !ok || err != nil {
		return nil, err
	}
	return &u, nil
}
