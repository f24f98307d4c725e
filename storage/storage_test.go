package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
	"legible/storage/storagetest"
)

func TestInsertFind(t *testing.T) {
	st := open(t, t.TempDir())
	ctx := context.Background()
	coll := st.Database().Collection("Test.items")
	if _, err := coll.InsertOne(ctx, item{ID: "a", Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	if got := findItem(t, coll, "a"); got.Name != "ann" {
		t.Fatalf("found %+v, want name ann", got)
	}
	err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: "b"}}).Err()
	if !errors.Is(err, mongo.ErrNoDocuments) {
		t.Fatalf("finding a missing id: %v, want ErrNoDocuments", err)
	}
	if err := st.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if st.Embedded() != (storagetest.External() == "") {
		t.Fatalf("Embedded() = %v with MONGODB_URI %q", st.Embedded(), storagetest.External())
	}
}

func TestConcurrentIncrements(t *testing.T) {
	const workers, each = 8, 50
	st := open(t, t.TempDir())
	ctx := context.Background()
	coll := st.Database().Collection("Test.counters")
	if _, err := coll.InsertOne(ctx, item{ID: "c"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() { errs <- increment(ctx, coll, "c", each) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := findItem(t, coll, "c"); got.N != workers*each {
		t.Fatalf("n = %d after %d×%d increments, want %d", got.N, workers, each, workers*each)
	}
}

// increment adds 1 to the n of the document id, times times.
func increment(ctx context.Context, coll *mongo.Collection, id string, times int) error {
	for range times {
		_, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}})
		if err != nil {
			return err
		}
	}
	return nil
}

func TestOpenBadURI(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := storage.Open(ctx, storage.Options{URI: "mongodb://user:secret@127.0.0.1:1/?serverSelectionTimeoutMS=200"})
	if err == nil {
		t.Fatal("Open on a port nobody listens on succeeded")
	}
	if msg := err.Error(); !contains(msg, "MONGODB_URI") || contains(msg, "secret") {
		t.Fatalf("error %q should name MONGODB_URI and hide the password", msg)
	}
}
