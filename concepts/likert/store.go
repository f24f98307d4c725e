package likert

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/storage"
)

// mustFind decodes the document id of coll into doc; the error is missing
// when there is none.
func mustFind(ctx context.Context, coll *mongo.Collection, id string, doc any, missing error) error {
	found, err := storage.FindByID(ctx, coll, id, doc)
	if err == nil && !found {
		return missing
	}
	return err
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
