package profile

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestProfilesOfManyUsers(t *testing.T) {
	each(t, func(t *testing.T, _ *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		mustCreate(t, c, "u2", "bob")
		ins := []map[string]any{{"user": "u2"}, {"user": "nobody"}, {"user": "u1"}, {"user": ""}, {"user": "u2"}}
		want := []string{"bob", "", "ann", "", "bob"}
		for i, r := range storagetest.Batches(t, c, "_get", ins) {
			if want[i] == "" && len(r) != 0 || want[i] != "" && (len(r) != 1 || r[0]["username"] != want[i]) {
				t.Errorf("_get %v in a batch: %v, want %q", ins[i]["user"], r, want[i])
			}
		}
	})
}
