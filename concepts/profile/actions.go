package profile

import (
	"context"
	"errors"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
)

// CreateIn is the input of create.
type CreateIn struct {
	User     string `json:"user"`
	Username string `json:"username"`
}

// UpdateIn is the input of update; a nil Username, Bio or Image is left
// as it is.
type UpdateIn struct {
	User     string  `json:"user"`
	Username *string `json:"username"`
	Bio      *string `json:"bio"`
	Image    *string `json:"image"`
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
	Image    string `json:"image"`
}

// UsernameIn is the input of _getByUsername.
type UsernameIn struct {
	Username string `json:"username"`
}

// UserRow is the row of _getByUsername.
type UserRow struct {
	User  string `json:"user"`
	Bio   string `json:"bio"`
	Image string `json:"image"`
}

// Create gives the user a profile with the username, trimmed, and an
// empty bio and image. An empty user or username, a username another
// profile has, and a user who has a profile already are concept errors.
func (p *Profile) Create(ctx context.Context, in CreateIn) (UserIO, error) {
	username := strings.TrimSpace(in.Username)
	if err := p.checkCreate(ctx, in.User, username); err != nil {
		return UserIO{}, err
	}
	if err := storage.Claim(ctx, p.usernames, username, in.User); errors.Is(err, storage.ErrTaken) {
		return UserIO{}, taken(username)
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

// taken is the concept error for a username another profile has.
func taken(username string) error {
	return concepts.Errorf("username %s is taken; choose another", username)
}

// hasProfile is the concept error for a second profile of one user.
func hasProfile(user string) error {
	return concepts.Errorf("user %s has a profile already; update it instead", user)
}

// Update changes the fields of the user's profile that are given: the
// username, trimmed, the bio and the image. A new username is claimed in
// Profile.usernames before the profile changes, and the old one released
// after. A user without a profile, an empty username and a username
// another profile has are concept errors.
func (p *Profile) Update(ctx context.Context, in UpdateIn) (UserIO, error) {
	d, err := p.find(ctx, in.User)
	switch {
	case err != nil:
		return UserIO{}, err
	case d == nil:
		return UserIO{}, concepts.Errorf("user %s has no profile; create one first", in.User)
	}
	username, fields, err := changes(d, in)
	if err != nil {
		return UserIO{}, err
	}
	write := func() error { return p.set(ctx, d, username, fields) }
	err = storage.Reclaim(ctx, p.usernames, d.Username, username, d.User, write)
	if errors.Is(err, storage.ErrTaken) {
		return UserIO{}, taken(username)
	}
	return UserIO{User: d.User}, err
}

// changes checks update's inputs; it returns the username after the
// update, and the fields to set.
func changes(d *profileDoc, in UpdateIn) (username string, fields bson.D, err error) {
	username = d.Username
	if in.Username != nil {
		if username = strings.TrimSpace(*in.Username); username == "" {
			return "", nil, concepts.Errorf("username is empty; choose a username, or leave it out to keep %s", d.Username)
		}
		if username != d.Username {
			fields = append(fields, bson.E{Key: "username", Value: username})
		}
	}
	if in.Bio != nil {
		fields = append(fields, bson.E{Key: "bio", Value: *in.Bio})
	}
	if in.Image != nil {
		fields = append(fields, bson.E{Key: "image", Value: *in.Image})
	}
	return username, fields, nil
}

// Get returns the username, bio and image of the user's profile, if it
// has one.
func (p *Profile) Get(ctx context.Context, in UserIO) ([]Row, error) {
	d, err := p.find(ctx, in.User)
	if d == nil || err != nil {
		return nil, err
	}
	return []Row{{Username: d.Username, Bio: d.Bio, Image: d.Image}}, nil
}

// GetByUsername returns the user, bio and image of the profile with the
// username, trimmed as create and update trim it, if there is one: an
// `_id` lookup in Profile.usernames, then one in Profile.profiles.
func (p *Profile) GetByUsername(ctx context.Context, in UsernameIn) ([]UserRow, error) {
	d, err := p.byUsername(ctx, strings.TrimSpace(in.Username))
	if d == nil || err != nil {
		return nil, err
	}
	return []UserRow{{User: d.User, Bio: d.Bio, Image: d.Image}}, nil
}
