package following

import (
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// setup builds the concept on a fresh database and sets it up.
func setup(t *testing.T) (*Following, *concepts.Concept) { return storagetest.Setup(t, New) }

// The helpers of storagetest, under short names.
var (
	call = storagetest.Call
	row  = storagetest.Row
)

// pair is the input of follow and unfollow.
func pair(follower, followee string) map[string]any {
	return map[string]any{"follower": follower, "followee": followee}
}
