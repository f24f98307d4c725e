package tagging

import (
	"fmt"
	"slices"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

// page returns the items and the count of _items of the tag, with limit
// and offset when not nil.
func page(t *testing.T, c *concepts.Concept, tag string, limit, offset any) ([]string, float64) {
	t.Helper()
	in := map[string]any{"tag": tag}
	if limit != nil {
		in["limit"] = limit
	}
	if offset != nil {
		in["offset"] = offset
	}
	row := storagetest.Row(t, c, "_items", in)
	return storagetest.Strings(t, row["items"]), row["count"].(float64)
}

// numberedItems returns the items prefix00 … prefix(n-1), two digits each,
// greatest first.
func numberedItems(prefix string, n int) []string {
	items := make([]string, n)
	for i := range items {
		items[n-1-i] = fmt.Sprintf("%s%02d", prefix, i)
	}
	return items
}

// TestItemsInPages checks that _items gives a tag's items greatest first,
// a page at a time, with how many the tag has in all.
func TestItemsInPages(t *testing.T) {
	each(t, func(t *testing.T, _ *Tagging, c *concepts.Concept) {
		all := numberedItems("i", 25)
		for _, i := range []int{3, 17, 0, 24, 9} { // some first, out of order
			call(t, c, "tag", tag(all[i], "go"))
		}
		for _, item := range all {
			call(t, c, "tag", tag(item, "go", "db"))
		}
		call(t, c, "tag", tag("zz", "db"))
		cases := []struct {
			name          string
			tag           string
			limit, offset any
			want          []string
			count         float64
		}{
			{"all", "go", nil, nil, all, 25},
			{"the first page", "go", 10, 0, all[:10], 25},
			{"the second page", "go", 10, 10, all[10:20], 25},
			{"the last page", "go", 10, 20, all[20:], 25},
			{"past the end", "go", 10, 25, []string{}, 25},
			{"an offset alone", "go", nil, 22, all[22:], 25},
			{"a negative offset", "go", 3, -5, all[:3], 25},
			{"a limit of 0", "go", 0, 0, []string{}, 25},
			{"a trimmed tag", " go ", 2, 0, all[:2], 25},
			{"another tag", "db", 2, 0, []string{"zz", all[0]}, 26},
			{"a tag no item has", "rust", 10, 0, []string{}, 0},
		}
		for _, tc := range cases {
			items, count := page(t, c, tc.tag, tc.limit, tc.offset)
			if !slices.Equal(items, tc.want) || count != tc.count {
				t.Errorf("_items %s: %v, count %v; want %v, count %v", tc.name, items, count, tc.want, tc.count)
			}
		}
		call(t, c, "forget", map[string]any{"item": all[0]})
		if items, count := page(t, c, "go", 2, 0); !slices.Equal(items, all[1:3]) || count != 24 {
			t.Errorf("_items go after forgetting %s: %v, count %v; want %v, count 24", all[0], items, count, all[1:3])
		}
	})
}
