package tokens

import (
	"context"
	"encoding/base64"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/internal/syncbuf"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/sqlite"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// each runs f on each backend, on a fresh concept that signs with the
// secret "s1".
func each(t *testing.T, f func(t *testing.T, k *Tokens, c *concepts.Concept)) {
	storagetest.EachConcept(t, func(db *storage.DB) *Tokens { return WithSecret(db, "s1") }, f)
}

// issue issues a token for user, failing the test otherwise.
func issue(t *testing.T, c *concepts.Concept, user string) string {
	t.Helper()
	res := storagetest.Call(t, c, "issue", map[string]any{"user": user})
	token, _ := res.Out["token"].(string)
	if res.IsError() || token == "" {
		t.Fatalf("issue %s: %+v, want a token", user, res)
	}
	return token
}

// verify returns the users _verify gives for token.
func verify(t *testing.T, c *concepts.Concept, token string) []any {
	t.Helper()
	var users []any
	for _, row := range storagetest.Call(t, c, "_verify", map[string]any{"token": token}).Rows {
		users = append(users, row["user"])
	}
	return users
}

// verifies fails the test unless token verifies as user.
func verifies(t *testing.T, c *concepts.Concept, token, user string) {
	t.Helper()
	if users := verify(t, c, token); len(users) != 1 || users[0] != user {
		t.Fatalf("_verify of %s's token: %v, want [%s]", user, users, user)
	}
}

// signed returns a token with claims, signed by method with key.
func signed(t *testing.T, method jwt.SigningMethod, claims jwt.Claims, key any) string {
	t.Helper()
	token, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// claimsOf returns the claims of a token of generation gen for user
// issued at iat.
func claimsOf(user, gen string, iat time.Time) claims {
	return claims{Gen: gen, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   user,
		IssuedAt:  jwt.NewNumericDate(iat),
		ExpiresAt: jwt.NewNumericDate(iat.Add(Lifetime)),
	}}
}

// unverified returns the claims of token without checking it.
func unverified(t *testing.T, token string) (claims, string) {
	t.Helper()
	var got claims
	parsed, _, err := jwt.NewParser().ParseUnverified(token, &got)
	if err != nil {
		t.Fatal(err)
	}
	return got, parsed.Method.Alg()
}

func TestIssueAndVerify(t *testing.T) {
	each(t, func(t *testing.T, _ *Tokens, c *concepts.Concept) {
		before := time.Now().Truncate(time.Second)
		token := issue(t, c, "u1")
		verifies(t, c, token, "u1")
		got, alg := unverified(t, token)
		if alg != "HS256" || got.Subject != "u1" || got.Gen == "" || got.IssuedAt.Before(before) ||
			got.ExpiresAt.Sub(got.IssuedAt.Time) != Lifetime {
			t.Fatalf("token %s with claims %+v, want HS256 with sub u1, a gen, iat now and exp 30 days later", alg, got)
		}
		again := issue(t, c, "u1")
		if g, _ := unverified(t, again); g.Gen != got.Gen {
			t.Fatalf("u1's second token has generation %q, the first %q; want one generation", g.Gen, got.Gen)
		}
		verifies(t, c, token, "u1")
		verifies(t, c, issue(t, c, "u2"), "u2")
	})
}

func TestVerifyRejects(t *testing.T) {
	each(t, func(t *testing.T, _ *Tokens, c *concepts.Concept) {
		key := []byte("s1")
		now := time.Now()
		good := issue(t, c, "u1")
		gen := func() string { g, _ := unverified(t, good); return g.Gen }()
		head, _, _ := strings.Cut(good, ".")
		sig := good[strings.LastIndex(good, ".")+1:]
		forged := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin","gen":"` + gen + `","iat":1,"exp":99999999999}`))
		cases := []struct {
			name  string
			token string
		}{
			{"empty", ""},
			{"not a JWT", "not-a-token"},
			{"three garbage segments", "a.b.c"},
			{"a bad signature", good[:len(good)-4] + "AAAA"},
			{"an altered payload", head + "." + forged + "." + sig},
			{"another secret", signed(t, jwt.SigningMethodHS256, claimsOf("u1", gen, now), []byte("s2"))},
			{"expired", signed(t, jwt.SigningMethodHS256, claimsOf("u1", gen, now.Add(-Lifetime-time.Minute)), key)},
			{"issued in the future", signed(t, jwt.SigningMethodHS256, claimsOf("u1", gen, now.Add(time.Hour)), key)},
			{"alg none", signed(t, jwt.SigningMethodNone, claimsOf("u1", gen, now), jwt.UnsafeAllowNoneSignatureType)},
			{"HS512", signed(t, jwt.SigningMethodHS512, claimsOf("u1", gen, now), key)},
			{"no subject", signed(t, jwt.SigningMethodHS256, claimsOf("", gen, now), key)},
			{"no expiry", signed(t, jwt.SigningMethodHS256, claims{Gen: gen, RegisteredClaims: jwt.RegisteredClaims{Subject: "u1"}}, key)},
			{"no generation", signed(t, jwt.SigningMethodHS256, claimsOf("u1", "", now), key)},
			{"another generation", signed(t, jwt.SigningMethodHS256, claimsOf("u1", gen+"x", now), key)},
			{"a user never issued a token", signed(t, jwt.SigningMethodHS256, claimsOf("nobody", gen, now), key)},
			{"only sub, iat and exp", signed(t, jwt.SigningMethodHS256, claimsOf("u1", "", now).RegisteredClaims, key)},
		}
		verifies(t, c, good, "u1")
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				storagetest.NoRows(t, c, "_verify", map[string]any{"token": tc.token})
			})
		}
	})
}

