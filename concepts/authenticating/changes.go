package authenticating

import (
	"context"

	"github.com/legible/legible/concepts"
)

// UpdateIn is the input of update; a nil Email or Password is left as it
// is.
type UpdateIn struct {
	User     string  `json:"user"`
	Email    *string `json:"email"`
	Password *string `json:"password"`
}

// Update changes the user's email, normalised, and password, those that
// are given. An unknown user, an empty email or password, a password
// bcrypt cannot hash, and an email another user has are concept errors.
func (a *Authenticating) Update(ctx context.Context, in UpdateIn) (UserOut, error) {
	u, err := a.user(ctx, in.User)
	if err != nil {
		return UserOut{}, err
	}
	if err := a.change(&u, in); err != nil {
		return UserOut{}, err
	}
	if err := a.users.Put(ctx, in.User, u); err != nil {
		return UserOut{}, takenError(u.Email, err, "choose another")
	}
	return UserOut{User: in.User}, nil
}

// user returns the user id, or a concept error when there is none.
func (a *Authenticating) user(ctx context.Context, id string) (userDoc, error) {
	u, found, err := a.users.Get(ctx, id)
	if err == nil && !found {
		err = concepts.Errorf("user %q does not exist; pass a user that register or login returned", id)
	}
	return u, err
}

// change checks update's inputs and applies them to u, hashing a new
// password.
func (a *Authenticating) change(u *userDoc, in UpdateIn) error {
	if in.Email != nil {
		if u.Email = normalize(*in.Email); u.Email == "" {
			return concepts.Errorf("email is empty; give the new email, or leave it out to keep the current one")
		}
	}
	if in.Password != nil {
		if err := checkPassword(*in.Password); err != nil {
			return err
		}
		hash, err := a.hash(*in.Password)
		if err != nil {
			return err
		}
		u.PasswordHash = hash
	}
	return nil
}

// Unregister removes the user, so that anyone may register with its
// email again. An unknown user is a concept error.
func (a *Authenticating) Unregister(ctx context.Context, in UserOut) (UserOut, error) {
	deleted, err := a.users.Delete(ctx, in.User)
	if err == nil && !deleted {
		err = concepts.Errorf("user %q does not exist; it may be unregistered already", in.User)
	}
	return UserOut{User: in.User}, err
}
