package authenticating

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// register registers email with password, returning the user.
func register(t *testing.T, c *concepts.Concept, email, password string) string {
	t.Helper()
	res := call(t, c, "register", creds(email, password))
	user, _ := res.Out["user"].(string)
	if res.IsError() || user == "" {
		t.Fatalf("register %s: %+v, want a user", email, res)
	}
	return user
}

// update calls update, which must succeed for user.
func update(t *testing.T, c *concepts.Concept, in map[string]any) {
	t.Helper()
	if got := call(t, c, "update", in); got.IsError() || got.Out["user"] != in["user"] {
		t.Fatalf("update %v: %+v, want user %v", in["user"], got, in["user"])
	}
}

// wantLogin checks that login with email and password gives user, or
// fails when user is "".
func wantLogin(t *testing.T, c *concepts.Concept, email, password, user string) {
	t.Helper()
	got := call(t, c, "login", creds(email, password))
	switch {
	case user == "" && !got.IsError():
		t.Errorf("login %s/%s: %+v, want a concept error", email, password, got)
	case user != "" && got.Out["user"] != user:
		t.Errorf("login %s/%s: %+v, want user %s", email, password, got, user)
	}
}

// wantEmail checks that _get gives user's email.
func wantEmail(t *testing.T, c *concepts.Concept, user, email string) {
	t.Helper()
	rows := call(t, c, "_get", map[string]any{"user": user}).Rows
	if len(rows) != 1 || rows[0]["email"] != email {
		t.Errorf("_get %s: %v, want email %s", user, rows, email)
	}
}

func TestUpdate(t *testing.T) {
	each(t, func(t *testing.T, a *Authenticating, c *concepts.Concept) {
		ann := register(t, c, "ann@example.com", "secret")
		wantEmail(t, c, ann, "ann@example.com")
		steps := []struct {
			in              map[string]any
			email, password string // the credentials after the step
		}{
			{map[string]any{"user": ann}, "ann@example.com", "secret"},
			{map[string]any{"user": ann, "email": nil, "password": nil}, "ann@example.com", "secret"},
			{map[string]any{"user": ann, "email": " ANN@example.com"}, "ann@example.com", "secret"},
			{map[string]any{"user": ann, "email": " New@Example.com "}, "new@example.com", "secret"},
			{map[string]any{"user": ann, "password": "s3cret"}, "new@example.com", "s3cret"},
			{map[string]any{"user": ann, "email": "ann@example.com", "password": "pw"}, "ann@example.com", "pw"},
		}
		old := steps[0]
		for _, s := range steps {
			update(t, c, s.in)
			wantEmail(t, c, ann, s.email)
			wantLogin(t, c, s.email, s.password, ann)
			if s.email != old.email {
				wantLogin(t, c, old.email, s.password, "")
				storagetest.NoRows(t, c, "_getByEmail", map[string]any{"email": old.email})
			}
			if s.password != old.password {
				wantLogin(t, c, s.email, old.password, "")
			}
			old = s
		}
		wantUsers(t, a, 1)
		register(t, c, "new@example.com", "other") // given up by ann
	})
}

// wantUsers checks that the concept keeps n users.
func wantUsers(t *testing.T, a *Authenticating, n int64) {
	t.Helper()
	if got, err := a.users.Count(context.Background(), storage.Query{}); got != n || err != nil {
		t.Fatalf("%d users (%v), want %d", got, err, n)
	}
}