func TestRevokeEndsEveryTokenOfTheUser(t *testing.T) {
	each(t, func(t *testing.T, _ *Tokens, c *concepts.Concept) {
		first, second, other := issue(t, c, "u1"), issue(t, c, "u1"), issue(t, c, "u2")
		for range 2 { // revoking again does nothing more
			if res := storagetest.Call(t, c, "revoke", map[string]any{"user": "u1"}); res.IsError() || res.Out["user"] != "u1" {
				t.Fatalf("revoke u1: %+v, want user u1", res)
			}
		}
		for _, token := range []string{first, second} {
			storagetest.NoRows(t, c, "_verify", map[string]any{"token": token})
		}
		verifies(t, c, other, "u2")
		next := issue(t, c, "u1")
		verifies(t, c, next, "u1")
		storagetest.NoRows(t, c, "_verify", map[string]any{"token": first})
		storagetest.Call(t, c, "revoke", map[string]any{"user": "never-issued"})
	})
}

// TestRacingFirstIssuesShareAGeneration issues a new user's first tokens
// at once: each of them verifies, so they carry one generation.
func TestRacingFirstIssuesShareAGeneration(t *testing.T) {
	each(t, func(t *testing.T, _ *Tokens, c *concepts.Concept) {
		h, _ := c.Handler("issue")
		tokens := make([]string, 8)
		var wg sync.WaitGroup
		for i := range tokens {
			wg.Go(func() {
				res, err := h.Call(context.Background(), map[string]any{"user": "u1"})
				if err != nil {
					t.Error(err)
				}
				tokens[i], _ = res.Out["token"].(string)
			})
		}
		wg.Wait()
		for _, token := range tokens {
			verifies(t, c, token, "u1")
		}
	})
}

func TestIssueToNobodyFails(t *testing.T) {
	h, _ := WithSecret(nil, "s1").Concept().Handler("issue")
	res, err := h.Call(context.Background(), map[string]any{"user": ""})
	if err == nil || !strings.Contains(err.Error(), "the user is empty") {
		t.Fatalf("issue to an empty user: %+v, %v; want a failure saying the user is empty", res, err)
	}
}

