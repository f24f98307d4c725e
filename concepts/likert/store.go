package likert

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// byID filters on the `_id`.
func byID(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }

// findByID decodes the document id of coll into doc; it reports false,
// without an error, when there is none.
func findByID(ctx context.Context, coll *mongo.Collection, id string, doc any) (bool, error) {
	if id == "" {
		return false, nil
	}
	err := coll.FindOne(ctx, byID(id)).Decode(doc)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return false, nil
	case err != nil:
		return false, readError(coll, err)
	}
	return true, nil
}

// insert stores doc in coll; the error is the driver's, for
// storage.IsDuplicate to inspect.
func insert(ctx context.Context, coll *mongo.Collection, doc any) error {
	_, err := coll.InsertOne(ctx, doc)
	return err
}

// findAll decodes the documents of coll whose field equals value, sorted by
// the keys, into docs.
func findAll[T any](ctx context.Context, coll *mongo.Collection, field, value string, sort bson.D) ([]T, error) {
	cur, err := coll.Find(ctx, bson.D{{Key: field, Value: value}}, options.Find().SetSort(sort))
	if err != nil {
		return nil, readError(coll, err)
	}
	var docs []T
	if err := cur.All(ctx, &docs); err != nil {
		return nil, readError(coll, err)
	}
	return docs, nil
}

// readError wraps an error of reading coll.
func readError(coll *mongo.Collection, err error) error {
	return fmt.Errorf("reading %s: %w; check that the database is reachable", coll.Name(), err)
}

// writeError wraps an error of writing to coll.
func writeError(coll *mongo.Collection, err error) error {
	return fmt.Errorf("writing to %s: %w; check that the database is reachable", coll.Name(), err)
}
