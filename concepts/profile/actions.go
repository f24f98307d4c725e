package profile

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
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
// empty bio and image. An empty user or username, one longer than
// MaxUsername, a username another profile has, and a user who has a
// profile already are concept errors.
func (p *Profile) Create(ctx context.Context, in CreateIn) (UserIO, error) {
	username := strings.TrimSpace(in.Username)
	switch {
	case in.User == "":
		return UserIO{}, concepts.Errorf("user is empty; pass the id of the user the profile is for")
	case username == "":
		return UserIO{}, concepts.Errorf("username is empty; choose a username")
	}
	if err := concepts.TooLong("username", username, MaxUsername); err != nil {
		return UserIO{}, err
	}
	if err := p.noProfile(ctx, in.User); err != nil {
		return UserIO{}, err
	}
	err := p.profiles.Insert(ctx, in.User, profileDoc{Username: username})
	if errors.Is(err, storage.ErrTaken) { // the user's id, taken meanwhile, or the username
		if err := p.noProfile(ctx, in.User); err != nil {
			return UserIO{}, err
		}
	}
	if err != nil {
		return UserIO{}, takenError(username, err)
	}
	return UserIO{User: in.User}, nil
}

// noProfile returns a concept error when the user has a profile.
func (p *Profile) noProfile(ctx context.Context, user string) error {
	_, has, err := p.profiles.Get(ctx, user)
	if err == nil && has {
		err = concepts.Errorf("user %s has a profile already; update it instead", user)
	}
	return err
}

// takenError turns storage.ErrTaken into the concept error for a username
// another profile has.
func takenError(username string, err error) error {
	if errors.Is(err, storage.ErrTaken) {
		return concepts.Errorf("username %s is taken; choose another", username)
	}
	return err
}

// Update changes the fields of the user's profile that are given: the
// username, trimmed, the bio and the image. A user without a profile, an
// empty username, a username another profile has, and a field longer than
// the spec allows are concept errors.
func (p *Profile) Update(ctx context.Context, in UpdateIn) (UserIO, error) {
	d, found, err := p.profiles.Get(ctx, in.User)
	switch {
	case err != nil:
		return UserIO{}, err
	case !found:
		return UserIO{}, concepts.Errorf("user %s has no profile; create one first", in.User)
	}
	if err := change(&d, in); err != nil {
		return UserIO{}, err
	}
	if err := p.profiles.Put(ctx, in.User, d); err != nil {
		return UserIO{}, takenError(d.Username, err)
	}
	return UserIO{User: in.User}, nil
}

// change checks update's inputs and applies them to d.
func change(d *profileDoc, in UpdateIn) error {
	if in.Username != nil {
		username := strings.TrimSpace(*in.Username)
		if username == "" {
			return concepts.Errorf("username is empty; choose a username, or leave it out to keep %s", d.Username)
		}
		d.Username = username
	}
	if in.Bio != nil {
		d.Bio = *in.Bio
	}
	if in.Image != nil {
		d.Image = *in.Image
	}
	return cmp.Or(concepts.TooLong("username", d.Username, MaxUsername), concepts.TooLong("bio", d.Bio, MaxBio),
		concepts.TooLong("image", d.Image, MaxImage))
}

// Get returns, for each user, the username, bio and image of its profile,
// if it has one; one read by ids answers all the users.
func (p *Profile) Get(ctx context.Context, ins []UserIO) ([][]Row, error) {
	users := make([]string, len(ins))
	for i, in := range ins {
		users[i] = in.User
	}
	docs, err := p.profiles.GetMany(ctx, users)
	if err != nil {
		return nil, err
	}
	out := make([][]Row, len(ins))
	for i, in := range ins {
		if d, ok := docs[in.User]; ok {
			out[i] = []Row{{Username: d.Username, Bio: d.Bio, Image: d.Image}}
		}
	}
	return out, nil
}

// GetByUsername returns the user, bio and image of the profile with the
// username, trimmed as create and update trim it, if there is one.
func (p *Profile) GetByUsername(ctx context.Context, in UsernameIn) ([]UserRow, error) {
	username := strings.TrimSpace(in.Username)
	if username == "" {
		return nil, nil
	}
	d, found, err := p.profiles.FindOne(ctx, storage.Eq("username", username))
	if !found || err != nil {
		return nil, err
	}
	return []UserRow{{User: d.ID, Bio: d.Value.Bio, Image: d.Value.Image}}, nil
}
