package storage

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// item is the document the tests store.
type item struct {
	ID   string `bson:"_id"`
	Name string `bson:"name"`
	N    int    `bson:"n"`
}

// findItem finds the item with the id, failing the test when it is missing.
func findItem(t *testing.T, coll *mongo.Collection, id string) item {
	t.Helper()
	var got item
	if err := coll.FindOne(context.Background(), bson.D{{Key: "_id", Value: id}}).Decode(&got); err != nil {
		t.Fatalf("finding %s: %v", id, err)
	}
	return got
}

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
	if st.Embedded() != (external == "") {
		t.Fatalf("Embedded() = %v with MONGODB_URI %q", st.Embedded(), external)
	}
}

func TestRestartKeepsData(t *testing.T) {
	embeddedOnly(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	first, err := Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = first.Database().Collection("Test.items").InsertOne(ctx, item{ID: "a", Name: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(ctx); err != nil {
		t.Fatal(err)
	}
	second := open(t, dir)
	if got := findItem(t, second.Database().Collection("Test.items"), "a"); got.Name != "ann" {
		t.Fatalf("after a restart found %+v, want name ann", got)
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

func TestCloseIsFastAndIdempotent(t *testing.T) {
	embeddedOnly(t)
	ctx := context.Background()
	st, err := Open(ctx, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Database().Collection("Test.items").InsertOne(ctx, item{ID: "a"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("Close took %v; it should disconnect before stopping the server", d)
	}
	if err := st.Close(ctx); err != nil {
		t.Fatalf("second Close: %v, want nil", err)
	}
}

func TestTwoStoresOnTwoDirs(t *testing.T) {
	embeddedOnly(t)
	ctx := context.Background()
	a, b := open(t, t.TempDir()), open(t, t.TempDir())
	if _, err := a.Database().Collection("Test.items").InsertOne(ctx, item{ID: "a", Name: "in a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Database().Collection("Test.items").InsertOne(ctx, item{ID: "a", Name: "in b"}); err != nil {
		t.Fatal(err)
	}
	if got := findItem(t, a.Database().Collection("Test.items"), "a"); got.Name != "in a" {
		t.Fatalf("store a found %+v, want its own document", got)
	}
	if got := findItem(t, b.Database().Collection("Test.items"), "a"); got.Name != "in b" {
		t.Fatalf("store b found %+v, want its own document", got)
	}
}

func TestOpenBadURI(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := Open(ctx, Options{URI: "mongodb://user:secret@127.0.0.1:1/?serverSelectionTimeoutMS=200"})
	if err == nil {
		t.Fatal("Open on a port nobody listens on succeeded")
	}
	if msg := err.Error(); !contains(msg, "MONGODB_URI") || contains(msg, "secret") {
		t.Fatalf("error %q should name MONGODB_URI and hide the password", msg)
	}
}

func TestOpenURI(t *testing.T) {
	embeddedOnly(t)
	ctx := context.Background()
	server := open(t, t.TempDir())
	st, err := Open(ctx, Options{URI: server.server.uri, DB: "other"})
	if err != nil {
		t.Fatal(err)
	}
	defer closeOrFail(t, st)
	if st.Embedded() {
		t.Fatal("a store opened on a URI says it is embedded")
	}
	if _, err := st.Database().Collection("Test.items").InsertOne(ctx, item{ID: "a", Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	other := server.Database().Client().Database("other").Collection("Test.items")
	if got := findItem(t, other, "a"); got.Name != "ann" {
		t.Fatalf("found %+v through the embedded client, want name ann", got)
	}
}

// closeOrFail closes st, failing the test on an error.
func closeOrFail(t *testing.T, st *Store) {
	t.Helper()
	if err := st.Close(context.Background()); err != nil {
		t.Error(err)
	}
}
