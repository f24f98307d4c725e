package following

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

func TestFollowAndUnfollow(t *testing.T) {
	each(t, func(t *testing.T, f *Following, c *concepts.Concept) {
		steps := []struct {
			action, followee string
			want             []string // ann's followees after the step
		}{
			{"follow", "bob", []string{"bob"}},
			{"follow", "bob", []string{"bob"}},
			{"follow", "cat", []string{"bob", "cat"}},
			{"unfollow", "dan", []string{"bob", "cat"}},
			{"unfollow", "bob", []string{"cat"}},
			{"unfollow", "bob", []string{"cat"}},
			{"unfollow", "cat", []string{}},
			{"follow", "bob", []string{"bob"}},
		}
		for _, s := range steps {
			if got := call(t, c, s.action, pair("ann", s.followee)); got.IsError() || got.Out["followee"] != s.followee {
				t.Fatalf("%s ann %s: %+v, want followee %s", s.action, s.followee, got, s.followee)
			}
			if got := followees(t, c, "ann"); !slices.Equal(got, s.want) {
				t.Fatalf("_followees ann after %s %s: %#v, want %#v", s.action, s.followee, got, s.want)
			}
			for _, u := range []string{"bob", "cat", "dan"} {
				want := slices.Contains(s.want, u)
				if got := isFollowing(t, c, pair("ann", u)); got != want {
					t.Fatalf("_isFollowing ann %s after %s %s: %v, want %v", u, s.action, s.followee, got, want)
				}
				if got := isFollowing(t, c, pair(u, "ann")); got != false {
					t.Fatalf("_isFollowing %s ann after %s %s: %v, want false (following is one-way)", u, s.action, s.followee, got)
				}
			}
			if n := stored(t, f); n != int64(len(s.want)) {
				t.Fatalf("%d follows stored after %s %s, want %d", n, s.action, s.followee, len(s.want))
			}
		}
		if got := followees(t, c, "bob"); len(got) != 0 {
			t.Fatalf("_followees bob: %#v, want [] (following is one-way)", got)
		}
	})
}

func TestFolloweesAreInTheOrderFollowed(t *testing.T) {
	each(t, func(t *testing.T, f *Following, c *concepts.Concept) {
		steps := []struct {
			action, followee string
			want             []string // ann's followees after the step
		}{
			{"follow", "dan", []string{"dan"}},
			{"follow", "cat", []string{"dan", "cat"}},
			{"follow", "bob", []string{"dan", "cat", "bob"}},
			{"follow", "dan", []string{"dan", "cat", "bob"}}, // following again keeps the first
			{"unfollow", "cat", []string{"dan", "bob"}},
			{"follow", "cat", []string{"dan", "bob", "cat"}}, // followed anew: last
		}
		began := map[string]int64{}
		for _, s := range steps {
			call(t, c, s.action, pair("ann", s.followee))
			if got := followees(t, c, "ann"); !slices.Equal(got, s.want) {
				t.Fatalf("_followees ann after %s %s: %v, want %v", s.action, s.followee, got, s.want)
			}
			at := since(t, f, "ann", s.followee)
			switch {
			case s.action == "unfollow" && at != 0:
				t.Fatalf("after unfollow ann %s a follow since %d is stored, want none", s.followee, at)
			case s.action == "unfollow":
				delete(began, s.followee)
			case began[s.followee] == 0:
				began[s.followee] = at
			case at != began[s.followee]:
				t.Fatalf("ann follows %s since %d after following again, want since the first follow, %d",
					s.followee, at, began[s.followee])
			}
		}
		call(t, c, "follow", pair("bob", "ann"))
		if got := followees(t, c, "ann"); !slices.Equal(got, []string{"dan", "bob", "cat"}) {
			t.Fatalf("_followees ann after bob follows ann: %v, want [dan bob cat]", got)
		}
	})
}

func TestFollowErrors(t *testing.T) {
	each(t, func(t *testing.T, f *Following, c *concepts.Concept) {
		cases := []struct {
			in   map[string]any
			want string
		}{
			{pair("ann", "ann"), "you cannot follow yourself"},
			{pair("", "bob"), "follower is empty"},
			{pair("ann", ""), "followee is empty"},
			{pair("", ""), "follower is empty"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "follow", tc.in, tc.want)
		}
		if n := stored(t, f); n != 0 {
			t.Fatalf("%d follows stored after failed follows, want none", n)
		}
		if got := isFollowing(t, c, pair("ann", "ann")); got != false {
			t.Fatalf("_isFollowing ann ann after a refused follow: %v, want false", got)
		}
	})
}

func TestQueriesWithoutFollows(t *testing.T) {
	each(t, func(t *testing.T, _ *Following, c *concepts.Concept) {
		call(t, c, "follow", pair("ann", "bob"))
		cases := []map[string]any{
			{"followee": "bob"},
			{"follower": nil, "followee": "bob"},
			{"follower": "", "followee": "bob"},
			{"follower": "bob", "followee": "ann"},
			{"follower": "ann", "followee": ""},
		}
		for _, in := range cases {
			if got := isFollowing(t, c, in); got != false {
				t.Errorf("_isFollowing %v: %v, want false", in, got)
			}
		}
		for _, u := range []string{"nobody", ""} {
			if got := followees(t, c, u); len(got) != 0 {
				t.Errorf("_followees %q: %#v, want []", u, got)
			}
		}
		if got := call(t, c, "unfollow", pair("", "bob")); got.IsError() || got.Out["followee"] != "bob" {
			t.Errorf("unfollow by no one: %+v, want followee bob", got)
		}
		if got := isFollowing(t, c, pair("ann", "bob")); got != true {
			t.Errorf("_isFollowing ann bob after an unfollow by no one: %v, want true", got)
		}
	})
}

func TestConcurrentFollows(t *testing.T) {
	const n = 20
	cases := []struct {
		name     string
		follower func(i int) string
		followee func(i int) string
		want     map[string]int // followees of each follower
	}{
		{"many followees", func(int) string { return "ann" }, func(i int) string { return fmt.Sprint("u", i) },
			map[string]int{"ann": n}},
		{"one followee", func(int) string { return "ann" }, func(int) string { return "bob" },
			map[string]int{"ann": 1}},
		{"many followers", func(i int) string { return fmt.Sprint("u", i) }, func(int) string { return "bob" },
			map[string]int{"u0": 1, "u19": 1, "ann": 0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, f *Following, c *concepts.Concept) {
				in := func(i int) map[string]any { return pair(tc.follower(i), tc.followee(i)) }
				if won := storagetest.Race(t, c, "follow", n, in, ""); won != n {
					t.Fatalf("%d of %d follows succeeded, want all", won, n)
				}
				for u, want := range tc.want {
					if got := followees(t, c, u); len(got) != want {
						t.Errorf("_followees %s: %v, want %d", u, got, want)
					}
				}
				for i := range n {
					if got := isFollowing(t, c, in(i)); got != true {
						t.Errorf("_isFollowing %v after following: %v, want true", in(i), got)
					}
				}
				distinct := map[string]bool{}
				for i := range n {
					distinct[storage.Key(tc.follower(i), tc.followee(i))] = true
				}
				if got := stored(t, f); got != int64(len(distinct)) {
					t.Errorf("%d follows stored, want one per distinct pair, %d", got, len(distinct))
				}
			})
		})
	}
}

func TestFollowsInATransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		f, c := storagetest.Build(t, db, New)
		call(t, c, "follow", pair("ann", "bob"))
		// As a flow does: following again, and another, in one transaction
		// that reads its own writes.
		ctx, tx := db.Begin(context.Background())
		follow, _ := c.Handler("follow")
		for _, u := range []string{"bob", "cat"} {
			if res, err := follow.Call(ctx, pair("ann", u)); err != nil || res.IsError() {
				t.Fatalf("follow ann %s in a transaction: %+v, %v", u, res, err)
			}
		}
		if rows, err := f.Followees(ctx, FollowerIn{Follower: "ann"}); err != nil || !slices.Equal(rows[0].Followees, []string{"bob", "cat"}) {
			t.Fatalf("_followees ann in the transaction: %v, %v; want [bob cat]", rows, err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if got := followees(t, c, "ann"); !slices.Equal(got, []string{"bob", "cat"}) {
			t.Fatalf("_followees ann after the commit: %v, want [bob cat]", got)
		}
		// A transaction rolled back leaves the follows as they were.
		ctx, tx = db.Begin(context.Background())
		unfollow, _ := c.Handler("unfollow")
		if res, err := unfollow.Call(ctx, pair("ann", "bob")); err != nil || res.IsError() {
			t.Fatalf("unfollow ann bob in a transaction: %+v, %v", res, err)
		}
		if res, err := follow.Call(ctx, pair("ann", "dan")); err != nil || res.IsError() {
			t.Fatalf("follow ann dan in a transaction: %+v, %v", res, err)
		}
		tx.Rollback()
		for u, want := range map[string]bool{"bob": true, "cat": true, "dan": false} {
			if got := isFollowing(t, c, pair("ann", u)); got != want {
				t.Errorf("_isFollowing ann %s after a rollback: %v, want %v", u, got, want)
			}
		}
		if n := stored(t, f); n != 2 {
			t.Errorf("%d follows stored after a rollback, want 2", n)
		}
	})
}

func TestRebuildKeepsFollows(t *testing.T) {
	// A server that starts again builds the concept anew on the database
	// and sets it up again: the follows stay.
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		_, c := storagetest.Build(t, db, New)
		call(t, c, "follow", pair("ann", "cat"))
		call(t, c, "follow", pair("ann", "bob"))
		_, c = storagetest.Build(t, db, New)
		if got := followees(t, c, "ann"); !slices.Equal(got, []string{"cat", "bob"}) {
			t.Fatalf("_followees ann after a rebuild: %v, want [cat bob]", got)
		}
		call(t, c, "follow", pair("ann", "dan"))
		if got := isFollowing(t, c, pair("ann", "dan")); got != true {
			t.Fatalf("_isFollowing ann dan after a rebuild and a follow: %v, want true", got)
		}
	})
}
