package following

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
func each(t *testing.T, f func(t *testing.T, fl *Following, c *concepts.Concept)) {
	storagetest.EachConcept(t, New, f)
}

// The helpers of storagetest, under short names.
var (
	call = storagetest.Call
	row  = storagetest.Row
)

// pair is the input of follow and unfollow.
func pair(follower, followee string) map[string]any {
	return map[string]any{"follower": follower, "followee": followee}
}

// followees returns the followees of follower by _followees.
func followees(t *testing.T, c *concepts.Concept, follower string) []string {
	t.Helper()
	return storagetest.Strings(t, row(t, c, "_followees", map[string]any{"follower": follower})["followees"])
}

// isFollowing returns _isFollowing for the input.
func isFollowing(t *testing.T, c *concepts.Concept, in map[string]any) any {
	t.Helper()
	return row(t, c, "_isFollowing", in)["following"]
}

// stored returns the number of follow documents the concept keeps.
func stored(t *testing.T, f *Following) int64 {
	t.Helper()
	n, err := f.follows.Count(context.Background(), storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// since returns when follower began to follow followee, as stored, or 0
// when it does not.
func since(t *testing.T, f *Following, follower, followee string) int64 {
	t.Helper()
	d, ok, err := f.follows.Get(context.Background(), storage.Key(follower, followee))
	if err != nil {
		t.Fatal(err)
	}
	if ok && (d.Follower != follower || d.Followee != followee) {
		t.Fatalf("the follow of %s by %s is stored as %+v", followee, follower, d)
	}
	return d.At
}
