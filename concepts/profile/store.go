package profile

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
)

// profileDoc is a profile in Profile.profiles.
type profileDoc struct {
	User     string `bson:"_id"`
	Username string `bson:"username"`
	Bio      string `bson:"bio"`
}

// usernameDoc maps a username to its user in Profile.usernames.
type usernameDoc struct {
	Username string `bson:"_id"`
	User     string `bson:"user"`
}

// errDuplicate says that an insert hit a unique key.
var errDuplicate = errors.New("duplicate key")

// releaseTimeout bounds undoing a username claim after a failed create.
const releaseTimeout = 5 * time.Second

// claimUsername records that username belongs to user; errDuplicate when
// another profile has it.
func (p *Profile) claimUsername(ctx context.Context, username, user string) error {
	_, err := p.usernames.InsertOne(ctx, usernameDoc{Username: username, User: user})
	return insertError(err, UsernamesCollection)
}

// insertProfile stores a new profile; errDuplicate when the user has one.
func (p *Profile) insertProfile(ctx context.Context, d profileDoc) error {
	_, err := p.profiles.InsertOne(ctx, d)
	return insertError(err, ProfilesCollection)
}

// releaseUsername undoes claimUsername, even when ctx is cancelled already.
func (p *Profile) releaseUsername(ctx context.Context, username, user string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	_, err := p.usernames.DeleteOne(ctx, bson.D{{Key: "_id", Value: username}, {Key: "user", Value: user}})
	if err != nil {
		return fmt.Errorf("releasing username %s in %s: %w; delete that document by hand so the username is free again",
			username, UsernamesCollection, err)
	}
	return nil
}

// insertError sorts the error of an insert into coll: nil, errDuplicate,
// or a database error.
func insertError(err error, coll string) error {
	switch {
	case err == nil:
		return nil
	case storage.IsDuplicate(err):
		return errDuplicate
	}
	return fmt.Errorf("inserting into %s: %w; check that the database is reachable", coll, err)
}

// find returns the profile of user, or nil.
func (p *Profile) find(ctx context.Context, user string) (*profileDoc, error) {
	if user == "" {
		return nil, nil
	}
	var d profileDoc
	err := p.profiles.FindOne(ctx, byID(user)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w; check that the database is reachable", ProfilesCollection, err)
	}
	return &d, nil
}

// setBio sets the bio of user's profile; it reports false when the user
// has no profile.
func (p *Profile) setBio(ctx context.Context, user, bio string) (bool, error) {
	res, err := p.profiles.UpdateOne(ctx, byID(user), bson.D{{Key: "$set", Value: bson.D{{Key: "bio", Value: bio}}}})
	if err != nil {
		return false, fmt.Errorf("updating %s: %w; check that the database is reachable", ProfilesCollection, err)
	}
	return res.MatchedCount > 0, nil
}

// byID filters on the `_id`.
func byID(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }
