package following

import (
	"fmt"
	"slices"
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// followees returns the followees of follower by _followees.
func followees(t *testing.T, c *concepts.Concept, follower string) []string {
	t.Helper()
	return storagetest.Strings(t, row(t, c, "_followees", map[string]any{"follower": follower})["followees"])
}

// isFollowing returns _isFollowing for the input.
func isFollowing(t *testing.T, c *concepts.Concept, in map[string]any) any {
	t.Helper()
	return row(t, c, "_isFollowing", in)["following"]
}

func TestFollowAndUnfollow(t *testing.T) {
	_, c := setup(t)
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
		}
	}
	if got := followees(t, c, "bob"); len(got) != 0 {
		t.Fatalf("_followees bob: %#v, want [] (following is one-way)", got)
	}
}

func TestFollowErrors(t *testing.T) {
	f, c := setup(t)
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
	if n := storagetest.Count(t, f.users.Database(), UsersCollection); n != 0 {
		t.Fatalf("%d followers stored after failed follows, want none", n)
	}
}

func TestQueriesWithoutFollows(t *testing.T) {
	_, c := setup(t)
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
}

func TestConcurrentFollows(t *testing.T) {
	const n = 20
	cases := []struct {
		name     string
		followee func(i int) string
		want     int
	}{
		{"many followees", func(i int) string { return fmt.Sprint("u", i) }, n},
		{"one followee", func(int) string { return "bob" }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c := setup(t)
			won := storagetest.Race(t, c, "follow", n, func(i int) map[string]any { return pair("ann", tc.followee(i)) }, "")
			got := followees(t, c, "ann")
			if won != n || len(got) != tc.want {
				t.Fatalf("%d of %d follows succeeded, %d followees; want all, and %d", won, n, len(got), tc.want)
			}
		})
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	f, c := setup(t)
	storagetest.Resetup(t, f, func() { call(t, c, "follow", pair("ann", "bob")) }, f.users)
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Following.concept.yaml")
}
