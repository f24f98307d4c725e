package storage_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/storage"
	"legible/storage/storagetest"
)

func TestRestartKeepsData(t *testing.T) {
	storagetest.EmbeddedOnly(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	first, err := storage.Open(ctx, storage.Options{DataDir: dir})
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

func TestCloseIsFastAndIdempotent(t *testing.T) {
	storagetest.EmbeddedOnly(t)
	ctx := context.Background()
	st, err := storage.Open(ctx, storage.Options{DataDir: t.TempDir()})
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
	storagetest.EmbeddedOnly(t)
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

func TestOpenURI(t *testing.T) {
	storagetest.EmbeddedOnly(t)
	ctx := context.Background()
	server := open(t, t.TempDir())
	st, err := storage.Open(ctx, storage.Options{URI: storage.EmbeddedURI(server), DB: "other"})
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

func TestEmbeddedLogsNothingWhenAllIsWell(t *testing.T) {
	storagetest.EmbeddedOnly(t)
	var buf bytes.Buffer
	ctx := context.Background()
	st, err := storage.Open(ctx, storage.Options{DataDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	coll := st.Database().Collection("Test.items")
	if _, err := coll.InsertOne(ctx, item{ID: "a"}); err != nil {
		t.Fatal(err)
	}
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: "nope"}}).Err(); err == nil {
		t.Fatal("found a document that does not exist")
	}
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 0 {
		t.Fatalf("the embedded server logged:\n%s", buf.String())
	}
}
