package favoriting

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestManyItemsAtOnce(t *testing.T) {
	each(t, func(t *testing.T, _ *Favoriting, c *concepts.Concept) {
		for _, p := range [][2]string{{"ann", "i1"}, {"bob", "i1"}, {"ann", "i2"}} {
			call(t, c, "favorite", pair(p[0], p[1]))
		}
		items := []map[string]any{{"item": "i1"}, {"item": "i3"}, {"item": "i2"}, {"item": "i1"}}
		for i, want := range []int64{2, 0, 1, 2} {
			if r := storagetest.Batches(t, c, "_count", items)[i]; len(r) != 1 || r[0]["count"] != float64(want) {
				t.Errorf("count of %v in a batch: %v, want %d", items[i]["item"], r, want)
			}
		}
		ins := []map[string]any{pair("ann", "i1"), pair("bob", "i2"), {"user": nil, "item": "i1"}, pair("ann", "i2"), pair("cat", "i9")}
		for i, want := range []bool{true, false, false, true, false} {
			if r := storagetest.Batches(t, c, "_isFavorite", ins)[i]; len(r) != 1 || r[0]["favorited"] != want {
				t.Errorf("_isFavorite %v in a batch: %v, want %v", ins[i], r, want)
			}
		}
	})
}
