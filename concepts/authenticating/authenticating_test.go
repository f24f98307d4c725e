package authenticating

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"legible/storage/storagetest"
)

// creds is the input of register and login.
func creds(email, password string) map[string]any {
	return map[string]any{"email": email, "password": password}
}

func TestRegisterLoginAndGetByEmail(t *testing.T) {
	_, c := setup(t)
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
	if rows := call(t, c, "_getByEmail", map[string]any{"email": "bob@example.com"}).Rows; len(rows) != 0 {
		t.Fatalf("_getByEmail of an unknown email: %v, want no rows", rows)
	}
	if rows := call(t, c, "_getByEmail", map[string]any{"email": ""}).Rows; len(rows) != 0 {
		t.Fatalf("_getByEmail of an empty email: %v, want no rows", rows)
	}
}

func TestRegisterErrors(t *testing.T) {
	_, c := setup(t)
	call(t, c, "register", creds("ann@example.com", "secret"))
	for _, email := range []string{"", "   "} {
		storagetest.Fails(t, c, "register", creds(email, "secret"), "email is empty")
	}
	storagetest.Fails(t, c, "register", creds("bob@example.com", ""), "password is empty")
	storagetest.Fails(t, c, "register", creds("bob@example.com", strings.Repeat("x", 73)), "longer than 72 bytes")
	storagetest.Fails(t, c, "register", creds(" ANN@example.com", "other"), "email ann@example.com is already registered")
}

func TestLoginErrorsAreOneMessage(t *testing.T) {
	_, c := setup(t)
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
}

func TestPasswordIsStoredHashed(t *testing.T) {
	a, c := setup(t)
	u, err := a.find(context.Background(), register(t, c, "ann@example.com", "secret"))
	if u == nil || err != nil {
		t.Fatalf("finding the registered user: %v, %v", u, err)
	}
	if u.Email != "ann@example.com" || bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte("secret")) != nil {
		t.Fatalf("stored user %+v, want the normalised email and a bcrypt hash of the password", u)
	}
	if cost, _ := bcrypt.Cost([]byte(u.PasswordHash)); cost != bcrypt.MinCost {
		t.Fatalf("bcrypt cost %d with %s=min, want %d", cost, CostEnv, bcrypt.MinCost)
	}
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
	a, c := setup(t)
	in := func(int) map[string]any { return creds("Race@example.com", "secret") }
	won := storagetest.Race(t, c, "register", 20, in, "already registered")
	n := storagetest.Counts(t, a.users.Database(), UsersCollection, EmailsCollection)
	if won != 1 || !slices.Equal(n, []int64{1, 1}) {
		t.Fatalf("%d registrations won, %v users and emails; want one of each", won, n)
	}
}

func TestFailedRegistrationReleasesTheEmail(t *testing.T) {
	a, c := setup(t)
	// A user document without its email document: the unique email index
	// must stop the registration, which must then give its email claim back.
	stray := userDoc{ID: "stray", Email: "ann@example.com", PasswordHash: "x"}
	if _, err := a.users.InsertOne(context.Background(), stray); err != nil {
		t.Fatal(err)
	}
	got := call(t, c, "register", creds("ann@example.com", "secret"))
	if !strings.Contains(got.Err, "already registered") {
		t.Fatalf("register: %+v, want the already-registered concept error", got)
	}
	if n := count(t, a.users.Database(), EmailsCollection); n != 0 {
		t.Fatalf("%d email documents after a failed registration, want 0", n)
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	a, c := setup(t)
	storagetest.Resetup(t, a, func() { call(t, c, "register", creds("ann@example.com", "secret")) }, a.users, "email_unique")
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Authenticating.concept.yaml")
}
