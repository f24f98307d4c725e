package authenticating

import (
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// creds is the input of register and login.
func creds(email, password string) map[string]any {
	return map[string]any{"email": email, "password": password}
}

func TestRegisterLoginAndGetByEmail(t *testing.T) {
	each(t, func(t *testing.T, _ *Authenticating, c *concepts.Concept) {
		reg := call(t, c, "register", creds("  Ann@Example.COM ", "secret"))
		user, _ := reg.Out["user"].(string)
		if reg.IsError() || len(user) != 36 {
			t.Fatalf("register: %+v, want a UUID user", reg)
		}
		for _, email := range []string{"ann@example.com", "ANN@example.com "} {
			if got := call(t, c, "login", creds(email, "secret")); got.IsError() || got.Out["user"] != user {
				t.Fatalf("login %q: %+v, want user %s", email, got, user)
			}
		}
		rows := call(t, c, "_getByEmail", map[string]any{"email": "Ann@example.com"}).Rows
		if len(rows) != 1 || rows[0]["user"] != user {
			t.Fatalf("_getByEmail: %v, want one row with user %s", rows, user)
		}
		for _, email := range []string{"bob@example.com", ""} {
			storagetest.NoRows(t, c, "_getByEmail", map[string]any{"email": email})
		}
	})
}

func TestRegisterErrors(t *testing.T) {
	each(t, func(t *testing.T, _ *Authenticating, c *concepts.Concept) {
		call(t, c, "register", creds("ann@example.com", "secret"))
		for _, email := range []string{"", "   "} {
			storagetest.Fails(t, c, "register", creds(email, "secret"), "email is empty")
		}
		storagetest.Fails(t, c, "register", creds("bob@example.com", ""), "password is empty")
		storagetest.Fails(t, c, "register", creds("bob@example.com", strings.Repeat("x", 73)), "longer than 72 bytes")
		storagetest.Fails(t, c, "register", creds(" ANN@example.com", "other"), "email ann@example.com is already registered")
	})
}

func TestLoginErrorsAreOneMessage(t *testing.T) {
	each(t, func(t *testing.T, _ *Authenticating, c *concepts.Concept) {
		call(t, c, "register", creds("ann@example.com", "secret"))
		var msgs []string
		for _, in := range []map[string]any{
			creds("ann@example.com", "wrong"),
			creds("ann@example.com", ""),
			creds("bob@example.com", "secret"),
			creds("", "secret"),
		} {
			got := call(t, c, "login", in)
			if !got.IsError() {
				t.Fatalf("login %v: %+v, want a concept error", in["email"], got)
			}
			msgs = append(msgs, got.Err)
		}
		for _, m := range msgs[1:] {
			if m != msgs[0] {
				t.Fatalf("login errors differ: %q and %q; unknown emails and wrong passwords must look alike", msgs[0], m)
			}
		}
	})
}

func TestPasswordIsStoredHashed(t *testing.T) {
	each(t, func(t *testing.T, a *Authenticating, c *concepts.Concept) {
		u, found, err := a.users.Get(context.Background(), register(t, c, "ann@example.com", "secret"))
		if !found || err != nil {
			t.Fatalf("finding the registered user: %v, %v", found, err)
		}
		if u.Email != "ann@example.com" || bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte("secret")) != nil {
			t.Fatalf("stored user %+v, want the normalised email and a bcrypt hash of the password", u)
		}
		if cost, _ := bcrypt.Cost([]byte(u.PasswordHash)); cost != bcrypt.MinCost {
			t.Fatalf("bcrypt cost %d with %s=min, want %d", cost, CostEnv, bcrypt.MinCost)
		}
	})
}

func TestHashCost(t *testing.T) {
	if hashCost() != bcrypt.MinCost {
		t.Fatalf("cost %d with %s=min, want bcrypt.MinCost", hashCost(), CostEnv)
	}
	os.Unsetenv(CostEnv)
	defer os.Setenv(CostEnv, "min")
	if hashCost() != bcrypt.DefaultCost {
		t.Fatalf("cost %d without %s, want bcrypt.DefaultCost", hashCost(), CostEnv)
	}
}

func TestConcurrentRegistrationsOfOneEmail(t *testing.T) {
	each(t, func(t *testing.T, a *Authenticating, c *concepts.Concept) {
		in := func(int) map[string]any { return creds("Race@example.com", "secret") }
		won := storagetest.Race(t, c, "register", 20, in, "already registered")
		n, err := a.users.Count(context.Background(), storage.Query{})
		if won != 1 || n != 1 || err != nil {
			t.Fatalf("%d registrations won, %d users (%v); want one of each", won, n, err)
		}
	})
}
