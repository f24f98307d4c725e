package profile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestCreateUpdateGet(t *testing.T) {
	each(t, func(t *testing.T, _ *Profile, c *concepts.Concept) {
		if got := call(t, c, "create", create("u1", " ann ")); got.IsError() || got.Out["user"] != "u1" {
			t.Fatalf("create: %+v, want user u1", got)
		}
		if row := get(t, c, "u1"); row["username"] != "ann" || row["bio"] != "" || row["image"] != "" {
			t.Fatalf("_get after create: %v, want username ann and an empty bio and image", row)
		}
		if row := byUsername(t, c, "ann"); row["user"] != "u1" || row["bio"] != "" || row["image"] != "" {
			t.Fatalf("_getByUsername after create: %v, want u1 with an empty bio and image", row)
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
			update(t, c, s.in)
			if row := get(t, c, "u1"); row["bio"] != s.want || row["username"] != "ann" {
				t.Fatalf("_get after update %v: %v, want bio %q", s.in, row, s.want)
			}
		}
	})
}

func TestCreateErrors(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		cases := []struct {
			in   map[string]any
			want string
		}{
			{create("", "bob"), "user is empty"},
			{create("u2", "  "), "username is empty"},
			{create("u2", ""), "username is empty"},
			{create("u2", "ann"), "username ann is taken"},
			{create("u2", " ann\t"), "username ann is taken"},
			{create("u1", "bob"), "user u1 has a profile already"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "create", tc.in, tc.want)
		}
		wantProfiles(t, p, 1)
		if row := get(t, c, "u1"); row["username"] != "ann" {
			t.Fatalf("_get after failed creates: %v, want username ann", row)
		}
		storagetest.NoRows(t, c, "_get", map[string]any{"user": "u2"})
		noUsername(t, c, "bob")
		mustCreate(t, c, "u2", "bob") // not left taken by u1's failed create
	})
}

func TestWithoutProfile(t *testing.T) {
	each(t, func(t *testing.T, _ *Profile, c *concepts.Concept) {
		for _, in := range []map[string]any{{"user": "u9", "bio": "hi"}, {"user": "u9"}, {"user": ""}} {
			storagetest.Fails(t, c, "update", in, "has no profile")
		}
		for _, user := range []string{"u9", ""} {
			storagetest.NoRows(t, c, "_get", map[string]any{"user": user})
		}
	})
}

// TestPaddedUsernames checks that create, update and _getByUsername trim
// the usernames they are given alike.
func TestPaddedUsernames(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		steps := []struct {
			action string
			in     map[string]any
			want   string // u1's username after the step
		}{
			{"create", create("u1", " ann\t"), "ann"},
			{"update", rename("u1", "ann  "), "ann"},
			{"update", rename("u1", "\n amy "), "amy"},
			{"update", map[string]any{"user": "u1", "username": " amy", "bio": "hi"}, "amy"},
		}
		for _, s := range steps {
			if got := call(t, c, s.action, s.in); got.IsError() || got.Out["user"] != "u1" {
				t.Fatalf("%s %v: %+v, want user u1", s.action, s.in, got)
			}
			if row := get(t, c, "u1"); row["username"] != s.want {
				t.Fatalf("_get after %s %v: %v, want username %q", s.action, s.in, row, s.want)
			}
			for _, lookup := range []string{s.want, " " + s.want, s.want + "\t\n"} {
				if row := byUsername(t, c, lookup); row["user"] != "u1" {
					t.Fatalf("_getByUsername %q after %s %v: %v, want u1", lookup, s.action, s.in, row)
				}
			}
		}
		mustCreate(t, c, "u2", "bob")
		storagetest.Fails(t, c, "create", create("u3", "  amy "), "username amy is taken")
		storagetest.Fails(t, c, "update", rename("u2", "\tamy"), "username amy is taken")
		wantProfiles(t, p, 2)
		if row := byUsername(t, c, " bob "); row["user"] != "u2" {
			t.Fatalf("_getByUsername \" bob \": %v, want u2, whose failed rename kept bob", row)
		}
	})
}

func TestConcurrentCreates(t *testing.T) {
	pads := []string{"ann", " ann", "ann\t", "  ann  "}
	cases := []struct {
		name string
		in   func(i int) map[string]any
		lose string
	}{
		{"one username", func(i int) map[string]any { return create(fmt.Sprint("u", i), "ann") }, "username ann is taken"},
		{"one padded username", func(i int) map[string]any { return create(fmt.Sprint("u", i), pads[i%len(pads)]) },
			"username ann is taken"},
		{"one user", func(i int) map[string]any { return create("u1", fmt.Sprint("name", i)) },
			"user u1 has a profile already"},
	}
	const n = 20
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
				if won := storagetest.Race(t, c, "create", n, tc.in, tc.lose); won != 1 {
					t.Fatalf("%d creates won, want 1", won)
				}
				// The one profile is a winner's, under its username, and
				// the losers' usernames are free.
				d := onlyProfile(t, p)
				var ok bool
				for i := range n {
					in := tc.in(i)
					user, username := in["user"].(string), strings.TrimSpace(in["username"].(string))
					if user == d.ID && username == d.Value.Username {
						ok = true
					} else if username != d.Value.Username {
						noUsername(t, c, username)
					}
				}
				if !ok {
					t.Fatalf("the stored profile %+v is none of the creates'", d)
				}
				if row := byUsername(t, c, d.Value.Username); row["user"] != d.ID {
					t.Fatalf("_getByUsername %s: %v, want %s", d.Value.Username, row, d.ID)
				}
			})
		})
	}
}
