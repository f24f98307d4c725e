package profile

import (
	"context"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// each runs f on a fresh concept on each backend.
func each(t *testing.T, f func(t *testing.T, p *Profile, c *concepts.Concept)) {
	t.Helper()
	storagetest.EachConcept(t, New, f)
}

// call is storagetest.Call under a short name.
var call = storagetest.Call

// wantProfiles checks that the concept keeps n profiles.
func wantProfiles(t *testing.T, p *Profile, n int64) {
	t.Helper()
	if got, err := p.profiles.Count(context.Background(), storage.Query{}); got != n || err != nil {
		t.Fatalf("%d profiles (%v), want %d", got, err, n)
	}
}

// get returns the one row of _get for user, failing the test otherwise.
func get(t *testing.T, c *concepts.Concept, user string) map[string]any {
	t.Helper()
	return storagetest.Row(t, c, "_get", map[string]any{"user": user})
}

// byUsername returns the one row of _getByUsername for username, failing
// the test otherwise.
func byUsername(t *testing.T, c *concepts.Concept, username string) map[string]any {
	t.Helper()
	return storagetest.Row(t, c, "_getByUsername", map[string]any{"username": username})
}

// noUsername checks that no profile has the username.
func noUsername(t *testing.T, c *concepts.Concept, username string) {
	t.Helper()
	storagetest.NoRows(t, c, "_getByUsername", map[string]any{"username": username})
}

// create is the input of create.
func create(user, username string) map[string]any {
	return map[string]any{"user": user, "username": username}
}

// mustCreate calls create, which must succeed for user.
func mustCreate(t *testing.T, c *concepts.Concept, user, username string) {
	t.Helper()
	if got := call(t, c, "create", create(user, username)); got.IsError() || got.Out["user"] != user {
		t.Fatalf("create %s %q: %+v, want user %s", user, username, got, user)
	}
}

// update calls update, which must succeed for the user in in.
func update(t *testing.T, c *concepts.Concept, in map[string]any) {
	t.Helper()
	if got := call(t, c, "update", in); got.IsError() || got.Out["user"] != in["user"] {
		t.Fatalf("update %v: %+v, want user %v", in, got, in["user"])
	}
}

// rename is the input of update that changes user's username.
func rename(user, username string) map[string]any {
	return map[string]any{"user": user, "username": username}
}

// onlyProfile returns the one profile the concept keeps, failing the test
// when it keeps another number of them.
func onlyProfile(t *testing.T, p *Profile) storage.Doc[profileDoc] {
	t.Helper()
	docs, err := p.profiles.Find(context.Background(), storage.Query{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("profiles %+v (%v), want one", docs, err)
	}
	return docs[0]
}
