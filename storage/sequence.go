package storage

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// SequenceField is the field of a counter document, {_id: name, next: n},
// that holds the last number Next handed out.
const SequenceField = "next"

// Next returns the next number of the sequence name, kept in coll, a
// collection of counter documents: 1 the first time, then 2, 3, and so
// on. Each call is one $inc upsert that returns the document after it,
// so concurrent calls never get the same number. A number whose caller
// fails is not given out again: a sequence may have gaps.
func Next(ctx context.Context, coll *mongo.Collection, name string) (int64, error) {
	if name == "" {
		return 0, fmt.Errorf("counting in %s: the sequence name is empty; name the sequence", coll.Name())
	}
	update := bson.D{{Key: "$inc", Value: bson.D{{Key: SequenceField, Value: int64(1)}}}}
	opts := options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)
	var doc struct {
		Next int64 `bson:"next"`
	}
	err := coll.FindOneAndUpdate(ctx, ByID(name), update, opts).Decode(&doc)
	if IsDuplicate(err) { // a concurrent upsert made the document first; now the update finds it
		err = coll.FindOneAndUpdate(ctx, ByID(name), update, opts).Decode(&doc)
	}
	if err != nil {
		return 0, fmt.Errorf("counting the sequence %s in %s: %w; check that the database is reachable", name,
			coll.Name(), err)
	}
	return doc.Next, nil
}
