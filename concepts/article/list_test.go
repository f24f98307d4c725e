package article

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
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

// all is the input of _list of every article, on one page.
func all() map[string]any { return map[string]any{"limit": 100, "offset": 0} }

func TestListAndCount(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
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
				every := listed(t, c, map[string]any{"authors": in["authors"], "articles": in["articles"], "limit": 100,
					"offset": 0})
				if n := counted(t, c, in); n != float64(len(every)) {
					t.Fatalf("_count %v: %v, want %d", in, n, len(every))
				}
			})
		}
	})
}

func TestListMostRecentFirst(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		id, _ := create(t, c, article("u1", "old"))
		create(t, c, article("u1", "new"))
		update(t, c, map[string]any{"article": id, "title": "old, updated"}) // updates do not reorder
		if got := listed(t, c, map[string]any{"limit": 20, "offset": 0}); !slices.Equal(got, []string{"new", "old, updated"}) {
			t.Fatalf("_list: %v, want the newer article first", got)
		}
	})
}

func TestListPageLimits(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
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
	})
}

func TestListStaysInCreationOrder(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		x, _ := create(t, c, article("u1", "x"))
		y, _ := create(t, c, article("u2", "y"))
		create(t, c, article("u1", "z"))
		steps := []struct {
			name string
			do   func(t *testing.T)
			want []string // newest first
		}{
			{"three creates", func(*testing.T) {}, []string{"z", "y", "x"}},
			{"an update", func(t *testing.T) { update(t, c, map[string]any{"article": x, "title": "x2"}) },
				[]string{"z", "y", "x2"}},
			{"a delete", func(t *testing.T) { call(t, c, "delete", map[string]any{"article": y}) }, []string{"z", "x2"}},
			{"deletes of missing articles", func(t *testing.T) {
				storagetest.Fails(t, c, "delete", map[string]any{"article": y}, "no article has the id")
				storagetest.Fails(t, c, "delete", map[string]any{"article": "nope"}, "no article has the id")
			}, []string{"z", "x2"}},
			{"a failed create", func(t *testing.T) {
				storagetest.Fails(t, c, "create", article("u1", ""), "title is empty")
			}, []string{"z", "x2"}},
			{"a failed update", func(t *testing.T) {
				storagetest.Fails(t, c, "update", map[string]any{"article": x, "title": " "}, "title is empty")
			}, []string{"z", "x2"}},
		}
		for _, s := range steps {
			s.do(t)
			if got := listed(t, c, all()); !slices.Equal(got, s.want) {
				t.Fatalf("_list after %s: %v, want %v", s.name, got, s.want)
			}
			if n, cnt := stored(t, a), counted(t, c, map[string]any{}); n != int64(len(s.want)) || cnt != float64(n) {
				t.Fatalf("after %s: %d articles stored, _count %v; want %d of each", s.name, n, cnt, len(s.want))
			}
		}
	})
}

func TestListByCreatedAtThenID(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		ctx := context.Background()
		at := concepts.Now().Add(-time.Hour) // well before any create of the test
		docs := []struct {
			seq   int
			delay time.Duration
		}{{2, 0}, {5, 0}, {6, -time.Millisecond}, {1, 0}, {4, 0}, {0, time.Millisecond}, {3, 0}}
		for _, s := range docs { // out of order; t6 is the oldest, t0 the newest, the others tie
			d := articleDoc{Author: fmt.Sprint("u", s.seq%2), Slug: fmt.Sprint("s", s.seq), Base: fmt.Sprint("s", s.seq),
				Title: fmt.Sprint("t", s.seq), Description: "d", Body: "b",
				CreatedAt: concepts.Timestamp(at.Add(s.delay)), UpdatedAt: concepts.Timestamp(at)}
			if err := a.articles.Insert(ctx, fmt.Sprint("id", s.seq), d); err != nil {
				t.Fatal(err)
			}
		}
		order := titles(0, 5, 4, 3, 2, 1, 6) // by createdAt, then by id, newest and largest first
		if got := listed(t, c, all()); !slices.Equal(got, order) {
			t.Fatalf("_list: %v, want %v: by createdAt, then by id", got, order)
		}
		var paged []string // pages cut through the tie without skipping or repeating
		for offset := 0; offset < len(order); offset += 2 {
			paged = append(paged, listed(t, c, map[string]any{"limit": 2, "offset": offset})...)
		}
		if !slices.Equal(paged, order) {
			t.Fatalf("_list in pages of 2: %v, want %v", paged, order)
		}
		if got := listed(t, c, map[string]any{"authors": []any{"u1"}, "limit": 20, "offset": 0}); !slices.Equal(got,
			titles(5, 3, 1)) {
			t.Fatalf("_list of u1: %v, want t5, t3, t1", got)
		}
		if got := listed(t, c, map[string]any{"authors": []any{"u0"}, "limit": 2, "offset": 1}); !slices.Equal(got,
			titles(4, 2)) {
			t.Fatalf("_list of u0, offset 1: %v, want t4, t2", got)
		}
		create(t, c, article("u1", "new"))
		if got := listed(t, c, map[string]any{"limit": 2, "offset": 0}); !slices.Equal(got, []string{"new", "t0"}) {
			t.Fatalf("_list after a create: %v, want the new article first", got)
		}
		if n := counted(t, c, map[string]any{}); n != float64(len(order)+1) {
			t.Fatalf("_count: %v, want %d", n, len(order)+1)
		}
	})
}

