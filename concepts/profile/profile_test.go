package profile

import (
	"fmt"
	"slices"
	"testing"

	"legible/concepts"
	"legible/storage/storagetest"
)

// get returns the one row of _get for user, failing the test otherwise.
func get(t *testing.T, c *concepts.Concept, user string) map[string]any {
	t.Helper()
	return storagetest.Row(t, c, "_get", map[string]any{"user": user})
}

// create is the input of create.
func create(user, username string) map[string]any {
	return map[string]any{"user": user, "username": username}
}

func TestCreateUpdateGet(t *testing.T) {
	_, c := setup(t)
	if got := call(t, c, "create", create("u1", " ann ")); got.IsError() || got.Out["user"] != "u1" {
		t.Fatalf("create: %+v, want user u1", got)
	}
	if row := get(t, c, "u1"); row["username"] != "ann" || row["bio"] != "" || row["image"] != "" {
		t.Fatalf("_get after create: %v, want username ann and an empty bio and image", row)
	}
	steps := []struct {
		in   map[string]any
		want string
	}{
		{map[string]any{"user": "u1", "bio": "hello"}, "hello"},
		{map[string]any{"user": "u1"}, "hello"},
		{map[string]any{"user": "u1", "bio": nil}, "hello"},
		{map[string]any{"user": "u1", "bio": ""}, ""},
	}
	for _, s := range steps {
		if got := call(t, c, "update", s.in); got.IsError() || got.Out["user"] != "u1" {
			t.Fatalf("update %v: %+v, want user u1", s.in, got)
		}
		if row := get(t, c, "u1"); row["bio"] != s.want || row["username"] != "ann" {
			t.Fatalf("_get after update %v: %v, want bio %q", s.in, row, s.want)
		}
	}
}

func TestCreateErrors(t *testing.T) {
	p, c := setup(t)
	call(t, c, "create", create("u1", "ann"))
	storagetest.Fails(t, c, "create", create("", "bob"), "user is empty")
	storagetest.Fails(t, c, "create", create("u2", "  "), "username is empty")
	storagetest.Fails(t, c, "create", create("u2", "ann"), "username ann is taken")
	storagetest.Fails(t, c, "create", create("u1", "bob"), "user u1 has a profile already")
	if n := count(t, p.profiles.Database(), UsernamesCollection); n != 1 {
		t.Fatalf("%d usernames claimed, want 1", n)
	}
	if row := get(t, c, "u1"); row["username"] != "ann" {
		t.Fatalf("_get after failed creates: %v, want username ann", row)
	}
}

func TestWithoutProfile(t *testing.T) {
	_, c := setup(t)
	for _, in := range []map[string]any{{"user": "u9", "bio": "hi"}, {"user": "u9"}, {"user": ""}} {
		storagetest.Fails(t, c, "update", in, "has no profile")
	}
	for _, user := range []string{"u9", ""} {
		storagetest.NoRows(t, c, "_get", map[string]any{"user": user})
	}
}

func TestConcurrentCreates(t *testing.T) {
	cases := []struct {
		name string
		in   func(i int) map[string]any
		lose string
	}{
		{"one username", func(i int) map[string]any { return create(fmt.Sprint("u", i), "ann") }, "is taken"},
		{"one user", func(i int) map[string]any { return create("u1", fmt.Sprint("name", i)) }, "has a profile already"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, c := setup(t)
			won := storagetest.Race(t, c, "create", 20, tc.in, tc.lose)
			n := storagetest.Counts(t, p.profiles.Database(), ProfilesCollection, UsernamesCollection)
			if won != 1 || !slices.Equal(n, []int64{1, 1}) {
				t.Fatalf("%d creates won, %v profiles and usernames; want one of each: the losers must release "+
					"their usernames", won, n)
			}
		})
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	p, c := setup(t)
	storagetest.Resetup(t, p, func() { call(t, c, "create", create("u1", "ann")) }, p.profiles, "username_unique")
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Profile.concept.yaml")
}
