package storage_test

import (
	"context"
	"errors"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/storage"
	"legible/storage/storagetest"
)

// name is the $set of a name.
func name(n string) bson.D { return bson.D{{Key: "name", Value: n}} }

func TestSetFields(t *testing.T) {
	coll := uniqueNames(t) // holds a (ann) and b (bob)
	ctx := context.Background()
	cases := []struct {
		what    string
		filter  bson.D
		fields  bson.D
		matched bool
		taken   bool
		wantA   string
	}{
		{"a new name", storage.ByID("a"), name("amy"), true, false, "amy"},
		{"nothing to set", storage.ByID("a"), nil, true, false, "amy"},
		{"nothing to set, no match", storage.ByID("z"), nil, false, false, "amy"},
		{"no such document", storage.ByID("z"), name("zed"), false, false, "amy"},
		{"filter on the old name", append(storage.ByID("a"), bson.E{Key: "name", Value: "ann"}), name("al"), false, false, "amy"},
		{"a taken name", storage.ByID("a"), name("bob"), false, true, "amy"},
	}
	for _, c := range cases {
		matched, err := storage.SetFields(ctx, coll, c.filter, c.fields)
		switch {
		case c.taken && !errors.Is(err, storage.ErrTaken):
			t.Errorf("%s: %v, want ErrTaken", c.what, err)
		case !c.taken && err != nil:
			t.Errorf("%s: %v", c.what, err)
		case matched != c.matched:
			t.Errorf("%s: matched %v, want %v", c.what, matched, c.matched)
		}
		if got := findItem(t, coll, "a").Name; got != c.wantA {
			t.Errorf("%s: a is named %s, want %s", c.what, got, c.wantA)
		}
	}
	_, err := storage.SetFields(cancelled(), coll, storage.ByID("a"), name("x"))
	wantDBError(t, "SetFields with a cancelled context", err, coll)
	_, err = storage.SetFields(cancelled(), coll, storage.ByID("a"), nil)
	wantDBError(t, "SetFields of nothing with a cancelled context", err, coll)
}

func TestReclaim(t *testing.T) {
	db := storagetest.Database(t)
	claims := db.Collection("Test.claims")
	ctx := context.Background()
	for _, k := range []string{"ann", "bob"} {
		if err := storage.Claim(ctx, claims, k, "u-"+k); err != nil {
			t.Fatal(err)
		}
	}
	fail := errors.New("write failed")
	cases := []struct {
		what        string
		old, new    string
		writeErr    error
		wantErr     error
		wantWritten bool
		held        map[string]string // key → owner, "" for free, after the call
	}{
		{"same key", "ann", "ann", nil, nil, true, map[string]string{"ann": "u-ann"}},
		{"taken key", "ann", "bob", nil, storage.ErrTaken, false, map[string]string{"ann": "u-ann", "bob": "u-bob"}},
		{"failed write", "ann", "al", fail, fail, true, map[string]string{"ann": "u-ann", "al": ""}},
		{"new key", "ann", "amy", nil, nil, true, map[string]string{"ann": "", "amy": "u-ann"}},
	}
	for _, c := range cases {
		written := false
		err := storage.Reclaim(ctx, claims, c.old, c.new, "u-ann", func() error { written = true; return c.writeErr })
		if !errors.Is(err, c.wantErr) || (c.wantErr == nil) != (err == nil) || written != c.wantWritten {
			t.Errorf("%s: error %v, written %v; want %v, %v", c.what, err, written, c.wantErr, c.wantWritten)
		}
		for key, owner := range c.held {
			got, err := storage.Owner(ctx, claims, key)
			if err != nil {
				t.Fatal(err)
			}
			if got != owner {
				t.Errorf("%s: %s is held by %q, want %q", c.what, key, got, owner)
			}
		}
	}
}
