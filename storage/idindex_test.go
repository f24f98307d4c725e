package storage_test

import (
	"context"
	"strconv"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/storage"
	"legible/storage/storagetest"
)

func TestCreateAndIndexIDs(t *testing.T) {
	ctx := context.Background()
	st := storagetest.Open(t, t.TempDir())
	db := st.Database()
	a, b := db.Collection("T.a"), db.Collection("T.b")
	for range 2 { // both are idempotent
		if err := storage.Create(ctx, a, b); err != nil {
			t.Fatal(err)
		}
		if err := st.IndexIDs(ctx); err != nil {
			t.Fatal(err)
		}
	}
	names, err := db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 {
		t.Fatalf("collections %v, want T.a and T.b", names)
	}
	// Lookups, inserts and the unique `_id` still work on indexed tables.
	if err := storage.Insert(ctx, a, bson.D{{Key: "_id", Value: "x"}, {Key: "v", Value: 1}}); err != nil {
		t.Fatal(err)
	}
	var got struct{ V int }
	if found, err := storage.FindByID(ctx, a, "x", &got); err != nil || !found || got.V != 1 {
		t.Fatalf("FindByID: %v %v %+v", found, err, got)
	}
	if err := storage.Insert(ctx, a, bson.D{{Key: "_id", Value: "x"}}); err == nil {
		t.Fatal("a second document with _id x was stored")
	}
}

// BenchmarkFindByID looks up the last of 5,000 documents by `_id`, with
// and without IndexIDs.
func BenchmarkFindByID(b *testing.B) {
	for _, indexed := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "indexed"}[indexed], func(b *testing.B) {
			ctx := context.Background()
			st := storagetest.Open(b, b.TempDir())
			c := st.Database().Collection("T.docs")
			docs := make([]any, 5000)
			for i := range docs {
				docs[i] = bson.D{{Key: "_id", Value: "d" + strconv.Itoa(i)}}
			}
			if _, err := c.InsertMany(ctx, docs); err != nil {
				b.Fatal(err)
			}
			if indexed {
				if err := st.IndexIDs(ctx); err != nil {
					b.Fatal(err)
				}
			}
			var into bson.M
			for b.Loop() {
				if found, err := storage.FindByID(ctx, c, "d4999", &into); err != nil || !found {
					b.Fatal(found, err)
				}
			}
		})
	}
}
