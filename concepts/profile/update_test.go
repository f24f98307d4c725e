package profile

import (
	"context"
	"fmt"
	"testing"

	"legible/concepts"
	"legible/storage"
	"legible/storage/storagetest"
)

// update calls update, which must succeed for the user in in.
func update(t *testing.T, c *concepts.Concept, in map[string]any) {
	t.Helper()
	if got := call(t, c, "update", in); got.IsError() || got.Out["user"] != in["user"] {
		t.Fatalf("update %v: %+v, want user %v", in, got, in["user"])
	}
}

// byUsername returns the one row of _getByUsername for username, failing
// the test otherwise.
func byUsername(t *testing.T, c *concepts.Concept, username string) map[string]any {
	t.Helper()
	rows := call(t, c, "_getByUsername", map[string]any{"username": username}).Rows
	if len(rows) != 1 {
		t.Fatalf("_getByUsername %s: %v, want one row", username, rows)
	}
	return rows[0]
}

// rename is the input of update that changes user's username.
func rename(user, username string) map[string]any {
	return map[string]any{"user": user, "username": username}
}

func TestUpdateFields(t *testing.T) {
	p, c := setup(t)
	call(t, c, "create", create("u1", "ann"))
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
		if n := count(t, p.profiles.Database(), UsernamesCollection); n != 1 {
			t.Fatalf("%d usernames claimed after update %v, want 1", n, s.in)
		}
	}
}

func TestUsernameChange(t *testing.T) {
	_, c := setup(t)
	call(t, c, "create", create("u1", "ann"))
	update(t, c, map[string]any{"user": "u1", "username": "amy", "bio": "hello"})
	storagetest.NoRows(t, c, "_getByUsername", map[string]any{"username": "ann"})
	for _, name := range []string{"amy", " amy\t"} { // trimmed as create and update trim
		if row := byUsername(t, c, name); row["user"] != "u1" || row["bio"] != "hello" {
			t.Fatalf("_getByUsername %q: %v, want u1 with bio hello", name, row)
		}
	}
	if got := call(t, c, "create", create("u2", "ann")); got.IsError() {
		t.Fatalf("create with the given-up username ann: %+v", got)
	}
	if row := byUsername(t, c, "ann"); row["user"] != "u2" {
		t.Fatalf("_getByUsername ann: %v, want u2", row)
	}
}

func TestUpdateErrors(t *testing.T) {
	_, c := setup(t)
	call(t, c, "create", create("u1", "ann"))
	call(t, c, "create", create("u2", "bob"))
	cases := []struct {
		in   map[string]any
		want string
	}{
		{map[string]any{"user": "u1", "username": "  ", "bio": "x"}, "username is empty"},
		{map[string]any{"user": "u1", "username": "bob", "bio": "x"}, "username bob is taken"},
		{map[string]any{"user": "u9", "username": "cid"}, "user u9 has no profile"},
	}
	for _, tc := range cases {
		storagetest.Fails(t, c, "update", tc.in, tc.want)
	}
	if row := get(t, c, "u1"); row["username"] != "ann" || row["bio"] != "" {
		t.Fatalf("_get after failed updates: %v, want ann's profile unchanged", row)
	}
	call(t, c, "create", create("u3", "cid")) // not left claimed
}

func TestGetByUsernameFindsNothing(t *testing.T) {
	p, c := setup(t)
	call(t, c, "create", create("u1", "ann"))
	// A claim left by an interrupted change: its profile has another name.
	if err := storage.Claim(context.Background(), p.usernames, "old", "u1"); err != nil {
		t.Fatal(err)
	}
	for _, username := range []string{"bob", "", "an", "ann2", "old"} { // " ann" finds ann: see TestUsernameChange
		storagetest.NoRows(t, c, "_getByUsername", map[string]any{"username": username})
	}
}

func TestConcurrentUsernameChanges(t *testing.T) {
	cases := []struct {
		name  string
		in    func(i int) map[string]any
		lose  string
		won   func(int) bool
		names int64 // usernames claimed afterwards
	}{
		{"to one username", func(i int) map[string]any { return rename(fmt.Sprint("u", i), "race") },
			"is taken", func(n int) bool { return n == 1 }, 10},
		{"of one user", func(i int) map[string]any { return rename("u0", fmt.Sprint("name", i)) },
			"changed while updating it", func(n int) bool { return n >= 1 }, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, c := setup(t)
			for i := range 10 {
				call(t, c, "create", create(fmt.Sprint("u", i), fmt.Sprint("user", i)))
			}
			if won := storagetest.Race(t, c, "update", 10, tc.in, tc.lose); !tc.won(won) {
				t.Fatalf("%d updates won", won)
			}
			if n := count(t, p.profiles.Database(), UsernamesCollection); n != tc.names {
				t.Fatalf("%d usernames claimed, want %d: every update must give back the username it did not keep", n, tc.names)
			}
			for i := range 10 {
				user := fmt.Sprint("u", i)
				if row := byUsername(t, c, get(t, c, user)["username"].(string)); row["user"] != user {
					t.Fatalf("_getByUsername of %s's username: %v", user, row)
				}
			}
		})
	}
}
