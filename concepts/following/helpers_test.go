package following

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Following, *concepts.Concept) { return storagetest.Setup(t, New) }

// call is storagetest.Call under a short name.
var call = storagetest.Call

// pair is the input of follow and unfollow.
func pair(follower, followee string) map[string]any {
	return map[string]any{"follower": follower, "followee": followee}
}

// row returns the one row of the query name, failing the test otherwise.
func row(t *testing.T, c *concepts.Concept, name string, in map[string]any) map[string]any {
	t.Helper()
	rows := call(t, c, name, in).Rows
	if len(rows) != 1 {
		t.Fatalf("%s %v: %v, want one row", name, in, rows)
	}
	return rows[0]
}
