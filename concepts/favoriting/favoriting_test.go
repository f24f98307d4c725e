package favoriting

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"legible/storage/storagetest"
)

func TestFavoriteSequences(t *testing.T) {
	type step struct{ action, user string }
	cases := []struct {
		name  string
		steps []step
		fans  []string // of item i after the steps
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
			f, c := setup(t)
			for _, s := range tc.steps {
				if got := call(t, c, s.action, pair(s.user, "i")); got.IsError() || got.Out["item"] != "i" {
					t.Fatalf("%s %s i: %+v, want item i", s.action, s.user, got)
				}
				stored(t, f, "i")
			}
			if got := count(t, c, "i"); got != len(tc.fans) {
				t.Fatalf("_count i: %v, want %d", got, len(tc.fans))
			}
			if d := stored(t, f, "i"); !slices.Equal(d.Fans, tc.fans) && len(tc.fans)+len(d.Fans) > 0 {
				t.Fatalf("fans of i: %v, want %v", d.Fans, tc.fans)
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
	}
}

func TestFavoritesOfAUser(t *testing.T) {
	_, c := setup(t)
	for _, item := range []string{"a", "b", "c", "b"} {
		call(t, c, "favorite", pair("ann", item))
	}
	call(t, c, "unfavorite", pair("ann", "a"))
	if got := favorites(t, c, "ann"); !slices.Equal(got, []string{"b", "c"}) {
		t.Fatalf("_favorites ann: %v, want [b c]", got)
	}
	for item, want := range map[string]int{"a": 0, "b": 1, "c": 1, "never": 0} {
		if got := count(t, c, item); got != want {
			t.Errorf("_count %s: %v, want %d", item, got, want)
		}
	}
}

func TestQueriesWithoutUser(t *testing.T) {
	_, c := setup(t)
	call(t, c, "favorite", pair("ann", "i"))
	for _, in := range []map[string]any{{"item": "i"}, {"user": nil, "item": "i"}, {"user": "", "item": "i"},
		pair("ann", "j"), pair("bob", "i")} {
		if got := isFavorite(t, c, in); got != false {
			t.Errorf("_isFavorite %v: %v, want false", in, got)
		}
	}
	for _, u := range []string{"bob", ""} {
		if got := favorites(t, c, u); len(got) != 0 {
			t.Errorf("_favorites %q: %v, want []", u, got)
		}
	}
}

func TestFavoriteWithoutIDs(t *testing.T) {
	f, c := setup(t)
	for _, in := range []map[string]any{pair("", "i"), pair("ann", "")} {
		h, _ := c.Handler("favorite")
		if _, err := h.Call(t.Context(), in); err == nil {
			t.Errorf("favorite %v: no failure, want one saying an id is empty", in)
		}
	}
	if n := storagetest.Counts(t, f.items.Database(), ItemsCollection, UsersCollection); !slices.Equal(n, []int64{0, 0}) {
		t.Fatalf("%v items and users stored, want none", n)
	}
}

func TestConcurrentFavorites(t *testing.T) {
	const n = 20
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
			f, c := setup(t)
			won := storagetest.Race(t, c, "favorite", n, func(i int) map[string]any { return pair(tc.user(i), "i") }, "")
			d := stored(t, f, "i")
			if won != n || d.Count != tc.want || count(t, c, "i") != tc.want {
				t.Fatalf("%d of %d favorites succeeded, count %d, fans %v; want all, and %d", won, n, d.Count, d.Fans, tc.want)
			}
		})
	}
}

func TestConcurrentFavoritesAndUnfavorites(t *testing.T) {
	f, c := setup(t)
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
	if d := stored(t, f, "i"); d.Count != 15 {
		t.Fatalf("count %d, fans %v; want u5 … u19, 15", d.Count, d.Fans)
	}
}

func TestForget(t *testing.T) {
	f, c := setup(t)
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
	if n := storagetest.Count(t, f.items.Database(), ItemsCollection); n != 1 {
		t.Errorf("%d item documents after forget i, want only j's", n)
	}
	call(t, c, "favorite", pair("bob", "i"))
	if got := count(t, c, "i"); got != 1 {
		t.Errorf("_count i after favoriting a forgotten item: %v, want 1", got)
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	f, c := setup(t)
	storagetest.Resetup(t, f, func() { call(t, c, "favorite", pair("ann", "i")) }, f.users)
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Favoriting.concept.yaml")
}
