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

// emailDoc maps a normalised email to its user in Authenticating.emails,
// as storage.Claim stores it.
type emailDoc struct {
	ID   string `bson:"_id"` // the normalised email
	User string `bson:"user"`
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
	var e emailDoc
	if ok, err := storage.FindByID(ctx, a.emails, email, &e); !ok || err != nil {
		return nil, err
	}
	u, err := a.find(ctx, e.User)
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
