package storage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// failing opens the embedded store behind fail points, with the suite's
// collection.
func failing(t *testing.T) (*storage.DB, *storagetest.FailPoints, *storage.Collection[storagetest.Item]) {
	t.Helper()
	db, f := storagetest.Failing(t)
	c := storagetest.Items(db)
	storagetest.Setup(t, db)
	return db, f, c
}

// TestWriteAloneRetriesItsConflict makes the write itself conflict, as a
// MongoDB transaction's write does when another transaction wrote the
// document first: a write outside a flow runs again, as it does when its
// commit conflicts.
func TestWriteAloneRetriesItsConflict(t *testing.T) {
	_, f, c := failing(t)
	ctx := context.Background()
	f.FailWrites(2, storage.ErrConflict)
	if err := c.Insert(ctx, "a", storagetest.Item{Name: "ann"}); err != nil {
		t.Fatalf("an insert whose first two tries conflict: %v, want it made at the third", err)
	}
	f.FailCommits(2, storage.ErrConflict, false)
	if err := c.Put(ctx, "a", storagetest.Item{Name: "ann", N: 2}); err != nil {
		t.Fatalf("a put whose first two commits conflict: %v, want it made at the third", err)
	}
	if v, ok, err := c.Get(ctx, "a"); err != nil || !ok || v.N != 2 {
		t.Fatalf("a = %+v, %v, %v; want n 2", v, ok, err)
	}
	f.FailWrites(100, storage.ErrConflict)
	if err := c.Insert(ctx, "b", storagetest.Item{Name: "bob"}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("an insert that always conflicts: %v, want ErrConflict after a few tries", err)
	}
}

// TestUnknownCommitOutcome commits a transaction whose commit is said to
// have an unknown outcome: Commit says so, and the writes may be there.
func TestUnknownCommitOutcome(t *testing.T) {
	db, f, c := failing(t)
	f.FailCommits(1, storage.ErrUnknownOutcome, true)
	ctx, tx := db.Begin(context.Background())
	if err := c.Insert(ctx, "a", storagetest.Item{Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); !errors.Is(err, storage.ErrUnknownOutcome) || errors.Is(err, storage.ErrConflict) {
		t.Fatalf("Commit = %v, want ErrUnknownOutcome and no conflict", err)
	}
}
