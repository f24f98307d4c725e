package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ErrTaken says that a write hit a unique key: its `_id`, or the keys of a
// unique index, belong to another document. Insert, Claim, SetFields and
// Reclaim return errors that wrap it, for errors.Is.
var ErrTaken = errors.New("duplicate key")

// UndoTimeout bounds the undoing of a half-done write (Release, and the
// clean-ups concepts run through Undoing), which runs even when the
// caller's context is cancelled already.
const UndoTimeout = 5 * time.Second

// Undoing returns a context for undoing a half-done write: it keeps the
// values of ctx but not its cancellation (a cancelled request is the
// likely reason the write failed), and ends after UndoTimeout.
func Undoing(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), UndoTimeout)
}

// Collection returns db's collection called name, or nil when db is nil:
// a concept built without a database, for conformance checks, has nil
// collections.
func Collection(db *mongo.Database, name string) *mongo.Collection {
	if db == nil {
		return nil
	}
	return db.Collection(name)
}

// ByID is the filter on the `_id` id.
func ByID(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }

// Insert stores doc in coll. An error wraps ErrTaken when doc repeats a
// unique key (IsDuplicate), and otherwise names coll.
func Insert(ctx context.Context, coll *mongo.Collection, doc any) error {
	_, err := coll.InsertOne(ctx, doc)
	return writeError("inserting into", coll, err)
}

// writeError names coll in err, an error of doing (such as "updating")
// to coll, wrapping ErrTaken for a duplicate key (IsDuplicate); it is nil
// when err is.
func writeError(doing string, coll *mongo.Collection, err error) error {
	switch {
	case err == nil:
		return nil
	case IsDuplicate(err):
		return fmt.Errorf("%s %s: %w", doing, coll.Name(), ErrTaken)
	}
	return fmt.Errorf("%s %s: %w; check that the database is reachable", doing, coll.Name(), err)
}

// FindByID decodes the document of coll whose `_id` is id into into, and
// reports whether there is one. An empty id finds nothing, without asking
// the database. An error names coll.
func FindByID(ctx context.Context, coll *mongo.Collection, id string, into any) (found bool, err error) {
	if id == "" {
		return false, nil
	}
	err = coll.FindOne(ctx, ByID(id)).Decode(into)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return false, nil
	}
	return false, fmt.Errorf("reading %s: %w; check that the database is reachable", coll.Name(), err)
}

// Claim records in coll, a collection of claims, that the unique key
// belongs to owner: it inserts the document {_id: key, user: owner}. Two
// concurrent claims of one key cannot both succeed; the loser's error
// wraps ErrTaken.
func Claim(ctx context.Context, coll *mongo.Collection, key, owner string) error {
	return Insert(ctx, coll, claimDoc{Key: key, Owner: owner})
}

// claimDoc is a document of a collection of claims: the unique key, as
// its `_id`, and its owner.
type claimDoc struct {
	Key   string `bson:"_id"`
	Owner string `bson:"user"`
}

// Owner returns the owner of the claim of key in coll, a collection of
// claims (Claim), or "" when key is unclaimed. An empty key is unclaimed,
// without asking the database. A claim may be stale, left by a change of
// key under way or interrupted (Reclaim): check that the owner's document
// still has key before trusting it.
func Owner(ctx context.Context, coll *mongo.Collection, key string) (string, error) {
	var c claimDoc
	_, err := FindByID(ctx, coll, key, &c)
	return c.Owner, err
}

// Release undoes Claim: it deletes the claim of key when owner holds it,
// so that a failed write can give back what it claimed. It runs even when
// ctx is cancelled already, for UndoTimeout at most (Undoing). The error names
// the claim and coll, and says how to free the key by hand.
func Release(ctx context.Context, coll *mongo.Collection, key, owner string) error {
	ctx, cancel := Undoing(ctx)
	defer cancel()
	_, err := coll.DeleteOne(ctx, claimDoc{Key: key, Owner: owner})
	if err != nil {
		return fmt.Errorf("releasing the claim of %s by %s in %s: %w; delete that document by hand so that %s is free again",
			key, owner, coll.Name(), err, key)
	}
	return nil
}

// Index creates the ascending index name on the keys of coll, unique when
// unique is set. Creating an index that exists already does nothing, so
// concepts' Setup can call it at every start. The error names the index
// and coll, and says what to check.
func Index(ctx context.Context, coll *mongo.Collection, name string, unique bool, keys ...string) error {
	spec := make(bson.D, len(keys))
	for i, k := range keys {
		spec[i] = bson.E{Key: k, Value: 1}
	}
	opts := options.Index().SetName(name)
	if unique {
		opts.SetUnique(true)
	}
	_, err := coll.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: spec, Options: opts})
	switch {
	case err == nil:
		return nil
	case unique:
		return fmt.Errorf("creating the unique index %s on %s: %w; check that the database is reachable and that "+
			"no two documents have the same %s", name, coll.Name(), err, strings.Join(keys, " and "))
	}
	return fmt.Errorf("creating the index %s on %s: %w; check that the database is reachable", name, coll.Name(), err)
}