func TestSecretFromEnvironment(t *testing.T) {
	t.Setenv(SecretEnv, "from-env")
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env, _ := storagetest.Build(t, db, New)
		var log syncbuf.Buffer
		if err := env.Concept().Start(context.Background(), slog.New(slog.NewTextHandler(&log, nil))); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(log.String(), "secret of "+SecretEnv) {
			t.Errorf("the start logged %q, want that the secret comes from %s", log.String(), SecretEnv)
		}
		verifies(t, env.Concept(), issue(t, WithSecret(db, "from-env").Concept(), "u1"), "u1")
		stored := WithSecret(db, "").Concept()
		storagetest.NoRows(t, env.Concept(), "_verify", map[string]any{"token": issue(t, stored, "u1")})
	})
}

// start starts a concept as serving does, returning what it logged.
func start(t *testing.T, k *Tokens) string {
	t.Helper()
	var log syncbuf.Buffer
	if err := k.Concept().Start(context.Background(), slog.New(slog.NewTextHandler(&log, nil))); err != nil {
		t.Fatal(err)
	}
	return log.String()
}

// TestSecretKeptByTheDatabase starts the concept twice on one database
// without SecretEnv, as two servers do: the first one makes the secret,
// the second one reads it, and each says so.
func TestSecretKeptByTheDatabase(t *testing.T) {
	t.Setenv(SecretEnv, "")
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		first, c := storagetest.Build(t, db, New)
		if log := start(t, first); !strings.Contains(log, "level=INFO") || !strings.Contains(log, "generated now") || !strings.Contains(log, "kept=") {
			t.Errorf("the first start logged %q, want that a secret was generated now, and where it is kept", log)
		}
		token := issue(t, c, "u1")
		second, _ := storagetest.Build(t, db, New)
		if log := start(t, second); !strings.Contains(log, "generated at the first start") || !strings.Contains(log, "kept=") {
			t.Errorf("the second start logged %q, want that the secret is the one kept", log)
		}
		verifies(t, second.Concept(), token, "u1")
		lazy, _ := storagetest.Build(t, db, New) // not started: it reads the secret at its first token
		verifies(t, lazy.Concept(), token, "u1")
	})
}

func TestSecretSurvivesReopeningTheStore(t *testing.T) {
	t.Setenv(SecretEnv, "")
	dir := t.TempDir()
	db, err := sqlite.Open(dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k, c := storagetest.Build(t, db, New)
	start(t, k)
	token := issue(t, c, "u1")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, "tokens.secret")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the secret file: %v, %v; want mode 0600", st, err)
	}
	again, c2 := storagetest.Build(t, storagetest.SQLiteIn(t, dir), New)
	if log := start(t, again); !strings.Contains(log, filepath.Join(dir, "tokens.secret")) {
		t.Errorf("the start after reopening logged %q, want the secret file named", log)
	}
	verifies(t, c2, token, "u1")
}

func TestStartRefusesAnUnsafeSecretFile(t *testing.T) {
	t.Setenv(SecretEnv, "")
	dir := t.TempDir()
	file := filepath.Join(dir, "tokens.secret")
	if err := os.WriteFile(file, []byte(strings.Repeat("k", storage.SecretSize)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	k, _ := storagetest.Build(t, storagetest.SQLiteIn(t, dir), New)
	err := k.Concept().Start(context.Background(), slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+file) || !strings.Contains(err.Error(), "set "+SecretEnv) {
		t.Fatalf("starting on a secret file of mode 0644: %v; want an error saying to chmod it or set %s", err, SecretEnv)
	}
}

func TestNoDatabaseNoSecret(t *testing.T) {
	t.Setenv(SecretEnv, "")
	h, _ := New(nil).Concept().Handler("issue")
	_, err := h.Call(context.Background(), map[string]any{"user": "u1"})
	if err == nil || !strings.Contains(err.Error(), "set "+SecretEnv) {
		t.Fatalf("issue with no secret and no database: %v; want an error saying to set %s", err, SecretEnv)
	}
}
