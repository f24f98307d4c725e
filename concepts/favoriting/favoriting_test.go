package favoriting

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

func TestFavoriteSequences(t *testing.T) {
	type step struct{ action, user string }
	cases := []struct {
		name  string
		steps []step
		fans  []string // of item i after the steps, sorted
	}{
		{"one favorite", []step{{"favorite", "ann"}}, []string{"ann"}},
		{"twice", []step{{"favorite", "ann"}, {"favorite", "ann"}}, []string{"ann"}},
		{"two users", []step{{"favorite", "ann"}, {"favorite", "bob"}}, []string{"ann", "bob"}},
		{"undone", []step{{"favorite", "ann"}, {"unfavorite", "ann"}}, []string{}},
		{"unfavorite first", []step{{"unfavorite", "ann"}, {"favorite", "ann"}}, []string{"ann"}},
		{"unfavorite twice", []step{{"favorite", "ann"}, {"favorite", "bob"}, {"unfavorite", "ann"},
			{"unfavorite", "ann"}}, []string{"bob"}},
		{"unfavorite a non-fan", []step{{"favorite", "ann"}, {"unfavorite", "bob"}}, []string{"ann"}},
		{"again after undoing", []step{{"favorite", "ann"}, {"unfavorite", "ann"}, {"favorite", "ann"},
			{"favorite", "bob"}, {"favorite", "ann"}}, []string{"ann", "bob"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
				for _, s := range tc.steps {
					if got := call(t, c, s.action, pair(s.user, "i")); got.IsError() || got.Out["item"] != "i" {
						t.Fatalf("%s %s i: %+v, want item i", s.action, s.user, got)
					}
					agree(t, f, c, "i", "ann", "bob")
				}
				if got := count(t, c, "i"); got != len(tc.fans) {
					t.Fatalf("_count i: %v, want %d", got, len(tc.fans))
				}
				if got := fans(t, f, "i"); !slices.Equal(got, tc.fans) {
					t.Fatalf("fans of i: %v, want %v", got, tc.fans)
				}
				if n := stored(t, f); n != int64(len(tc.fans)) {
					t.Fatalf("%d favorites stored, want one per fan, %d", n, len(tc.fans))
				}
				for _, u := range []string{"ann", "bob"} {
					fan := slices.Contains(tc.fans, u)
					if got := isFavorite(t, c, pair(u, "i")); got != fan {
						t.Errorf("_isFavorite %s i: %v, want %v", u, got, fan)
					}
					if got, want := favorites(t, c, u), map[bool][]string{true: {"i"}, false: {}}[fan]; !slices.Equal(got, want) {
						t.Errorf("_favorites %s: %v, want %v", u, got, want)
					}
				}
			})
		})
	}
}

func TestFavoritesOfAUser(t *testing.T) {
	each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
		for _, item := range []string{"a", "b", "c", "b"} {
			call(t, c, "favorite", pair("ann", item))
		}
		call(t, c, "unfavorite", pair("ann", "a"))
		if got := favorites(t, c, "ann"); !slices.Equal(got, []string{"c", "b"}) {
			t.Fatalf("_favorites ann: %v, want [c b]", got)
		}
		for item, want := range map[string]int{"a": 0, "b": 1, "c": 1, "never": 0} {
			if got := count(t, c, item); got != want {
				t.Errorf("_count %s: %v, want %d", item, got, want)
			}
			agree(t, f, c, item, "ann")
		}
	})
}

// TestFavoritesInPages checks that _favorites gives a user's favorites
// greatest first, a page at a time, with how many the user has in all,
// whatever the order favorited.
func TestFavoritesInPages(t *testing.T) {
	each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
		for _, item := range []string{"c", "a", "e", "b", "d", "c"} {
			call(t, c, "favorite", pair("ann", item))
		}
		call(t, c, "favorite", pair("bob", "z"))
		call(t, c, "unfavorite", pair("ann", "d"))
		cases := []struct {
			user          string
			limit, offset any
			want          []string
			count         float64
		}{
			{"ann", nil, nil, []string{"e", "c", "b", "a"}, 4},
			{"ann", 2, nil, []string{"e", "c"}, 4},
			{"ann", 2, 2, []string{"b", "a"}, 4},
			{"ann", nil, 3, []string{"a"}, 4},
			{"ann", 2, 4, []string{}, 4},
			{"ann", 0, 0, []string{}, 4},
			{"ann", 1, -1, []string{"e"}, 4},
			{"bob", 5, 0, []string{"z"}, 1},
			{"cat", 5, 0, []string{}, 0},
		}
		for _, tc := range cases {
			in := map[string]any{"user": tc.user}
			if tc.limit != nil {
				in["limit"] = tc.limit
			}
			if tc.offset != nil {
				in["offset"] = tc.offset
			}
			r := row(t, c, "_favorites", in)
			if got := storagetest.Strings(t, r["items"]); !slices.Equal(got, tc.want) || r["count"] != tc.count {
				t.Errorf("_favorites %v: %v, count %v; want %v, count %v", in, got, r["count"], tc.want, tc.count)
			}
		}
		if n := stored(t, f); n != 5 {
			t.Fatalf("%d favorites stored, want 5", n)
		}
	})
}

