package article

import (
	"fmt"
	"slices"
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// listed returns the titles of the rows of _list for in, checking that
// each row has the columns of the spec.
func listed(t *testing.T, c *concepts.Concept, in map[string]any) []string {
	t.Helper()
	var titles []string
	for _, r := range call(t, c, "_list", in).Rows {
		if len(r) != 7 || r["article"] == "" || r["slug"] == "" || r["createdAt"] == "" || r["body"] != nil {
			t.Fatalf("_list %v: row %v, want article, slug, author, title, description, createdAt, updatedAt", in, r)
		}
		titles = append(titles, r["title"].(string))
	}
	return titles
}

// counted returns the count of _count for in.
func counted(t *testing.T, c *concepts.Concept, in map[string]any) float64 {
	t.Helper()
	n, ok := one(t, c, "_count", in)["count"].(float64)
	if !ok {
		t.Fatalf("_count %v: no number", in)
	}
	return n
}

// titles returns "t<i>" for each i.
func titles(is ...int) []string {
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = fmt.Sprint("t", i)
	}
	return out
}

func TestListAndCount(t *testing.T) {
	_, c := setup(t)
	ids := make([]any, 8)
	for i := range 8 { // many in the same millisecond: the order the creates completed orders them
		ids[i], _ = create(t, c, article(fmt.Sprint("u", i%3), fmt.Sprint("t", i)))
	}
	cases := []struct {
		name string
		in   map[string]any
		want []string
	}{
		{"all", map[string]any{"limit": 20, "offset": 0}, titles(7, 6, 5, 4, 3, 2, 1, 0)},
		{"limit", map[string]any{"limit": 3, "offset": 0}, titles(7, 6, 5)},
		{"offset", map[string]any{"limit": 3, "offset": 3}, titles(4, 3, 2)},
		{"last page", map[string]any{"limit": 3, "offset": 6}, titles(1, 0)},
		{"past the end", map[string]any{"limit": 3, "offset": 8}, nil},
		{"limit 0 is 20", map[string]any{"limit": 0, "offset": 1}, titles(6, 5, 4, 3, 2, 1, 0)},
		{"negative", map[string]any{"limit": -5, "offset": -5}, titles(7, 6, 5, 4, 3, 2, 1, 0)},
		{"one author", map[string]any{"authors": []any{"u1"}, "limit": 20, "offset": 0}, titles(7, 4, 1)},
		{"two authors", map[string]any{"authors": []any{"u1", "u2"}, "limit": 2, "offset": 1}, titles(5, 4)},
		{"unknown author", map[string]any{"authors": []any{"u9"}, "limit": 20, "offset": 0}, nil},
		{"no authors", map[string]any{"authors": []any{}, "limit": 20, "offset": 0}, nil},
		{"nil authors", map[string]any{"authors": nil, "limit": 2, "offset": 0}, titles(7, 6)},
		{"articles", map[string]any{"articles": []any{ids[0], ids[5], ids[2], "nope"}, "limit": 20, "offset": 0},
			titles(5, 2, 0)},
		{"no articles", map[string]any{"articles": []any{}, "limit": 20, "offset": 0}, nil},
		{"both", map[string]any{"authors": []any{"u2"}, "articles": []any{ids[0], ids[5], ids[2]}, "limit": 20,
			"offset": 0}, titles(5, 2)},
		{"both, no authors", map[string]any{"authors": []any{}, "articles": []any{ids[0]}, "limit": 20,
			"offset": 0}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := listed(t, c, tc.in); !slices.Equal(got, tc.want) {
				t.Fatalf("_list: %v, want %v", got, tc.want)
			}
			in := map[string]any{}
			for _, k := range []string{"authors", "articles"} {
				if v, ok := tc.in[k]; ok {
					in[k] = v
				}
			}
			all := listed(t, c, map[string]any{"authors": in["authors"], "articles": in["articles"], "limit": 100,
				"offset": 0})
			if n := counted(t, c, in); n != float64(len(all)) {
				t.Fatalf("_count %v: %v, want %d", in, n, len(all))
			}
		})
	}
}

func TestListMostRecentFirst(t *testing.T) {
	_, c := setup(t)
	id, _ := create(t, c, article("u1", "old"))
	create(t, c, article("u1", "new"))
	update(t, c, map[string]any{"article": id, "title": "old, updated"}) // updates do not reorder
	if got := listed(t, c, map[string]any{"limit": 20, "offset": 0}); !slices.Equal(got, []string{"new", "old, updated"}) {
		t.Fatalf("_list: %v, want the newer article first", got)
	}
}

func TestListPageLimits(t *testing.T) {
	_, c := setup(t)
	for i := range 105 {
		create(t, c, article("u1", fmt.Sprint("t", i)))
	}
	cases := []struct{ limit, want int }{{0, 20}, {-1, 20}, {1, 1}, {100, 100}, {101, 100}, {1000, 100}}
	for _, tc := range cases {
		if got := len(listed(t, c, map[string]any{"limit": tc.limit, "offset": 0})); got != tc.want {
			t.Errorf("_list with limit %d: %d rows, want %d", tc.limit, got, tc.want)
		}
	}
	if n := counted(t, c, map[string]any{}); n != 105 {
		t.Fatalf("_count: %v, want 105", n)
	}
	storagetest.NoRows(t, c, "_list", map[string]any{"limit": 10, "offset": 105})
}
