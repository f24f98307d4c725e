package authenticating

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
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
	if err := a.users.Insert(ctx, id, userDoc{Email: email, PasswordHash: hash}); err != nil {
		return UserOut{}, takenError(email, err, "log in instead, or register with another email")
	}
	return UserOut{User: id}, nil
}

// takenError turns storage.ErrTaken into the concept error for a taken
// email, with advice.
func takenError(email string, err error, advice string) error {
	if errors.Is(err, storage.ErrTaken) {
		return concepts.Errorf("email %s is already registered; %s", email, advice)
	}
	return err
}

// Login returns the user registered with the email when the password
// matches. An unknown email and a wrong password give the same concept
// error, so that login does not tell which emails are registered.
func (a *Authenticating) Login(ctx context.Context, in Credentials) (UserOut, error) {
	u, found, err := a.byEmail(ctx, normalize(in.Email))
	if err != nil {
		return UserOut{}, err
	}
	if !a.matches(u.Value.PasswordHash, in.Password) || !found {
		return UserOut{}, concepts.Errorf("email or password is wrong; check both and try again")
	}
	return UserOut{User: u.ID}, nil
}

// byEmail returns the user registered with a normalised email, if any.
func (a *Authenticating) byEmail(ctx context.Context, email string) (storage.Doc[userDoc], bool, error) {
	if email == "" {
		return storage.Doc[userDoc]{}, false, nil
	}
	return a.users.FindOne(ctx, storage.Eq("email", email))
}

// GetByEmail returns the user registered with the email, if any.
func (a *Authenticating) GetByEmail(ctx context.Context, in EmailIn) ([]UserOut, error) {
	u, found, err := a.byEmail(ctx, normalize(in.Email))
	if !found || err != nil {
		return nil, err
	}
	return []UserOut{{User: u.ID}}, nil
}

// Get returns the email of the user, if the user exists.
func (a *Authenticating) Get(ctx context.Context, in UserOut) ([]EmailIn, error) {
	u, found, err := a.users.Get(ctx, in.User)
	if !found || err != nil {
		return nil, err
	}
	return []EmailIn{{Email: u.Email}}, nil
}