func TestQueriesWithoutUser(t *testing.T) {
	each(t, func(t *testing.T, _ *Favoriting, c *concepts.Concept) {
		call(t, c, "favorite", pair("ann", "i"))
		for _, in := range []map[string]any{{"item": "i"}, {"user": nil, "item": "i"}, {"user": "", "item": "i"},
			pair("ann", "j"), pair("bob", "i"), pair("ann", "")} {
			if got := isFavorite(t, c, in); got != false {
				t.Errorf("_isFavorite %v: %v, want false", in, got)
			}
		}
		for _, u := range []string{"bob", ""} {
			if got := favorites(t, c, u); len(got) != 0 {
				t.Errorf("_favorites %q: %v, want []", u, got)
			}
		}
		if got := count(t, c, ""); got != 0 {
			t.Errorf("_count of no item: %d, want 0", got)
		}
	})
}

func TestFavoriteWithoutIDs(t *testing.T) {
	each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
		h, _ := c.Handler("favorite")
		for _, in := range []map[string]any{pair("", "i"), pair("ann", ""), pair("", "")} {
			if _, err := h.Call(t.Context(), in); err == nil {
				t.Errorf("favorite %v: no failure, want one saying an id is empty", in)
			}
		}
		if n := stored(t, f); n != 0 {
			t.Fatalf("%d favorites stored, want none", n)
		}
	})
}

func TestConcurrentFavorites(t *testing.T) {
	const n = 30
	cases := []struct {
		name string
		user func(i int) string
		want int
	}{
		{"distinct users", func(i int) string { return fmt.Sprint("u", i) }, n},
		{"one user", func(int) string { return "ann" }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
				won := storagetest.Race(t, c, "favorite", n, func(i int) map[string]any { return pair(tc.user(i), "i") }, "")
				got, fs := count(t, c, "i"), fans(t, f, "i")
				if won != n || got != tc.want || len(fs) != tc.want {
					t.Fatalf("%d of %d favorites succeeded, count %d, fans %v; want all, and %d", won, n, got, fs, tc.want)
				}
				agree(t, f, c, "i", tc.user(0), tc.user(n-1))
			})
		})
	}
}

func TestConcurrentFavoritesAndUnfavorites(t *testing.T) {
	each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
		for i := range 10 {
			call(t, c, "favorite", pair(fmt.Sprint("u", i), "i"))
		}
		// Twice each, all at once: u10 … u19 favorite i, u0 … u4 unfavorite it.
		fav, _ := c.Handler("favorite")
		unfav, _ := c.Handler("unfavorite")
		var wg sync.WaitGroup
		for i := range 30 {
			h, user := fav, fmt.Sprint("u", 10+i%10)
			if i >= 20 {
				h, user = unfav, fmt.Sprint("u", i%5)
			}
			wg.Go(func() {
				if res, err := h.Call(t.Context(), pair(user, "i")); err != nil || res.IsError() {
					t.Errorf("%s i: %+v, %v", user, res, err)
				}
			})
		}
		wg.Wait()
		var want []string // u5 … u19
		for i := 5; i < 20; i++ {
			want = append(want, fmt.Sprint("u", i))
		}
		slices.Sort(want)
		if got := agree(t, f, c, "i", "u0", "u4", "u5", "u10", "u19"); !slices.Equal(got, want) {
			t.Fatalf("fans %v; want u5 … u19", got)
		}
		if got := count(t, c, "i"); got != 15 {
			t.Fatalf("_count i: %d, want 15", got)
		}
	})
}

