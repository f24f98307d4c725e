package tokens

import (
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

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

// signed returns a token with claims, signed by method with key.
func signed(t *testing.T, method jwt.SigningMethod, claims jwt.Claims, key any) string {
	t.Helper()
	token, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// claims returns the claims of a token for user issued at iat.
func claims(user string, iat time.Time) jwt.RegisteredClaims {
	return jwt.RegisteredClaims{
		Subject:   user,
		IssuedAt:  jwt.NewNumericDate(iat),
		ExpiresAt: jwt.NewNumericDate(iat.Add(Lifetime)),
	}
}

func TestIssueAndVerify(t *testing.T) {
	c := WithSecret("s1", nil).Concept()
	before := time.Now().Truncate(time.Second)
	token := issue(t, c, "u1")
	if users := verify(t, c, token); len(users) != 1 || users[0] != "u1" {
		t.Fatalf("_verify of u1's token: %v, want [u1]", users)
	}
	var got jwt.RegisteredClaims
	parsed, _, err := jwt.NewParser().ParseUnverified(token, &got)
	if err != nil {
		t.Fatal(err)
	}
	if parsed.Method.Alg() != "HS256" || got.Subject != "u1" || got.IssuedAt.Before(before) ||
		got.ExpiresAt.Sub(got.IssuedAt.Time) != Lifetime {
		t.Fatalf("token %s with claims %+v, want HS256 with sub u1, iat now and exp 30 days later",
			parsed.Method.Alg(), got)
	}
	if other := issue(t, c, "u2"); verify(t, c, other)[0] != "u2" {
		t.Fatalf("_verify of u2's token is not u2")
	}
}

func TestVerifyRejects(t *testing.T) {
	key := []byte("s1")
	now := time.Now()
	good := signed(t, jwt.SigningMethodHS256, claims("u1", now), key)
	head, _, _ := strings.Cut(good, ".")
	sig := good[strings.LastIndex(good, ".")+1:]
	forged := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin","iat":1,"exp":99999999999}`))
	cases := []struct {
		name  string
		token string
	}{
		{"empty", ""},
		{"not a JWT", "not-a-token"},
		{"three garbage segments", "a.b.c"},
		{"a bad signature", good[:len(good)-4] + "AAAA"},
		{"an altered payload", head + "." + forged + "." + sig},
		{"another secret", signed(t, jwt.SigningMethodHS256, claims("u1", now), []byte("s2"))},
		{"expired", signed(t, jwt.SigningMethodHS256, claims("u1", now.Add(-Lifetime-time.Minute)), key)},
		{"issued in the future", signed(t, jwt.SigningMethodHS256, claims("u1", now.Add(time.Hour)), key)},
		{"alg none", signed(t, jwt.SigningMethodNone, claims("u1", now), jwt.UnsafeAllowNoneSignatureType)},
		{"HS512", signed(t, jwt.SigningMethodHS512, claims("u1", now), key)},
		{"no subject", signed(t, jwt.SigningMethodHS256, claims("", now), key)},
		{"no expiry", signed(t, jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: "u1"}, key)},
	}
	c := WithSecret(string(key), nil).Concept()
	if users := verify(t, c, good); len(users) != 1 {
		t.Fatalf("_verify of a good token: %v, want one user", users)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storagetest.NoRows(t, c, "_verify", map[string]any{"token": tc.token})
		})
	}
}

func TestIssueToNobodyFails(t *testing.T) {
	h, _ := WithSecret("s1", nil).Concept().Handler("issue")
	res, err := h.Call(context.Background(), map[string]any{"user": ""})
	if err == nil || !strings.Contains(err.Error(), "the user is empty") {
		t.Fatalf("issue to an empty user: %+v, %v; want a failure saying the user is empty", res, err)
	}
}

func TestSecretFromEnvironment(t *testing.T) {
	t.Setenv(SecretEnv, "from-env")
	env := New(nil).Concept()
	if users := verify(t, env, issue(t, WithSecret("from-env", nil).Concept(), "u1")); len(users) != 1 {
		t.Fatalf("New did not verify a token signed with the secret of %s", SecretEnv)
	}
	dev := WithSecret("", slog.New(slog.DiscardHandler)).Concept()
	storagetest.NoRows(t, env, "_verify", map[string]any{"token": issue(t, dev, "u1")})
}

func TestDevelopmentSecretWarnsOnce(t *testing.T) {
	var log bytes.Buffer
	k := WithSecret("", slog.New(slog.NewTextHandler(&log, nil)))
	c := k.Concept()
	if log.Len() != 0 {
		t.Fatalf("logged %q before any token was issued, want nothing", log.String())
	}
	token := issue(t, c, "u1")
	issue(t, c, "u2")
	if users := verify(t, c, token); len(users) != 1 || users[0] != "u1" {
		t.Fatalf("_verify with the development secret: %v, want [u1]", users)
	}
	out := log.String()
	if strings.Count(out, "level=WARN") != 1 || !strings.Contains(out, "forgeable") || !strings.Contains(out, SecretEnv) {
		t.Fatalf("logged %q, want one warning that tokens are forgeable naming %s", out, SecretEnv)
	}
	var quiet bytes.Buffer
	issue(t, WithSecret("s1", slog.New(slog.NewTextHandler(&quiet, nil))).Concept(), "u1")
	if quiet.Len() != 0 {
		t.Fatalf("logged %q with a secret set, want nothing", quiet.String())
	}
}
