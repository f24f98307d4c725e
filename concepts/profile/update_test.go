package profile

import (
	"fmt"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

func TestUpdateFields(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		steps := []struct {
			in                   map[string]any
			username, bio, image string // the profile after the step
		}{
			{map[string]any{"user": "u1", "image": "https://img/a.png"}, "ann", "", "https://img/a.png"},
			{map[string]any{"user": "u1", "bio": "hi", "image": nil}, "ann", "hi", "https://img/a.png"},
			{map[string]any{"user": "u1", "username": " ann "}, "ann", "hi", "https://img/a.png"},
			{map[string]any{"user": "u1", "username": "amy"}, "amy", "hi", "https://img/a.png"},
			{map[string]any{"user": "u1", "username": "al", "bio": "", "image": ""}, "al", "", ""},
			{map[string]any{"user": "u1"}, "al", "", ""},
		}
		old := "ann"
		for _, s := range steps {
			update(t, c, s.in)
			want := map[string]any{"username": s.username, "bio": s.bio, "image": s.image}
			if row := get(t, c, "u1"); fmt.Sprint(row) != fmt.Sprint(want) {
				t.Fatalf("_get after update %v: %v, want %v", s.in, row, want)
			}
			want = map[string]any{"user": "u1", "bio": s.bio, "image": s.image}
			if row := byUsername(t, c, s.username); fmt.Sprint(row) != fmt.Sprint(want) {
				t.Fatalf("_getByUsername %s after update %v: %v, want %v", s.username, s.in, row, want)
			}
			if old != s.username {
				noUsername(t, c, old)
			}
			wantProfiles(t, p, 1)
			old = s.username
		}
	})
}

func TestUsernameChange(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		update(t, c, map[string]any{"user": "u1", "username": "amy", "bio": "hello"})
		noUsername(t, c, "ann")
		for _, name := range []string{"amy", " amy\t"} { // trimmed as create and update trim
			if row := byUsername(t, c, name); row["user"] != "u1" || row["bio"] != "hello" {
				t.Fatalf("_getByUsername %q: %v, want u1 with bio hello", name, row)
			}
		}
		mustCreate(t, c, "u2", "ann") // given up by u1
		if row := byUsername(t, c, "ann"); row["user"] != "u2" {
			t.Fatalf("_getByUsername ann: %v, want u2", row)
		}
		update(t, c, rename("u1", "al"))
		update(t, c, rename("u2", "amy")) // given up by u1 in turn
		for username, user := range map[string]string{"al": "u1", "amy": "u2"} {
			if row := byUsername(t, c, username); row["user"] != user {
				t.Fatalf("_getByUsername %s: %v, want %s", username, row, user)
			}
		}
		noUsername(t, c, "ann")
		wantProfiles(t, p, 2)
	})
}

func TestUpdateErrors(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		mustCreate(t, c, "u2", "bob")
		cases := []struct {
			in   map[string]any
			want string
		}{
			{map[string]any{"user": "u1", "username": "  ", "bio": "x"}, "username is empty"},
			{map[string]any{"user": "u1", "username": "", "image": "x"}, "username is empty"},
			{map[string]any{"user": "u1", "username": "bob", "bio": "x"}, "username bob is taken"},
			{map[string]any{"user": "u1", "username": " bob ", "image": "x"}, "username bob is taken"},
			{map[string]any{"user": "u9", "username": "cid"}, "user u9 has no profile"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "update", tc.in, tc.want)
		}
		want := map[string]any{"username": "ann", "bio": "", "image": ""}
		if row := get(t, c, "u1"); fmt.Sprint(row) != fmt.Sprint(want) {
			t.Fatalf("_get after failed updates: %v, want ann's profile unchanged, %v", row, want)
		}
		if row := byUsername(t, c, "bob"); row["user"] != "u2" {
			t.Fatalf("_getByUsername bob after failed updates: %v, want u2", row)
		}
		wantProfiles(t, p, 2)
		mustCreate(t, c, "u3", "cid") // not left taken
	})
}

func TestGetByUsernameFindsNothing(t *testing.T) {
	each(t, func(t *testing.T, _ *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "old")
		update(t, c, rename("u1", "ann")) // old is u1's username no more
		// " ann" finds ann: see TestUsernameChange.
		for _, username := range []string{"bob", "", "  ", "an", "ann2", "old"} {
			noUsername(t, c, username)
		}
	})
}

