package mongodb

import (
	"context"
	"errors"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/storagetest"
)

// openFerret opens a backend on a FerretDB of the test's own, with the
// risks of no transactions accepted.
func openFerret(t *testing.T, uri, db string) *Backend {
	t.Helper()
	b, err := OpenBackend(context.Background(), uri, Options{DB: db, AcceptNoTransactions: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// indexesOf returns the names of a collection's indexes but _id's.
func indexesOf(t *testing.T, b *Backend, coll string) map[string]bool {
	t.Helper()
	specs, err := b.db.Collection(coll).Indexes().ListSpecifications(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range specs {
		if s.Name != "_id_" {
			have[s.Name] = true
		}
	}
	return have
}

func TestSetupFollowsTheDeclaredIndexes(t *testing.T) {
	ctx := context.Background()
	b := openFerret(t, startFerret(t), "setup")
	specs := []backend.Collection{{Name: "Test.kept", Indexes: []backend.Index{{Fields: []string{"group"}}, {Fields: []string{"name"}, Unique: true}}}}
	for range 2 {
		if err := b.Setup(ctx, specs); err != nil {
			t.Fatal(err)
		}
	}
	if have := indexesOf(t, b, "Test.kept"); len(have) != 2 || !have["legible:group"] || !have["legible:unique:name"] {
		t.Fatalf("indexes %v, want legible:group and legible:unique:name", have)
	}
	specs[0].Indexes = nil
	if err := b.Setup(ctx, specs); err != nil {
		t.Fatal(err)
	}
	if have := indexesOf(t, b, "Test.kept"); len(have) != 1 || !have["legible:unique:name"] {
		t.Fatalf("indexes %v once neither is declared, want legible:unique:name kept (an older replica may rely on it) and legible:group dropped", have)
	}
}

// TestSetupKeepsOthersIndexes makes indexes that legible did not: an
// operator's, and one that an older legible named without its prefix.
// Setup keeps them, and does not make a second index on the keys of the
// older one.
func TestSetupKeepsOthersIndexes(t *testing.T) {
	ctx := context.Background()
	b := openFerret(t, startFerret(t), "others")
	coll := b.db.Collection("Test.kept")
	for _, m := range []mongo.IndexModel{
		{Keys: bson.D{{Key: "note", Value: 1}}, Options: options.Index().SetName("by_note")},
		{Keys: bson.D{{Key: "name", Value: 1}}, Options: options.Index().SetName("unique:name").SetUnique(true)},
		{Keys: bson.D{{Key: "old", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("old")},
	} {
		if _, err := coll.Indexes().CreateOne(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	specs := []backend.Collection{{Name: "Test.kept", Indexes: []backend.Index{{Fields: []string{"name"}, Unique: true}, {Fields: []string{"group"}}}}}
	if err := b.Setup(ctx, specs); err != nil {
		t.Fatal(err)
	}
	wantIndexes(t, b, "Test.kept", []string{"by_note", "unique:name", "old", "legible:group"}, []string{"legible:unique:name"})
}

// wantIndexes checks that a collection has the indexes named in there,
// and none named in gone.
func wantIndexes(t *testing.T, b *Backend, coll string, there, gone []string) {
	t.Helper()
	have := indexesOf(t, b, coll)
	for _, name := range there {
		if !have[name] {
			t.Errorf("index %s of %s is missing after Setup; have %v", name, coll, have)
		}
	}
	for _, name := range gone {
		if have[name] {
			t.Errorf("index %s of %s is there after Setup; have %v", name, coll, have)
		}
	}
}

// setupAtOnce runs Setup of colls on each backend at once, as replicas
// that start together do; each must succeed.
func setupAtOnce(t *testing.T, bs []*Backend, colls []backend.Collection) {
	t.Helper()
	var wg sync.WaitGroup
	for i, b := range bs {
		wg.Go(func() {
			if err := b.Setup(context.Background(), colls); err != nil {
				t.Errorf("replica %d: %v", i, err)
			}
		})
	}
	wg.Wait()
}

// TestConcurrentSetup runs Setup from several backends on one database at
// once, as replicas starting together do, on a database whose indexes
// another version declared: all succeed.
func TestConcurrentSetup(t *testing.T) {
	ctx := context.Background()
	uri := startFerret(t)
	older := []backend.Collection{{Name: "Test.kept", Indexes: []backend.Index{{Fields: []string{"a"}}, {Fields: []string{"b"}}}}}
	if err := openFerret(t, uri, "together").Setup(ctx, older); err != nil {
		t.Fatal(err)
	}
	newer := []backend.Collection{
		{Name: "Test.kept", Indexes: []backend.Index{{Fields: []string{"c"}}, {Fields: []string{"name"}, Unique: true}}},
		{Name: "Test.other", Indexes: []backend.Index{{Fields: []string{"x", "y"}}}},
	}
	bs := make([]*Backend, 6)
	for i := range bs {
		bs[i] = openFerret(t, uri, "together")
	}
	setupAtOnce(t, bs, newer)
	wantIndexes(t, bs[0], "Test.kept", []string{"legible:c", "legible:unique:name"}, []string{"legible:a", "legible:b"})
}

// TestUndeclaredUniqueIndexIsTaken makes a unique index that the
// concept does not declare, as an operator may: a write that repeats its
// value is ErrTaken, an error outcome, not a conflict or a failure.
func TestUndeclaredUniqueIndexIsTaken(t *testing.T) {
	ctx := context.Background()
	b := openFerret(t, startFerret(t), "undeclared")
	db := storage.New(b)
	c := storagetest.Items(db)
	storagetest.Setup(t, db)
	m := mongo.IndexModel{Keys: bson.D{{Key: "note", Value: 1}}, Options: options.Index().SetName("operator_note").SetUnique(true)}
	if _, err := b.db.Collection("Test.items").Indexes().CreateOne(ctx, m); err != nil {
		t.Fatal(err)
	}
	storagetest.Setup(t, db)
	if err := c.Insert(ctx, "a", storagetest.Item{Name: "a", Note: "same"}); err != nil {
		t.Fatal(err)
	}
	for what, err := range map[string]error{
		"an insert": c.Insert(ctx, "b", storagetest.Item{Name: "b", Note: "same"}),
		"a put":     c.Put(ctx, "c", storagetest.Item{Name: "c", Note: "same"}),
	} {
		if !errors.Is(err, storage.ErrTaken) || errors.Is(err, storage.ErrConflict) {
			t.Errorf("%s of a value an undeclared unique index holds: %v, want ErrTaken", what, err)
		}
	}
}
