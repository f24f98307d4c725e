package storage

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestQuietLogger(t *testing.T) {
	var buf bytes.Buffer
	l := quiet(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	l.Info("Listening on TCP 127.0.0.1:1...")
	l.Debug("Opening existing database")
	l.Warn("Response header: length: 121")
	l.Warn("Response message:\n{}\n")
	l.Warn("Failed to close file")
	l.Error("Response header: closing the connection")
	got := buf.String()
	for _, want := range []string{"Failed to close file", "closing the connection", "component=ferretdb"} {
		if !strings.Contains(got, want) {
			t.Errorf("log %q lacks %q", got, want)
		}
	}
	for _, not := range []string{"Listening", "Opening", "length: 121", "Response message"} {
		if strings.Contains(got, not) {
			t.Errorf("log %q has %q; only warnings and errors should pass", got, not)
		}
	}
}

func TestEmbeddedLogsNothingWhenAllIsWell(t *testing.T) {
	embeddedOnly(t)
	var buf bytes.Buffer
	ctx := context.Background()
	st, err := Open(ctx, Options{DataDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&buf, nil))})
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
