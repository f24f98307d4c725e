package profile

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
)

// profileDoc is a profile in Profile.profiles.
type profileDoc struct {
	User     string `bson:"_id"`
	Username string `bson:"username"`
	Bio      string `bson:"bio"`
	Image    string `bson:"image"`
}

// find returns the profile of user, or nil.
func (p *Profile) find(ctx context.Context, user string) (*profileDoc, error) {
	var d profileDoc
	if found, err := storage.FindByID(ctx, p.profiles, user, &d); !found || err != nil {
		return nil, err
	}
	return &d, nil
}

// byUsername returns the profile with the username, or nil. A claim
// whose profile has another username is stale, left by a change under way
// or interrupted: it names no profile.
func (p *Profile) byUsername(ctx context.Context, username string) (*profileDoc, error) {
	user, err := storage.Owner(ctx, p.usernames, username)
	if user == "" || err != nil {
		return nil, err
	}
	d, err := p.find(ctx, user)
	if d == nil || err != nil || d.Username != username {
		return nil, err // a create under way, or a stale claim
	}
	return d, nil
}

// set sets fields of the profile d. When the username changes, it does so
// only while the profile still has d's username, so that of two concurrent
// changes of one profile's username only one succeeds.
func (p *Profile) set(ctx context.Context, d *profileDoc, username string, fields bson.D) error {
	filter := storage.ByID(d.User)
	if username != d.Username {
		filter = append(filter, bson.E{Key: "username", Value: d.Username})
	}
	matched, err := storage.SetFields(ctx, p.profiles, filter, fields)
	if err == nil && !matched {
		err = concepts.Errorf("the profile of user %s changed while updating it; check it with _get and try again", d.User)
	}
	return err
}