func TestConcurrentUsernameChanges(t *testing.T) {
	const n = 10
	t.Run("to one username", func(t *testing.T) {
		each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
			createUsers(t, c, n)
			in := func(i int) map[string]any { return rename(fmt.Sprint("u", i), "race") }
			if won := storagetest.Race(t, c, "update", n, in, "username race is taken"); won != 1 {
				t.Fatalf("%d renames to one username won, want 1", won)
			}
			wantProfiles(t, p, n)
			winner := byUsername(t, c, "race")["user"]
			for i := range n {
				user, username := fmt.Sprint("u", i), fmt.Sprint("user", i)
				if user == winner {
					noUsername(t, c, username)
					continue
				}
				if row := get(t, c, user); row["username"] != username {
					t.Fatalf("_get %s, who lost the rename: %v, want username %s", user, row, username)
				}
				if row := byUsername(t, c, username); row["user"] != user {
					t.Fatalf("_getByUsername %s: %v, want %s", username, row, user)
				}
			}
		})
	})
	t.Run("of one user", func(t *testing.T) {
		each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
			createUsers(t, c, n)
			in := func(i int) map[string]any { return rename("u0", fmt.Sprint("name", i)) }
			// Each update is on its own, without a transaction: each
			// replaces the profile, and the last one's username stays.
			if won := storagetest.Race(t, c, "update", n, in, "no loser"); won != n {
				t.Fatalf("%d of %d renames of one user won; each replaces the profile, so all do", won, n)
			}
			wantProfiles(t, p, n)
			username := get(t, c, "u0")["username"]
			if row := byUsername(t, c, fmt.Sprint(username)); row["user"] != "u0" {
				t.Fatalf("_getByUsername of u0's username %v: %v, want u0", username, row)
			}
			var kept bool
			for i := range n {
				if name := fmt.Sprint("name", i); name == username {
					kept = true
				} else {
					noUsername(t, c, name)
				}
			}
			if !kept {
				t.Fatalf("u0's username is %v, none of the renames'", username)
			}
			noUsername(t, c, "user0")
			for i := 1; i < n; i++ {
				if user, row := fmt.Sprint("u", i), byUsername(t, c, fmt.Sprint("user", i)); row["user"] != user {
					t.Fatalf("_getByUsername user%d: %v, want %s", i, row, user)
				}
			}
		})
	})
}

// TestConcurrentChangesOfOneProfile races updates of different fields of
// one profile, each on its own: all succeed, and the profile ends as one
// of them left it.
func TestConcurrentChangesOfOneProfile(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		const n = 12
		in := func(i int) map[string]any {
			switch i % 3 {
			case 0:
				return rename("u1", fmt.Sprint("name", i))
			case 1:
				return map[string]any{"user": "u1", "bio": fmt.Sprint("bio", i)}
			}
			return map[string]any{"user": "u1", "image": fmt.Sprint("image", i)}
		}
		if won := storagetest.Race(t, c, "update", n, in, "no loser"); won != n {
			t.Fatalf("%d of %d updates of one profile won; each replaces the profile, so all do", won, n)
		}
		wantProfiles(t, p, 1)
		row := get(t, c, "u1")
		username := row["username"].(string)
		// Each update writes back the whole profile it read, so every
		// field holds its value at the start or one an update gave.
		for field, initial := range map[string]string{"username": "ann", "bio": "", "image": ""} {
			if v := row[field]; v != initial && !given(n, in, field, v) {
				t.Fatalf("%s %q after the updates: neither %q nor one an update gave", field, v, initial)
			}
		}
		if got := byUsername(t, c, username); got["user"] != "u1" || got["bio"] != row["bio"] || got["image"] != row["image"] {
			t.Fatalf("_getByUsername %s: %v, want u1's profile %v", username, got, row)
		}
		for i := 0; i < n; i += 3 {
			if name := fmt.Sprint("name", i); name != username {
				noUsername(t, c, name)
			}
		}
		if username != "ann" {
			noUsername(t, c, "ann")
		}
	})
}

// given reports whether one of the n inputs in(i) sets field to v.
func given(n int, in func(int) map[string]any, field string, v any) bool {
	for i := range n {
		if x, ok := in(i)[field]; ok && x == v {
			return true
		}
	}
	return false
}

// createUsers creates the profiles of users u0 to u(n-1), with usernames
// user0 to user(n-1).
func createUsers(t *testing.T, c *concepts.Concept, n int) {
	t.Helper()
	for i := range n {
		mustCreate(t, c, fmt.Sprint("u", i), fmt.Sprint("user", i))
	}
}
