package authenticating

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
)

// UpdateIn is the input of update; a nil Email or Password is left as it
// is.
type UpdateIn struct {
	User     string  `json:"user"`
	Email    *string `json:"email"`
	Password *string `json:"password"`
}

// Update changes the user's email, normalised, and password, those that
// are given. The new email is claimed in Authenticating.emails before the
// user changes, and the old one released after, so that two users can
// never take one email. An unknown user, an empty email or password, a
// password bcrypt cannot hash, and an email another user has are concept
// errors.
func (a *Authenticating) Update(ctx context.Context, in UpdateIn) (UserOut, error) {
	u, err := a.find(ctx, in.User)
	switch {
	case err != nil:
		return UserOut{}, err
	case u == nil:
		return UserOut{}, concepts.Errorf("user %q does not exist; pass a user that register or login returned", in.User)
	}
	email, fields, err := a.changes(u, in)
	if err != nil {
		return UserOut{}, err
	}
	err = storage.Reclaim(ctx, a.emails, u.Email, email, u.ID, func() error { return a.set(ctx, u, email, fields) })
	if errors.Is(err, storage.ErrTaken) {
		return UserOut{}, concepts.Errorf("email %s is already registered to another user; choose another", email)
	}
	return UserOut{User: u.ID}, err
}

// changes checks update's inputs; it returns the user's email after the
// update, and the fields to set.
func (a *Authenticating) changes(u *userDoc, in UpdateIn) (email string, fields bson.D, err error) {
	email = u.Email
	if in.Email != nil {
		if email = normalize(*in.Email); email == "" {
			return "", nil, concepts.Errorf("email is empty; give the new email, or leave it out to keep the current one")
		}
		if email != u.Email {
			fields = append(fields, bson.E{Key: "email", Value: email})
		}
	}
	if in.Password != nil {
		if err := checkPassword(*in.Password); err != nil {
			return "", nil, err
		}
		hash, err := a.hash(*in.Password)
		if err != nil {
			return "", nil, err
		}
		fields = append(fields, bson.E{Key: "passwordHash", Value: hash})
	}
	return email, fields, nil
}

// set sets fields of the user u. When the email changes, it does so only
// while the user still has u's email, so that of two concurrent changes of
// one user's email only one succeeds.
func (a *Authenticating) set(ctx context.Context, u *userDoc, email string, fields bson.D) error {
	filter := storage.ByID(u.ID)
	if email != u.Email {
		filter = append(filter, bson.E{Key: "email", Value: u.Email})
	}
	matched, err := storage.SetFields(ctx, a.users, filter, fields)
	if err == nil && !matched {
		err = concepts.Errorf("user %s changed while updating it; check its email with _get and try again", u.ID)
	}
	return err
}

// Unregister removes the user, and then releases its email so that
// anyone may register with it again. An unknown user is a concept error.
func (a *Authenticating) Unregister(ctx context.Context, in UserOut) (UserOut, error) {
	u, err := a.find(ctx, in.User)
	switch {
	case err != nil:
		return UserOut{}, err
	case u == nil:
		return UserOut{}, concepts.Errorf("user %q does not exist; it may be unregistered already", in.User)
	}
	// Only while the email is u.Email, so that the claim released below is
	// the user's, not one a concurrent update gave up.
	res, err := a.users.DeleteOne(ctx, append(storage.ByID(u.ID), bson.E{Key: "email", Value: u.Email}))
	switch {
	case err != nil:
		return UserOut{}, fmt.Errorf("deleting from %s: %w; check that the database is reachable", UsersCollection, err)
	case res.DeletedCount == 0:
		return UserOut{}, concepts.Errorf("user %s changed while unregistering it; try again", u.ID)
	}
	return UserOut{User: u.ID}, storage.Release(ctx, a.emails, u.Email, u.ID)
}
