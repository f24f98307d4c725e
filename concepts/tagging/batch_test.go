package tagging

import (
	"reflect"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestTagsOfManyItems(t *testing.T) {
	each(t, func(t *testing.T, _ *Tagging, c *concepts.Concept) {
		call(t, c, "tag", tag("i1", "b", "a"))
		call(t, c, "tag", tag("i2", "c"))
		ins := []map[string]any{{"item": "i1"}, {"item": "i3"}, {"item": "i2"}, {"item": "i1"}}
		rows := storagetest.Batches(t, c, "_tags", ins)
		want := [][]string{{"a", "b"}, {}, {"c"}, {"a", "b"}}
		for i, r := range rows {
			if got := storagetest.Strings(t, r[0]["tags"]); len(r) != 1 || !reflect.DeepEqual(got, want[i]) {
				t.Errorf("tags of %v in a batch: %v, want %v", ins[i]["item"], r, want[i])
			}
		}
	})
}
