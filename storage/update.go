package storage

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// SetFields sets fields in the document of coll that filter matches, in one
// $set update, and reports whether a document matched. Fields that are
// empty set nothing: it then only reports whether one matches. An error
// wraps ErrTaken when the new values repeat a unique key (IsDuplicate),
// and otherwise names coll.
func SetFields(ctx context.Context, coll *mongo.Collection, filter, fields bson.D) (matched bool, err error) {
	if len(fields) == 0 {
		n, err := coll.CountDocuments(ctx, filter)
		return n > 0, writeError("updating", coll, err)
	}
	res, err := coll.UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: fields}})
	if err != nil {
		return false, writeError("updating", coll, err)
	}
	return res.MatchedCount > 0, nil
}

// Reclaim moves owner's unique key in claims, a collection of claims
// (Claim), from oldKey to newKey around write, the write that changes the
// key in the owner's own document. It claims newKey, runs write, and then
// releases oldKey; when write fails it releases newKey instead. When the
// keys are equal it only runs write. A newKey held by another owner is an
// error wrapping ErrTaken, and write is not run. write should change the
// document only while it still has oldKey (filter on it), so that two
// concurrent changes of one owner's key cannot both succeed.
func Reclaim(ctx context.Context, claims *mongo.Collection, oldKey, newKey, owner string, write func() error) error {
	if oldKey == newKey {
		return write()
	}
	if err := Claim(ctx, claims, newKey, owner); err != nil {
		return err
	}
	if err := write(); err != nil {
		return errors.Join(err, Release(ctx, claims, newKey, owner))
	}
	return Release(ctx, claims, oldKey, owner)
}
