package profile

import (
	"context"
	"errors"
	"strings"

	"legible/concepts"
	"legible/storage"
)

// CreateIn is the input of create.
type CreateIn struct {
	User     string `json:"user"`
	Username string `json:"username"`
}

// UpdateIn is the input of update; a nil Bio leaves the bio as it is.
type UpdateIn struct {
	User string  `json:"user"`
	Bio  *string `json:"bio"`
}

// UserIO names a user: the input of _get, the success output of create
// and update.
type UserIO struct {
	User string `json:"user"`
}

// Row is the row of _get.
type Row struct {
	Username string `json:"username"`
	Bio      string `json:"bio"`
}

// Create gives the user a profile with the username, trimmed, and an
// empty bio. An empty user or username, a username another profile has,
// and a user who has a profile already are concept errors.
func (p *Profile) Create(ctx context.Context, in CreateIn) (UserIO, error) {
	username := strings.TrimSpace(in.Username)
	if err := p.checkCreate(ctx, in.User, username); err != nil {
		return UserIO{}, err
	}
	if err := storage.Claim(ctx, p.usernames, username, in.User); errors.Is(err, storage.ErrTaken) {
		return UserIO{}, concepts.Errorf("username %s is taken; choose another", username)
	} else if err != nil {
		return UserIO{}, err
	}
	err := storage.Insert(ctx, p.profiles, profileDoc{User: in.User, Username: username})
	if err != nil {
		if errors.Is(err, storage.ErrTaken) {
			err = hasProfile(in.User) // a concurrent create for the same user won
		}
		return UserIO{}, errors.Join(err, storage.Release(ctx, p.usernames, username, in.User))
	}
	return UserIO{User: in.User}, nil
}

// checkCreate checks the inputs of create, and that the user has no
// profile yet.
func (p *Profile) checkCreate(ctx context.Context, user, username string) error {
	switch {
	case user == "":
		return concepts.Errorf("user is empty; pass the id of the user the profile is for")
	case username == "":
		return concepts.Errorf("username is empty; choose a username")
	}
	d, err := p.find(ctx, user)
	if err == nil && d != nil {
		err = hasProfile(user)
	}
	return err
}

// hasProfile is the concept error for a second profile of one user.
func hasProfile(user string) error {
	return concepts.Errorf("user %s has a profile already; update it instead", user)
}

// Update sets the bio of the user's profile when bio is given. A user
// without a profile is a concept error.
func (p *Profile) Update(ctx context.Context, in UpdateIn) (UserIO, error) {
	found, err := p.apply(ctx, in)
	switch {
	case err != nil:
		return UserIO{}, err
	case !found:
		return UserIO{}, concepts.Errorf("user %s has no profile; create one first", in.User)
	}
	return UserIO{User: in.User}, nil
}

// apply sets the bio when update gives one; it reports whether the user
// has a profile.
func (p *Profile) apply(ctx context.Context, in UpdateIn) (bool, error) {
	if in.Bio != nil {
		return p.setBio(ctx, in.User, *in.Bio)
	}
	d, err := p.find(ctx, in.User)
	return d != nil, err
}

// Get returns the username and bio of the user's profile, if it has one.
func (p *Profile) Get(ctx context.Context, in UserIO) ([]Row, error) {
	d, err := p.find(ctx, in.User)
	if d == nil || err != nil {
		return nil, err
	}
	return []Row{{Username: d.Username, Bio: d.Bio}}, nil
}
