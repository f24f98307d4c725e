package authenticating

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
)

// userDoc is a user in Authenticating.users.
type userDoc struct {
	ID           string `bson:"_id"`
	Email        string `bson:"email"`
	PasswordHash string `bson:"passwordHash"`
}

// emailDoc maps a normalised email to its user in Authenticating.emails.
type emailDoc struct {
	ID   string `bson:"_id"` // the normalised email
	User string `bson:"user"`
}

// errTaken says that an insert hit a unique key: the email is registered.
var errTaken = errors.New("email taken")

// releaseTimeout bounds undoing an email claim after a failed register.
const releaseTimeout = 5 * time.Second

// claimEmail records that email belongs to user; errTaken when another
// user has it.
func (a *Authenticating) claimEmail(ctx context.Context, email, user string) error {
	_, err := a.emails.InsertOne(ctx, emailDoc{ID: email, User: user})
	return insertError(err, EmailsCollection)
}

// insertUser stores the user; errTaken when another user has the email.
func (a *Authenticating) insertUser(ctx context.Context, u userDoc) error {
	_, err := a.users.InsertOne(ctx, u)
	return insertError(err, UsersCollection)
}

// releaseEmail undoes claimEmail, even when ctx is cancelled already.
func (a *Authenticating) releaseEmail(ctx context.Context, email, user string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	_, err := a.emails.DeleteOne(ctx, bson.D{{Key: "_id", Value: email}, {Key: "user", Value: user}})
	if err != nil {
		return fmt.Errorf("releasing email %s in %s: %w; delete that document by hand so the email can register again",
			email, EmailsCollection, err)
	}
	return nil
}

// insertError sorts the error of an insert into coll: nil, errTaken, or a
// database error.
func insertError(err error, coll string) error {
	switch {
	case err == nil:
		return nil
	case storage.IsDuplicate(err):
		return errTaken
	}
	return fmt.Errorf("inserting into %s: %w; check that the database is reachable", coll, err)
}

// byEmail returns the user registered with a normalised email, or nil.
func (a *Authenticating) byEmail(ctx context.Context, email string) (*userDoc, error) {
	if email == "" {
		return nil, nil
	}
	var e emailDoc
	if ok, err := findByID(ctx, a.emails, email, &e); !ok || err != nil {
		return nil, err
	}
	var u userDoc
	if ok, err := findByID(ctx, a.users, e.User, &u); !ok || err != nil {
		return nil, err // no user yet: its registration is under way
	}
	return &u, nil
}

// findByID decodes the document of coll with the given _id into into; it
// reports false when there is none.
func findByID(ctx context.Context, coll *mongo.Collection, id string, into any) (bool, error) {
	err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(into)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return false, nil
	}
	return false, fmt.Errorf("reading %s: %w; check that the database is reachable", coll.Name(), err)
}
