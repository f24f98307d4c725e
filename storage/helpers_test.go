package storage_test

import (
	"context"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
	"legible/storage/storagetest"
)

// item is the document the tests store.
type item struct {
	ID   string `bson:"_id"`
	Name string `bson:"name"`
	N    int    `bson:"n"`
}

// open opens the test's store on dir; see storagetest.Open.
var open = storagetest.Open

// contains reports whether s contains sub.
func contains(s, sub string) bool { return strings.Contains(s, sub) }

// findItem finds the item with the id, failing the test when it is missing.
func findItem(t *testing.T, coll *mongo.Collection, id string) item {
	t.Helper()
	var got item
	if err := coll.FindOne(context.Background(), bson.D{{Key: "_id", Value: id}}).Decode(&got); err != nil {
		t.Fatalf("finding %s: %v", id, err)
	}
	return got
}

// closeOrFail closes st, failing the test on an error.
func closeOrFail(t *testing.T, st *storage.Store) {
	t.Helper()
	if err := st.Close(context.Background()); err != nil {
		t.Error(err)
	}
}