func TestForget(t *testing.T) {
	each(t, func(t *testing.T, f *Favoriting, c *concepts.Concept) {
		for _, p := range [][2]string{{"ann", "i"}, {"ann", "j"}, {"bob", "i"}, {"cat", "j"}} {
			call(t, c, "favorite", pair(p[0], p[1]))
		}
		for range 2 { // forgetting twice is forgetting
			if got := call(t, c, "forget", map[string]any{"item": "i"}); got.IsError() || got.Out["item"] != "i" {
				t.Fatalf("forget i: %+v, want item i", got)
			}
		}
		want := map[string][]string{"ann": {"j"}, "bob": {}, "cat": {"j"}}
		for u, items := range want {
			if got := favorites(t, c, u); !slices.Equal(got, items) {
				t.Errorf("_favorites %s after forget i: %v, want %v", u, got, items)
			}
			if got := isFavorite(t, c, pair(u, "i")); got != false {
				t.Errorf("_isFavorite %s i after forget i: %v, want false", u, got)
			}
		}
		if got, want := []int{count(t, c, "i"), count(t, c, "j")}, []int{0, 2}; !slices.Equal(got, want) {
			t.Errorf("_count i and j after forget i: %v, want %v", got, want)
		}
		if n := stored(t, f); n != 2 {
			t.Errorf("%d favorites stored after forget i, want only j's 2", n)
		}
		if got := call(t, c, "forget", map[string]any{"item": "never"}); got.IsError() || got.Out["item"] != "never" {
			t.Errorf("forget an item never favorited: %+v, want item never", got)
		}
		call(t, c, "favorite", pair("bob", "i"))
		if got := count(t, c, "i"); got != 1 {
			t.Errorf("_count i after favoriting a forgotten item: %v, want 1", got)
		}
		agree(t, f, c, "i", "ann", "bob", "cat")
		agree(t, f, c, "j", "ann", "bob", "cat")
	})
}

func TestFavoritesInATransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f, c := storagetest.Build(t, db, New)
		call(t, c, "favorite", pair("ann", "i"))
		// As a flow does: favoriting again, and another fan, in one
		// transaction that reads its own writes.
		ctx, tx := db.Begin(context.Background())
		fav, _ := c.Handler("favorite")
		for _, u := range []string{"ann", "bob"} {
			if res, err := fav.Call(ctx, pair(u, "i")); err != nil || res.IsError() {
				t.Fatalf("favorite %s i in a transaction: %+v, %v", u, res, err)
			}
		}
		if rows, err := f.Count(ctx, []ItemIO{{Item: "i"}}); err != nil || rows[0][0].Count != 2 {
			t.Fatalf("_count i in the transaction: %v, %v; want 2", rows, err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if got := agree(t, f, c, "i", "ann", "bob"); !slices.Equal(got, []string{"ann", "bob"}) {
			t.Fatalf("fans of i after the commit: %v, want [ann bob]", got)
		}
		// A transaction rolled back leaves the favorites as they were.
		ctx, tx = db.Begin(context.Background())
		unfav, _ := c.Handler("unfavorite")
		if res, err := unfav.Call(ctx, pair("ann", "i")); err != nil || res.IsError() {
			t.Fatalf("unfavorite ann i in a transaction: %+v, %v", res, err)
		}
		if res, err := fav.Call(ctx, pair("cat", "i")); err != nil || res.IsError() {
			t.Fatalf("favorite cat i in a transaction: %+v, %v", res, err)
		}
		tx.Rollback()
		if got := agree(t, f, c, "i", "ann", "bob", "cat"); !slices.Equal(got, []string{"ann", "bob"}) {
			t.Fatalf("fans of i after a rollback: %v, want [ann bob]", got)
		}
	})
}

func TestRebuildKeepsFavorites(t *testing.T) {
	// A server that starts again builds the concept anew on the database
	// and sets it up again: the favorites stay.
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		_, c := storagetest.Build(t, db, New)
		call(t, c, "favorite", pair("ann", "i"))
		call(t, c, "favorite", pair("ann", "h"))
		f, c := storagetest.Build(t, db, New)
		if got := favorites(t, c, "ann"); !slices.Equal(got, []string{"i", "h"}) {
			t.Fatalf("_favorites ann after a rebuild: %v, want [i h]", got)
		}
		agree(t, f, c, "i", "ann")
		call(t, c, "favorite", pair("bob", "i"))
		if got := count(t, c, "i"); got != 2 {
			t.Fatalf("_count i after a rebuild and another favorite: %d, want 2", got)
		}
	})
}
