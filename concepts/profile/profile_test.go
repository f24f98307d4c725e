package profile

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"legible/concepts"
	"legible/engine/load"
)

func create(user, username string) map[string]any {
	return map[string]any{"user": user, "username": username}
}

// get returns the one row of _get for user, failing the test otherwise.
func get(t *testing.T, c *concepts.Concept, user string) map[string]any {
	t.Helper()
	rows := call(t, c, "_get", map[string]any{"user": user}).Rows
	if len(rows) != 1 {
		t.Fatalf("_get %s: %v, want one row", user, rows)
	}
	return rows[0]
}

func TestCreateUpdateGet(t *testing.T) {
	_, c := setup(t)
	if got := call(t, c, "create", create("u1", " ann ")); got.IsError() || got.Out["user"] != "u1" {
		t.Fatalf("create: %+v, want user u1", got)
	}
	if row := get(t, c, "u1"); row["username"] != "ann" || row["bio"] != "" {
		t.Fatalf("_get after create: %v, want username ann and an empty bio", row)
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
	cases := []struct {
		name, user, username, want string
	}{
		{"empty user", "", "bob", "user is empty"},
		{"empty username", "u2", "  ", "username is empty"},
		{"taken username", "u2", "ann", "username ann is taken"},
		{"second profile", "u1", "bob", "user u1 has a profile already"},
	}
	for _, tc := range cases {
		if got := call(t, c, "create", create(tc.user, tc.username)); !strings.Contains(got.Err, tc.want) {
			t.Errorf("%s: %+v, want a concept error containing %q", tc.name, got, tc.want)
		}
	}
	if n := count(t, p.profiles.Database(), UsernamesCollection); n != 1 {
		t.Fatalf("%d usernames claimed, want 1", n)
	}
	if row := get(t, c, "u1"); row["username"] != "ann" {
		t.Fatalf("_get after failed creates: %v, want username ann", row)
	}
}

func TestUpdateWithoutProfile(t *testing.T) {
	_, c := setup(t)
	for _, in := range []map[string]any{{"user": "u9", "bio": "hi"}, {"user": "u9"}, {"user": ""}} {
		if got := call(t, c, "update", in); !strings.Contains(got.Err, "has no profile") {
			t.Errorf("update %v: %+v, want the no-profile concept error", in, got)
		}
	}
}

func TestGetWithoutProfile(t *testing.T) {
	_, c := setup(t)
	for _, user := range []string{"u9", ""} {
		if rows := call(t, c, "_get", map[string]any{"user": user}).Rows; len(rows) != 0 {
			t.Errorf("_get %q: %v, want no rows", user, rows)
		}
	}
}

// race runs n creates at once and returns how many succeeded; every other
// one must fail with a concept error containing lose.
func race(t *testing.T, c *concepts.Concept, n int, in func(i int) map[string]any, lose string) int {
	t.Helper()
	results := make([]concepts.Result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			h, _ := c.Handler("create")
			res, err := h.Call(context.Background(), in(i))
			if err != nil {
				t.Error(err)
			}
			results[i] = res
		})
	}
	wg.Wait()
	won := 0
	for _, r := range results {
		if !r.IsError() {
			won++
		} else if !strings.Contains(r.Err, lose) {
			t.Errorf("a losing create: %q, want %q", r.Err, lose)
		}
	}
	return won
}

func TestConcurrentCreatesOfOneUsername(t *testing.T) {
	p, c := setup(t)
	won := race(t, c, 20, func(i int) map[string]any { return create(fmt.Sprint("u", i), "ann") }, "is taken")
	db := p.profiles.Database()
	if won != 1 || count(t, db, ProfilesCollection) != 1 || count(t, db, UsernamesCollection) != 1 {
		t.Fatalf("%d creates won, %d profiles, %d usernames; want one of each",
			won, count(t, db, ProfilesCollection), count(t, db, UsernamesCollection))
	}
}

func TestConcurrentCreatesForOneUser(t *testing.T) {
	p, c := setup(t)
	won := race(t, c, 20, func(i int) map[string]any { return create("u1", fmt.Sprint("name", i)) }, "has a profile already")
	db := p.profiles.Database()
	if won != 1 || count(t, db, ProfilesCollection) != 1 || count(t, db, UsernamesCollection) != 1 {
		t.Fatalf("%d creates won, %d profiles, %d usernames; want one of each: the losers must release their usernames",
			won, count(t, db, ProfilesCollection), count(t, db, UsernamesCollection))
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	p, c := setup(t)
	if err := p.Setup(context.Background()); err != nil {
		t.Fatalf("a second Setup: %v", err)
	}
	call(t, c, "create", create("u1", "ann"))
	if err := p.Setup(context.Background()); err != nil {
		t.Fatalf("Setup with data: %v", err)
	}
	if got := uniqueIndexes(t, p.profiles); !slices.Equal(got, []string{"username_unique"}) {
		t.Fatalf("unique indexes %v after three Setups, want [username_unique]", got)
	}
}

func TestConformance(t *testing.T) {
	data, err := os.ReadFile("../../specs/concepts/Profile.concept.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sp, diags := load.Load([]load.File{{Name: "concepts/Profile.concept.yaml", Data: data}})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	spec := sp.Concepts[len(sp.Concepts)-1]
	if spec.Name.Name != "Profile" {
		t.Fatalf("loaded concept %s, want Profile", spec.Name.Name)
	}
	for _, d := range concepts.Conformance(New(nil).Concept(), spec) {
		t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
	}
}
