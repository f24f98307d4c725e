package storage_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
	"legible/storage/storagetest"
)

// cancelled is a context that is done already, to make the driver fail.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// wantDBError checks that err is a database error, not ErrTaken, naming
// coll and saying what to check.
func wantDBError(t *testing.T, what string, err error, coll *mongo.Collection) {
	t.Helper()
	switch {
	case err == nil:
		t.Fatalf("%s: no error, want a database error", what)
	case errors.Is(err, storage.ErrTaken):
		t.Fatalf("%s: %v, want a database error, not ErrTaken", what, err)
	case !contains(err.Error(), coll.Name()) || !contains(err.Error(), "check that the database is reachable"):
		t.Fatalf("%s: %q, want it to name %s and say what to check", what, err, coll.Name())
	}
}

func TestInsert(t *testing.T) {
	coll := uniqueNames(t) // holds a (ann) and b (bob)
	ctx := context.Background()
	cases := []struct {
		name  string
		doc   item
		taken bool
	}{
		{"new", item{ID: "c", Name: "cid"}, false},
		{"same _id", item{ID: "a", Name: "dan"}, true},
		{"same unique name", item{ID: "d", Name: "bob"}, true},
	}
	for _, c := range cases {
		err := storage.Insert(ctx, coll, c.doc)
		switch {
		case !c.taken && err != nil:
			t.Errorf("%s: Insert = %v, want nil", c.name, err)
		case c.taken && !errors.Is(err, storage.ErrTaken):
			t.Errorf("%s: Insert = %v, want ErrTaken", c.name, err)
		case c.taken && !contains(err.Error(), coll.Name()):
			t.Errorf("%s: %q does not name the collection", c.name, err)
		}
	}
	if got := findItem(t, coll, "c"); got.Name != "cid" {
		t.Fatalf("found %+v after Insert, want name cid", got)
	}
	wantDBError(t, "Insert with a cancelled context", storage.Insert(cancelled(), coll, item{ID: "e"}), coll)
}

func TestFindByID(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.items")
	ctx := context.Background()
	for _, it := range []item{{ID: "a", Name: "ann"}, {ID: "", Name: "nobody"}} {
		if err := storage.Insert(ctx, coll, it); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		id    string
		found bool
		name  string
	}{
		{"a", true, "ann"},
		{"b", false, ""},
		{"", false, ""}, // an empty id finds nothing, even the document whose _id is ""
	}
	for _, c := range cases {
		var got item
		found, err := storage.FindByID(ctx, coll, c.id, &got)
		if err != nil || found != c.found || got.Name != c.name {
			t.Errorf("FindByID %q = %v, %v, decoding %+v; want %v, nil, name %q", c.id, found, err, got, c.found, c.name)
		}
	}
	_, err := storage.FindByID(cancelled(), coll, "a", &item{})
	wantDBError(t, "FindByID with a cancelled context", err, coll)
}

func TestClaimAndRelease(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.claims")
	ctx := context.Background()
	if err := storage.Claim(ctx, coll, "ann", "u1"); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"ann": "u1", "bob": "", "": ""} {
		if got, err := storage.Owner(ctx, coll, key); got != want || err != nil {
			t.Fatalf("Owner of %q: %q, %v; want %q", key, got, err, want)
		}
	}
	if err := storage.Claim(ctx, coll, "ann", "u2"); !errors.Is(err, storage.ErrTaken) {
		t.Fatalf("claiming a claimed key: %v, want ErrTaken", err)
	}
	if err := storage.Release(ctx, coll, "ann", "u2"); err != nil {
		t.Fatal(err)
	}
	if n := storagetest.Count(t, coll.Database(), coll.Name()); n != 1 {
		t.Fatalf("%d claims after another owner's release, want the claim kept", n)
	}
	if err := storage.Release(cancelled(), coll, "ann", "u1"); err != nil {
		t.Fatalf("releasing with a cancelled context: %v, want it done anyway", err)
	}
	if err := storage.Claim(ctx, coll, "ann", "u2"); err != nil {
		t.Fatalf("claiming a released key: %v", err)
	}
	_, err := storage.Owner(cancelled(), coll, "ann")
	wantDBError(t, "Owner with a cancelled context", err, coll)
}

func TestConcurrentClaimsOfOneKey(t *testing.T) {
	const n = 12
	coll := storagetest.Database(t).Collection("Test.claims")
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = storage.Claim(context.Background(), coll, "ann", fmt.Sprint("u", i)) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, storage.ErrTaken):
			t.Errorf("a losing claim: %v, want ErrTaken", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d of %d concurrent claims of one key won, want 1", won, n)
	}
}

func TestCollection(t *testing.T) {
	if c := storage.Collection(nil, "Test.items"); c != nil {
		t.Fatalf("Collection of a nil database = %v, want nil", c)
	}
	db := storagetest.Database(t)
	if c := storage.Collection(db, "Test.items"); c == nil || c.Name() != "Test.items" || c.Database() != db {
		t.Fatalf("Collection = %v, want Test.items of the database", c)
	}
	if want := (bson.D{{Key: "_id", Value: "a"}}); !reflect.DeepEqual(storage.ByID("a"), want) {
		t.Fatalf("ByID(a) = %v, want %v", storage.ByID("a"), want)
	}
}