func TestUpdateErrors(t *testing.T) {
	each(t, func(t *testing.T, _ *Authenticating, c *concepts.Concept) {
		ann := register(t, c, "ann@example.com", "secret")
		register(t, c, "bob@example.com", "secret")
		cases := []struct {
			in   map[string]any
			want string
		}{
			{map[string]any{"user": "nobody", "password": "x"}, `user "nobody" does not exist`},
			{map[string]any{"user": ""}, `user "" does not exist`},
			{map[string]any{"user": ann, "email": "  "}, "email is empty"},
			{map[string]any{"user": ann, "email": "ann2@example.com", "password": ""}, "password is empty"},
			{map[string]any{"user": ann, "password": strings.Repeat("x", 73)}, "longer than 72 bytes"},
			{map[string]any{"user": ann, "email": "BOB@example.com", "password": "new"},
				"email bob@example.com is already registered"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "update", tc.in, tc.want)
		}
		wantEmail(t, c, ann, "ann@example.com")
		wantLogin(t, c, "ann@example.com", "secret", ann)
		register(t, c, "ann2@example.com", "secret") // not left taken
	})
}

func TestGetUnknownUser(t *testing.T) {
	each(t, func(t *testing.T, _ *Authenticating, c *concepts.Concept) {
		register(t, c, "ann@example.com", "secret")
		for _, user := range []string{"nobody", ""} {
			storagetest.NoRows(t, c, "_get", map[string]any{"user": user})
		}
	})
}

func TestConcurrentChangesToOneEmail(t *testing.T) {
	each(t, func(t *testing.T, a *Authenticating, c *concepts.Concept) {
		users := make([]string, 10)
		for i := range users {
			users[i] = register(t, c, fmt.Sprintf("u%d@example.com", i), "secret")
		}
		in := func(i int) map[string]any { return map[string]any{"user": users[i], "email": "race@example.com"} }
		if won := storagetest.Race(t, c, "update", len(users), in, "already registered"); won != 1 {
			t.Fatalf("%d changes to one email won, want 1", won)
		}
		wantUsers(t, a, int64(len(users)))
		winner := call(t, c, "login", creds("race@example.com", "secret")).Out["user"]
		for i, u := range users {
			if u != winner {
				wantLogin(t, c, fmt.Sprintf("u%d@example.com", i), "secret", u)
			}
		}
	})
}

func TestConcurrentChangesOfOneUser(t *testing.T) {
	each(t, func(t *testing.T, a *Authenticating, c *concepts.Concept) {
		ann := register(t, c, "ann@example.com", "secret")
		in := func(i int) map[string]any {
			return map[string]any{"user": ann, "email": fmt.Sprintf("ann%d@example.com", i)}
		}
		if won := storagetest.Race(t, c, "update", 10, in, "no loser"); won != 10 {
			t.Fatalf("%d of 10 changes won; each replaces the user's email, so all do", won)
		}
		wantUsers(t, a, 1)
		email := call(t, c, "_get", map[string]any{"user": ann}).Rows[0]["email"].(string)
		wantLogin(t, c, email, "secret", ann)
		for i := range 10 {
			if other := fmt.Sprintf("ann%d@example.com", i); other != email {
				wantLogin(t, c, other, "secret", "")
			}
		}
	})
}

func TestUnregister(t *testing.T) {
	each(t, func(t *testing.T, a *Authenticating, c *concepts.Concept) {
		ann := register(t, c, "ann@example.com", "secret")
		bob := register(t, c, "bob@example.com", "secret")
		if got := call(t, c, "unregister", map[string]any{"user": ann}); got.IsError() || got.Out["user"] != ann {
			t.Fatalf("unregister: %+v, want user %s", got, ann)
		}
		wantLogin(t, c, "ann@example.com", "secret", "")
		storagetest.NoRows(t, c, "_get", map[string]any{"user": ann})
		for _, user := range []string{ann, ""} {
			storagetest.Fails(t, c, "unregister", map[string]any{"user": user}, "does not exist")
		}
		storagetest.Fails(t, c, "update", map[string]any{"user": ann, "password": "x"}, "does not exist")
		wantUsers(t, a, 1)
		if again := register(t, c, "ann@example.com", "other"); again == ann {
			t.Fatalf("registering ann's email again gave the unregistered user %s, want a new one", ann)
		}
		wantLogin(t, c, "bob@example.com", "secret", bob)
	})
}
