package pipeline

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/internal/syncbuf"
	"github.com/legible/legible/storage/storagetest"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

func TestMain(m *testing.M) { storagetest.Main(m, mongotest.Register, pgtest.Register) }

// oldDevSecret is the secret that signed the tokens, before issue 14,
// when LEGIBLE_TOKEN_SECRET was unset: it was written in the source, so
// anyone could sign a token for any user with it.
const oldDevSecret = "legible development secret: tokens signed with it are forgeable"

// conduit is Conduit served on loopback by one App.
type conduit struct {
	url  string // the API's base URL
	log  *syncbuf.Buffer
	stop func()
}

// serveConduit opens Conduit on the embedded store in data and serves it
// on a loopback port until the test ends or stop is called. The start-up
// log is in log before it returns, before any request.
func serveConduit(t *testing.T, data string) *conduit {
	t.Helper()
	return serveConduitWith(t, ServeOptions{DB: DBOptions{Data: data}})
}

// serveConduitWith serves Conduit as serveConduit does, on the database
// that o names.
func serveConduitWith(t *testing.T, o ServeOptions) *conduit {
	t.Helper()
	c := &conduit{log: &syncbuf.Buffer{}}
	o.Dir, o.Logger, o.Stderr = "../specs", slog.New(slog.NewTextHandler(c.log, nil)), c.log
	app, err := library(t).Open(t.Context(), o)
	if err != nil {
		t.Fatalf("Open: %v\n%s", err, c.log)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		app.Close()
		t.Fatal(err)
	}
	c.url = "http://" + ln.Addr().String() + "/api"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()
	c.stop = sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if err := app.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	t.Cleanup(c.stop)
	return c
}

// get sends GET path (under the API) with the token and returns the
// status.
func (c *conduit) get(t *testing.T, path, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.url+path, nil)
	req.Header.Set("Authorization", "Token "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// register registers a user and returns the token the reply gives.
func (c *conduit) register(t *testing.T, name string) string {
	t.Helper()
	body := `{"user": {"username": "` + name + `", "email": "` + name + `@example.com", "password": "pw-` + name + `"}}`
	resp, err := http.Post(c.url+"/users", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ User struct{ Token string } }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusCreated || out.User.Token == "" {
		t.Fatalf("registering %s: %d, %+v, %v", name, resp.StatusCode, out, err)
	}
	return out.User.Token
}

// subject returns the sub claim of a token, without verifying it.
func subject(t *testing.T, token string) string {
	t.Helper()
	var claims jwt.RegisteredClaims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil || claims.Subject == "" {
		t.Fatalf("token %q has no subject: %v", token, err)
	}
	return claims.Subject
}

// forge signs a token for user with secret, as the Tokens concept signs
// them: HS256, with sub, iat and exp.
func forge(t *testing.T, user, secret string) string {
	t.Helper()
	now := time.Now()
	claims := jwt.RegisteredClaims{Subject: user, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(tokens.Lifetime))}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// TestNoForgeableDefaultSecret serves Conduit without LEGIBLE_TOKEN_SECRET
// (issue 14, finding 1): a token signed with the development secret that
// used to be in the source, for a user who exists, is refused; the secret
// is a random one, kept in the data directory with mode 0600, and the
// start-up log says so; and it survives a restart, so the user's token
// still verifies.
func TestNoForgeableDefaultSecret(t *testing.T) {
	t.Setenv(tokens.SecretEnv, "")
	t.Setenv(authenticating.CostEnv, "min")
	data := t.TempDir()
	file := filepath.Join(data, "tokens.secret")
	first := serveConduit(t, data)
	if log := first.log.String(); !strings.Contains(log, "level=INFO") || !strings.Contains(log, "generated now") || !strings.Contains(log, "kept="+file) {
		t.Errorf("the start-up log does not say that a secret was generated and kept at %s:\n%s", file, log)
	}
	token := first.register(t, "ann")
	if got := first.get(t, "/user", forge(t, subject(t, token), oldDevSecret)); got != http.StatusUnauthorized {
		t.Errorf("GET /api/user with a token signed with the old development secret: %d, want 401", got)
	}
	if got := first.get(t, "/user", token); got != http.StatusOK {
		t.Fatalf("GET /api/user with ann's token: %d, want 200", got)
	}
	st, err := os.Stat(file)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the secret file: %v, %v; want a file of mode 0600", st, err)
	}
	first.stop()
	again := serveConduit(t, data)
	if log := again.log.String(); !strings.Contains(log, "kept="+file) || strings.Contains(log, "generated now") {
		t.Errorf("the log after a restart does not say the secret is the one kept at %s:\n%s", file, log)
	}
	if got := again.get(t, "/user", token); got != http.StatusOK {
		t.Errorf("GET /api/user with ann's token after a restart: %d, want 200", got)
	}
}

