package mongodb

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// TestRefusesNoTransactions opens FerretDB, which has no transactions:
// unless the risks are accepted, Open refuses, and says how to go on.
func TestRefusesNoTransactions(t *testing.T) {
	ctx := context.Background()
	uri := startFerret(t)
	_, err := Open(ctx, uri, Options{})
	if err == nil {
		t.Fatal("Open of a MongoDB without transactions succeeded without the risks accepted")
	}
	for _, want := range []string{"no transactions", "replica set", NoTransactionsEnv + "=" + AcceptNoTransactions} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	db, err := Open(ctx, uri, Options{AcceptNoTransactions: true})
	if err != nil {
		t.Fatalf("Open with the risks accepted: %v", err)
	}
	_ = db.Close()
}

// looseItems opens a database of its own on FerretDB, with the risks of
// no transactions accepted, and the suite's collection set up on it.
func looseItems(t *testing.T) (*storage.DB, *storage.Collection[storagetest.Item], *Backend) {
	t.Helper()
	b, err := OpenBackend(context.Background(), startFerret(t), Options{DB: "undo", AcceptNoTransactions: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	db := storage.New(b)
	c := storagetest.Items(db)
	storagetest.Setup(t, db)
	return db, c, b
}

// TestUndoKeepsWhatOthersWrote rolls back, without transactions, writes
// whose documents another flow wrote since: the undo leaves the other
// flow's writes, and says, as an unknown outcome, which of its own stay.
func TestUndoKeepsWhatOthersWrote(t *testing.T) {
	db, c, _ := looseItems(t)
	bg := context.Background()
	for _, id := range []string{"put", "deleted"} {
		if err := c.Insert(bg, id, storagetest.Item{Name: id, N: 1}); err != nil {
			t.Fatal(err)
		}
	}
	ctx, tx := db.Begin(bg)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.Put(ctx, "put", storagetest.Item{Name: "put", N: 2}))
	must(c.Insert(ctx, "inserted", storagetest.Item{Name: "inserted", N: 2}))
	_, err := c.Delete(ctx, "deleted")
	must(err)
	must(c.Put(ctx, "mine", storagetest.Item{Name: "mine", N: 2}))
	// Another flow, meanwhile, on the same documents but "mine":
	must(c.Put(bg, "put", storagetest.Item{Name: "put", N: 3}))
	must(c.Put(bg, "inserted", storagetest.Item{Name: "inserted", N: 3}))
	must(c.Insert(bg, "deleted", storagetest.Item{Name: "deleted", N: 3}))
	err = tx.Rollback()
	if !errors.Is(err, storage.ErrUnknownOutcome) {
		t.Fatalf("Rollback = %v, want ErrUnknownOutcome naming what stays", err)
	}
	for _, id := range []string{"put", "inserted", "deleted"} {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("the rollback's error %q does not name %s", err, id)
		}
		if v, ok, _ := c.Get(bg, id); !ok || v.N != 3 {
			t.Errorf("%s = %+v (%v) after the rollback, want the other flow's write (n 3) kept", id, v, ok)
		}
	}
	if strings.Contains(err.Error(), "mine") {
		t.Errorf("the rollback's error %q names mine, which it undid", err)
	}
	if _, ok, _ := c.Get(bg, "mine"); ok {
		t.Error("mine, which no one else wrote, is there after the rollback")
	}
}

// TestDiscardThatCannotUndo answers a flow that asked to roll back (a
// refusal after a write) whose write another flow changed since: its
// Commit says that the outcome is unknown, not that all is well.
func TestDiscardThatCannotUndo(t *testing.T) {
	db, c, _ := looseItems(t)
	bg := context.Background()
	ctx, tx := db.Begin(bg)
	if err := c.Put(ctx, "a", storagetest.Item{Name: "a", N: 1}); err != nil {
		t.Fatal(err)
	}
	storage.DiscardWrites(ctx)
	if err := c.Put(bg, "a", storagetest.Item{Name: "a", N: 2}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); !errors.Is(err, storage.ErrUnknownOutcome) {
		t.Fatalf("Commit of a discarded transaction that cannot undo = %v, want ErrUnknownOutcome", err)
	}
	if v, _, _ := c.Get(bg, "a"); v.N != 2 {
		t.Fatalf("a = %+v, want the other flow's n 2", v)
	}
}
