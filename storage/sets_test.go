package storage_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/storage"
	"legible/storage/storagetest"
)

// members returns the set field "m" of the document id, failing the test
// on an error.
func members(t *testing.T, coll *mongo.Collection, id string) []string {
	t.Helper()
	got, err := storage.Members(context.Background(), coll, id, "m")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSetChanges(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.sets")
	ctx := context.Background()
	add := func(ms ...string) error { return storage.AddToSet(ctx, coll, "s", "m", ms...) }
	pull := func(ms ...string) error { return storage.Pull(ctx, coll, "s", "m", ms...) }
	steps := []struct {
		name   string
		change func() error
		want   []string
	}{
		{"add nothing to a missing set", func() error { return add() }, []string{}},
		{"pull from a missing set", func() error { return pull("a") }, []string{}},
		{"add to a missing set", func() error { return add("a") }, []string{"a"}},
		{"add again", func() error { return add("a") }, []string{"a"}},
		{"add several, one held", func() error { return add("b", "a", "c", "b") }, []string{"a", "b", "c"}},
		{"pull one", func() error { return pull("b") }, []string{"a", "c"}},
		{"pull one not held", func() error { return pull("x") }, []string{"a", "c"}},
		{"pull nothing", func() error { return pull() }, []string{"a", "c"}},
		{"pull all", func() error { return pull("c", "a") }, []string{}},
	}
	for _, s := range steps {
		if err := s.change(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := members(t, coll, "s"); !slices.Equal(got, s.want) || got == nil {
			t.Fatalf("after %s: %#v, want %#v", s.name, got, s.want)
		}
	}
	if n := storagetest.Count(t, coll.Database(), coll.Name()); n != 1 {
		t.Fatalf("%d documents, want the one set document", n)
	}
}

func TestHasMember(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.sets")
	ctx := context.Background()
	if err := storage.AddToSet(ctx, coll, "s", "m", "a", "b"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id, member string
		want       bool
	}{
		{"s", "a", true},
		{"s", "b", true},
		{"s", "x", false},
		{"t", "a", false},
		{"", "a", false},
	}
	for _, c := range cases {
		if got, err := storage.HasMember(ctx, coll, c.id, "m", c.member); got != c.want || err != nil {
			t.Errorf("HasMember(%q, %q) = %v, %v; want %v", c.id, c.member, got, err, c.want)
		}
	}
}

func TestDropIfEmpty(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.sets")
	ctx := context.Background()
	for _, id := range []string{"full", "emptied"} {
		if err := storage.AddToSet(ctx, coll, id, "m", "a"); err != nil {
			t.Fatal(err)
		}
	}
	if err := storage.Pull(ctx, coll, "emptied", "m", "a"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"full", "emptied", "missing", ""} {
		if err := storage.DropIfEmpty(ctx, coll, id, "m"); err != nil {
			t.Fatalf("DropIfEmpty %q: %v", id, err)
		}
	}
	var left []bson.M
	cur, err := coll.Find(ctx, bson.D{})
	if err == nil {
		err = cur.All(ctx, &left)
	}
	if err != nil || len(left) != 1 || left[0]["_id"] != "full" {
		t.Fatalf("documents left: %v (%v), want only full", left, err)
	}
}

func TestMembersOfOddDocuments(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.sets")
	ctx := context.Background()
	docs := []bson.D{
		{{Key: "_id", Value: "nofield"}},
		{{Key: "_id", Value: "scalar"}, {Key: "m", Value: "a"}},
		{{Key: "_id", Value: "number"}, {Key: "m", Value: bson.A{"a", 1}}},
	}
	for _, d := range docs {
		if err := storage.Insert(ctx, coll, d); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		id, wantErr string
	}{
		{"nofield", ""},
		{"missing", ""},
		{"", ""},
		{"scalar", "not an array"},
		{"number", "not a string"},
	}
	for _, c := range cases {
		got, err := storage.Members(ctx, coll, c.id, "m")
		switch {
		case c.wantErr == "" && (err != nil || got == nil || len(got) != 0):
			t.Errorf("Members %q = %#v, %v; want an empty set", c.id, got, err)
		case c.wantErr != "" && (err == nil || !contains(err.Error(), c.wantErr) || !contains(err.Error(), c.id)):
			t.Errorf("Members %q: error %v, want one naming the document and saying %q", c.id, err, c.wantErr)
		}
	}
}

func TestSetErrors(t *testing.T) {
	coll := storagetest.Database(t).Collection("Test.sets")
	ctx := context.Background()
	if err := storage.AddToSet(ctx, coll, "", "m", "a"); err == nil || !contains(err.Error(), "id is empty") {
		t.Errorf("AddToSet with an empty id: %v, want an error saying so", err)
	}
	wantDBError(t, "AddToSet", storage.AddToSet(cancelled(), coll, "s", "m", "a"), coll)
	wantDBError(t, "Pull", storage.Pull(cancelled(), coll, "s", "m", "a"), coll)
	wantDBError(t, "DropIfEmpty", storage.DropIfEmpty(cancelled(), coll, "s", "m"), coll)
	_, err := storage.HasMember(cancelled(), coll, "s", "m", "a")
	wantDBError(t, "HasMember", err, coll)
	_, err = storage.Members(cancelled(), coll, "s", "m")
	wantDBError(t, "Members", err, coll)
}

func TestConcurrentAddsToOneSet(t *testing.T) {
	const n = 20
	cases := []struct {
		name   string
		member func(i int) string
		want   int
	}{
		{"distinct members", func(i int) string { return fmt.Sprint("u", i) }, n},
		{"one member", func(int) string { return "u" }, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			coll := storagetest.Database(t).Collection("Test.sets")
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					if err := storage.AddToSet(context.Background(), coll, "s", "m", c.member(i)); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if got := members(t, coll, "s"); len(got) != c.want {
				t.Fatalf("%d members after %d concurrent adds, want %d: %v", len(got), n, c.want, got)
			}
		})
	}
}
