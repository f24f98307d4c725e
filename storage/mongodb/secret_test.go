package mongodb_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/legible/legible/storage/storagetest"
)

func TestMain(m *testing.M) { storagetest.Main(m) }

// TestReplicasShareTheSecret opens one database twice, as two replicas of
// a server do: the second gets the secret the first one made.
func TestReplicasShareTheSecret(t *testing.T) {
	name := storagetest.DBName(t)
	one, two := storagetest.MongoDBNamed(t, name, 2), storagetest.MongoDBNamed(t, name, 2)
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
