package storage_test

import (
	"context"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// TestATransactionReadsOnce reads the same document and the same query
// twice in one transaction: the database answers each once. A write of
// the collection makes the next read go to the database again, and see
// the write; a query that differs in its limit is another read.
func TestATransactionReadsOnce(t *testing.T) {
	db, counting := storagetest.Counted(t)
	items := storagetest.Items(db)
	storagetest.Setup(t, db)
	bg := context.Background()
	if err := items.Insert(bg, "a", storagetest.Item{Name: "a", Group: "g", N: 1}); err != nil {
		t.Fatal(err)
	}
	counting.Ops()
	ctx, tx := db.Begin(bg)
	defer func() { _ = tx.Rollback() }()
	inGroup := storage.Where(storage.Eq("group", "g"))
	for range 3 {
		if it, ok, err := items.Get(ctx, "a"); err != nil || !ok || it.N != 1 {
			t.Fatalf("Get a: %+v, %v, %v; want N 1", it, ok, err)
		}
		if docs, err := items.Find(ctx, inGroup); err != nil || len(docs) != 1 {
			t.Fatalf("Find in g: %v, %v; want one", docs, err)
		}
	}
	if reads, _ := counting.Ops(); reads != 2 {
		t.Errorf("reading a document and a query three times each: %d reads of the database, want 2", reads)
	}
	limited := inGroup
	limited.Limit = 1
	if _, err := items.Find(ctx, limited); err != nil {
		t.Fatal(err)
	}
	if reads, _ := counting.Ops(); reads != 1 {
		t.Errorf("a query with another limit: %d reads of the database, want 1", reads)
	}
	if err := items.Put(ctx, "a", storagetest.Item{Name: "a", Group: "g", N: 2}); err != nil {
		t.Fatal(err)
	}
	counting.Ops()
	if it, _, err := items.Get(ctx, "a"); err != nil || it.N != 2 {
		t.Fatalf("Get a after the transaction wrote it: %+v, %v; want N 2", it, err)
	}
	if reads, _ := counting.Ops(); reads != 1 {
		t.Errorf("a read after a write of its collection: %d reads of the database, want 1", reads)
	}
}
