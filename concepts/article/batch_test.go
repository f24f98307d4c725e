package article

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestArticlesByManyIDs(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		a1, s1 := create(t, c, article("u1", "First"))
		a2, s2 := create(t, c, article("u2", "Second"))
		ins := []map[string]any{{"article": a2}, {"article": "nope"}, {"article": a1}, {"article": a2}}
		want := []string{s2, "", s1, s2}
		for i, r := range storagetest.Batches(t, c, "_get", ins) {
			if want[i] == "" && len(r) != 0 || want[i] != "" && (len(r) != 1 || r[0]["slug"] != want[i]) {
				t.Errorf("_get %v in a batch: %v, want slug %q", ins[i]["article"], r, want[i])
			}
		}
	})
}
