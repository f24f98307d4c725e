package storagetest

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/legible/legible/storage"
)

// suiteBrowse checks the read-only view tools have of a database: the
// declared collections, pages of documents, greatest id first, with the
// total, and a document by id; a collection not declared, or a negative
// page, is an error.
func suiteBrowse(t *testing.T, db *storage.DB, c *storage.Collection[Item]) {
	ctx := context.Background()
	fill(t, c)
	if got := db.Collections(); !slices.Contains(got, c.Name()) {
		t.Fatalf("Collections = %v, want %s among them", got, c.Name())
	}
	page, err := db.Browse(ctx, c.Name(), 3, 4)
	must(t, err)
	var names []string
	for _, d := range page.Docs {
		var it Item
		must(t, json.Unmarshal(d.Value, &it))
		names = append(names, d.ID+"="+it.Name)
	}
	if want := []string{"i6=n6", "i5=n5", "i4=n4", "i3=n3"}; page.Total != 10 || !slices.Equal(names, want) {
		t.Fatalf("Browse offset 3 limit 4 = %v of %d, want %v of 10", names, page.Total, want)
	}
	if page, err := db.Browse(ctx, c.Name(), 0, 0); err != nil || len(page.Docs) != 10 {
		t.Fatalf("Browse without a limit = %d documents (%v), want all 10", len(page.Docs), err)
	}
	doc, ok, err := db.Lookup(ctx, c.Name(), "i7")
	must(t, err)
	var it Item
	if !ok || json.Unmarshal(doc, &it) != nil || it.Name != "n7" || it.N != 7 {
		t.Fatalf("Lookup i7 = %s, %v; want n7", doc, ok)
	}
	if _, ok, err := db.Lookup(ctx, c.Name(), "nothing"); ok || err != nil {
		t.Fatalf("Lookup of a missing id = %v, %v; want nothing", ok, err)
	}
	for _, bad := range []func() error{
		func() error { _, err := db.Browse(ctx, "Test.undeclared", 0, 10); return err },
		func() error { _, _, err := db.Lookup(ctx, "Test.undeclared", "i1"); return err },
		func() error { _, err := db.Browse(ctx, c.Name(), -1, 10); return err },
	} {
		if bad() == nil {
			t.Error("browsing an undeclared collection, or a negative offset, succeeded")
		}
	}
}