// TestReplicasShareTheGeneratedSecret serves Conduit twice on one
// database without LEGIBLE_TOKEN_SECRET, as two replicas, on MongoDB and
// on PostgreSQL: the first one makes the secret and keeps it in the
// database, the second one reads it, so a token one issues verifies on
// the other.
func TestReplicasShareTheGeneratedSecret(t *testing.T) {
	t.Setenv(tokens.SecretEnv, "")
	t.Setenv(authenticating.CostEnv, "min")
	t.Run("mongodb", func(t *testing.T) {
		name := mongotest.DBName(t)
		mongotest.MongoDBNamed(t, name, 1)                                                                         // dropped when the test ends, after the replicas stop
		replicasShareTheSecret(t, DBOptions{MongoURI: mongotest.URI(t), MongoDB: name, MongoNoTransactions: true}, // FerretDB has none
			`kept="the collection _legible.secrets of MongoDB database `+name+`"`)
	})
	t.Run("postgres", func(t *testing.T) {
		dbURL := pgtest.URL(t) // dropped when the test ends, after the replicas stop
		u, err := url.Parse(dbURL)
		if err != nil {
			t.Fatal(err)
		}
		replicasShareTheSecret(t, DBOptions{PostgresURL: dbURL},
			`kept="the table _legible_secrets of PostgreSQL database `+u.Path[1:]+` at `+u.Query().Get("host")+` as postgres with search_path `+u.Query().Get("search_path")+`"`)
	})
}

// replicasShareTheSecret serves Conduit twice on the database of o,
// whose start-up logs say where it keeps the secret.
func replicasShareTheSecret(t *testing.T, o DBOptions, where string) {
	one := serveConduitWith(t, ServeOptions{DB: o})
	if log := one.log.String(); !strings.Contains(log, "generated now") || !strings.Contains(log, where) {
		t.Errorf("the first replica's start-up log does not say it generated the secret, %s:\n%s", where, log)
	}
	two := serveConduitWith(t, ServeOptions{DB: o})
	if log := two.log.String(); !strings.Contains(log, "generated at the first start") || !strings.Contains(log, where) {
		t.Errorf("the second replica's start-up log does not say it uses the secret %s:\n%s", where, log)
	}
	token := one.register(t, "bob")
	if got := two.get(t, "/user", token); got != http.StatusOK {
		t.Errorf("GET /api/user on the second replica with a token of the first: %d, want 200", got)
	}
}

// TestAnUnsafeSecretFileStopsTheStart opens Conduit on a data directory
// whose secret file others may read: Open fails and says what to do.
func TestAnUnsafeSecretFileStopsTheStart(t *testing.T) {
	t.Setenv(tokens.SecretEnv, "")
	data := t.TempDir()
	file := filepath.Join(data, "tokens.secret")
	if err := os.WriteFile(file, make([]byte, 32), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(file, 0o640); err != nil {
		t.Fatal(err)
	}
	app, err := library(t).Open(t.Context(), ServeOptions{Dir: "../specs", DB: DBOptions{Data: data}})
	if err == nil {
		app.Close()
		t.Fatal("Open served with a secret file of mode 0640")
	}
	for _, want := range []string{"Tokens", "chmod 600 " + file, "set " + tokens.SecretEnv} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