func TestConcurrentCreatesListedOnce(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		const n = 10
		if won := storagetest.Race(t, c, "create", n, func(i int) map[string]any {
			return article(fmt.Sprint("u", i%3), fmt.Sprint("t", i))
		}, "no error expected"); won != n {
			t.Fatalf("%d of %d creates succeeded, want all", won, n)
		}
		rows := call(t, c, "_list", all()).Rows
		var ids []string
		for i, r := range rows {
			ids = append(ids, r["article"].(string))
			if i > 0 {
				prev := rows[i-1]
				if newer := prev["createdAt"].(string) > r["createdAt"].(string) ||
					prev["createdAt"] == r["createdAt"] && prev["article"].(string) > r["article"].(string); !newer {
					t.Errorf("_list: row %d %v before row %d %v; want by createdAt, then by id, largest first", i-1, prev, i, r)
				}
			}
		}
		if distinct := len(slices.Compact(slices.Sorted(slices.Values(ids)))); distinct != n || len(ids) != n {
			t.Fatalf("_list gave %d distinct of %v; want each of %d articles once", distinct, ids, n)
		}
		if got := counted(t, c, map[string]any{}); got != n {
			t.Fatalf("_count: %v, want %d", got, n)
		}
		if won := storagetest.Race(t, c, "delete", n, func(i int) map[string]any {
			return map[string]any{"article": ids[i]}
		}, "no error expected"); won != n {
			t.Fatalf("%d of %d deletes succeeded, want all", won, n)
		}
		storagetest.NoRows(t, c, "_list", all())
		if got, left := counted(t, c, map[string]any{}), stored(t, a); got != 0 || left != 0 {
			t.Fatalf("after deleting all at once: _count %v, %d articles stored; want none", got, left)
		}
	})
}

func TestDeletedLeaveListsAndCounts(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		var ids []any
		for i := range 4 {
			id, _ := create(t, c, article(fmt.Sprint("u", i%2), fmt.Sprint("t", i)))
			ids = append(ids, id)
		}
		call(t, c, "delete", map[string]any{"article": ids[2]})
		cases := []struct {
			name string
			in   map[string]any
			want []string
		}{
			{"all", map[string]any{}, titles(3, 1, 0)},
			{"the page that held it", map[string]any{"limit": 2, "offset": 1}, titles(1, 0)},
			{"its author", map[string]any{"authors": []any{"u0"}}, titles(0)},
			{"it among others", map[string]any{"articles": []any{ids[1], ids[2], ids[3]}}, titles(3, 1)},
			{"it alone", map[string]any{"articles": []any{ids[2]}}, nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				in := map[string]any{"limit": 20, "offset": 0}
				for k, v := range tc.in {
					in[k] = v
				}
				if got := listed(t, c, in); !slices.Equal(got, tc.want) {
					t.Errorf("_list %v: %v, want %v", in, got, tc.want)
				}
				delete(in, "limit")
				delete(in, "offset")
				every := listed(t, c, map[string]any{"authors": in["authors"], "articles": in["articles"], "limit": 100,
					"offset": 0})
				if n := counted(t, c, in); n != float64(len(every)) {
					t.Errorf("_count %v: %v, want %d, as many as _list gives", in, n, len(every))
				}
			})
		}
	})
}
