package mongodb_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/legible/legible/storage/storagetest/mongotest"
)

func TestMain(m *testing.M) { mongotest.Main(m) }

// TestReplicasShareTheSecret opens one database twice, as two replicas of
// a server do: the second gets the secret the first one made.
func TestReplicasShareTheSecret(t *testing.T) {
	name := mongotest.DBName(t)
	one, two := mongotest.MongoDBNamed(t, name, 2), mongotest.MongoDBNamed(t, name, 2)
	ctx := context.Background()
	first, err := one.Secret(ctx, "tokens")
	if err != nil {
		t.Fatal(err)
	}
	second, err := two.Secret(ctx, "tokens")
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created || second.Created || !bytes.Equal(first.Value, second.Value) {
		t.Fatalf("created %v then %v, same secret %v; want one secret, made by the first", first.Created, second.Created, bytes.Equal(first.Value, second.Value))
	}
	if !strings.Contains(first.Where, "_legible.secrets") || !strings.Contains(first.Where, name) {
		t.Errorf("kept at %q, want the collection and the database named", first.Where)
	}
}
