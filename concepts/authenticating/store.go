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
	return storage.Index(ctx, a.users, "email_unique", true, "email")
}

// byEmail returns the user registered with a normalised email, or nil.
func (a *Authenticating) byEmail(ctx context.Context, email string) (*userDoc, error) {
	var e emailDoc
	if ok, err := storage.FindByID(ctx, a.emails, email, &e); !ok || err != nil {
		return nil, err
	}
	var u userDoc
	if ok, err := storage.FindByID(ctx, a.users, e.User, &u); !ok || err != nil {
		return nil, err // no user yet: its registration is under way
	}
	return &u, nil
}
