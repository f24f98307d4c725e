package profile

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/storage"
)

// profileDoc is a profile in Profile.profiles.
type profileDoc struct {
	User     string `bson:"_id"`
	Username string `bson:"username"`
	Bio      string `bson:"bio"`
}

// find returns the profile of user, or nil.
func (p *Profile) find(ctx context.Context, user string) (*profileDoc, error) {
	var d profileDoc
	if found, err := storage.FindByID(ctx, p.profiles, user, &d); !found || err != nil {
		return nil, err
	}
	return &d, nil
}

// setBio sets the bio of user's profile; it reports false when the user
// has no profile.
func (p *Profile) setBio(ctx context.Context, user, bio string) (bool, error) {
	res, err := p.profiles.UpdateOne(ctx, storage.ByID(user), bson.D{{Key: "$set", Value: bson.D{{Key: "bio", Value: bio}}}})
	if err != nil {
		return false, fmt.Errorf("updating %s: %w; check that the database is reachable", ProfilesCollection, err)
	}
	return res.MatchedCount > 0, nil
}
