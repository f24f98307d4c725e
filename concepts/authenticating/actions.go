package authenticating

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"legible/concepts"
	"legible/storage"
)

// Credentials is the input of register and login.
type Credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// UserOut names a user: the success output of register, login, update
// and unregister, the row of _getByEmail, and the input of _get and
// unregister.
type UserOut struct {
	User string `json:"user"`
}

// EmailIn holds an email: the input of _getByEmail and the row of _get.
type EmailIn struct {
	Email string `json:"email"`
}

// Register creates a user with the normalised email and a bcrypt hash of
// the password. An empty email or password, a password bcrypt cannot hash,
// and an email registered already are concept errors.
func (a *Authenticating) Register(ctx context.Context, in Credentials) (UserOut, error) {
	email := normalize(in.Email)
	if err := validate(email, in.Password); err != nil {
		return UserOut{}, err
	}
	hash, err := a.hash(in.Password)
	if err != nil {
		return UserOut{}, err
	}
	id := uuid.NewString()
	if err := storage.Claim(ctx, a.emails, email, id); err != nil {
		return UserOut{}, registerError(email, err)
	}
	if err := storage.Insert(ctx, a.users, userDoc{ID: id, Email: email, PasswordHash: hash}); err != nil {
		return UserOut{}, errors.Join(registerError(email, err), storage.Release(ctx, a.emails, email, id))
	}
	return UserOut{User: id}, nil
}

// registerError turns storage.ErrTaken into the concept error for a taken
// email.
func registerError(email string, err error) error {
	if errors.Is(err, storage.ErrTaken) {
		return concepts.Errorf("email %s is already registered; log in instead, or register with another email", email)
	}
	return err
}

// Login returns the user registered with the email when the password
// matches. An unknown email and a wrong password give the same concept
// error, so that login does not tell which emails are registered.
func (a *Authenticating) Login(ctx context.Context, in Credentials) (UserOut, error) {
	u, err := a.byEmail(ctx, normalize(in.Email))
	if err != nil {
		return UserOut{}, err
	}
	hash := ""
	if u != nil {
		hash = u.PasswordHash
	}
	if !a.matches(hash, in.Password) {
		return UserOut{}, concepts.Errorf("email or password is wrong; check both and try again")
	}
	return UserOut{User: u.ID}, nil
}

// GetByEmail returns the user registered with the email, if any.
func (a *Authenticating) GetByEmail(ctx context.Context, in EmailIn) ([]UserOut, error) {
	u, err := a.byEmail(ctx, normalize(in.Email))
	if u == nil || err != nil {
		return nil, err
	}
	return []UserOut{{User: u.ID}}, nil
}

// Get returns the email of the user, if the user exists.
func (a *Authenticating) Get(ctx context.Context, in UserOut) ([]EmailIn, error) {
	u, err := a.find(ctx, in.User)
	if u == nil || err != nil {
		return nil, err
	}
	return []EmailIn{{Email: u.Email}}, nil
}
