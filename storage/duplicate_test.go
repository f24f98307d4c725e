package storage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/storage"
)

// uniqueNames returns a collection with a unique index on name, holding
// the items a (name ann) and b (name bob).
func uniqueNames(t *testing.T) *mongo.Collection {
	t.Helper()
	ctx := context.Background()
	coll := open(t, t.TempDir()).Database().Collection("Test.unique")
	_, err := coll.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "name", Value: 1}},
		Options: options.Index().SetUnique(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []item{{ID: "a", Name: "ann"}, {ID: "b", Name: "bob"}} {
		if _, err := coll.InsertOne(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	return coll
}

func TestDuplicateInsert(t *testing.T) {
	coll := uniqueNames(t)
	ctx := context.Background()
	_, err := coll.InsertOne(ctx, item{ID: "c", Name: "ann"})
	if !storage.IsDuplicate(err) {
		t.Fatalf("inserting a second ann: %v, want a duplicate key error", err)
	}
	_, err = coll.InsertOne(ctx, item{ID: "a", Name: "cid"})
	if !storage.IsDuplicate(err) {
		t.Fatalf("inserting a second _id a: %v, want a duplicate key error", err)
	}
}

func TestDuplicateUpdate(t *testing.T) {
	coll := uniqueNames(t)
	_, err := coll.UpdateOne(context.Background(), bson.D{{Key: "_id", Value: "b"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: "ann"}}}})
	if !storage.IsDuplicate(err) {
		t.Fatalf("renaming bob to ann: %v, want a duplicate key error", err)
	}
}

func TestIsDuplicate(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain", errors.New("UNIQUE constraint failed: not from the server"), false},
		{"E11000 write", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 11000, Message: "E11000 duplicate key"}}}, true},
		{"E11000 command", mongo.CommandError{Code: 11000, Message: "E11000 duplicate key"}, true},
		{"FerretDB update", mongo.CommandError{Code: 1, Name: "InternalError",
			Message: "sqlite3: constraint failed: UNIQUE constraint failed: index 'name_1'"}, true},
		{"wrapped", fmt.Errorf("saving: %w", mongo.CommandError{Code: 1, Message: "UNIQUE constraint failed: x"}), true},
		{"other server error", mongo.CommandError{Code: 2, Message: "BadValue"}, false},
	}
	for _, c := range cases {
		if got := storage.IsDuplicate(c.err); got != c.want {
			t.Errorf("%s: IsDuplicate(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
}
