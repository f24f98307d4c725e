package following

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestManyFollowsAtOnce(t *testing.T) {
	each(t, func(t *testing.T, _ *Following, c *concepts.Concept) {
		call(t, c, "follow", pair("ann", "bob"))
		call(t, c, "follow", pair("cat", "ann"))
		ins := []map[string]any{pair("ann", "bob"), pair("bob", "ann"), {"follower": nil, "followee": "bob"}, pair("cat", "ann"), pair("ann", "bob")}
		for i, want := range []bool{true, false, false, true, true} {
			if r := storagetest.Batches(t, c, "_isFollowing", ins)[i]; len(r) != 1 || r[0]["following"] != want {
				t.Errorf("_isFollowing %v in a batch: %v, want %v", ins[i], r, want)
			}
		}
	})
}
