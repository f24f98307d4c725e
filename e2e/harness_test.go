package e2e

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/internal/syncbuf"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

// specsDir is the app under test.
const specsDir = "../specs"

// api is the server the package's tests share, on the embedded store;
// TestMain starts it. Tests register their own users, with unique names,
// so they do not see each other's data except in unfiltered lists.
var api *site

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests serves the app for the package's tests and stops it after them.
func runTests(m *testing.M) int {
	for name, value := range testEnv {
		if err := os.Setenv(name, value); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	data, err := os.MkdirTemp("", "legible-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(data)
	srv, err := startServer(pipeline.ServeOptions{Dir: specsDir, DB: pipeline.DBOptions{Data: data}})
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	api = &site{servers: []*server{srv}}
	defer mongotest.Stop()
	defer pgtest.Stop()
	defer removeBuilt()
	code := m.Run()
	if err := srv.close(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		code = 1
	}
	return code
}

// testEnv is the environment the app runs in during the tests: cheap
// password hashes, and a token secret of its own.
var testEnv = map[string]string{
	authenticating.CostEnv: "min",
	tokens.SecretEnv:       tokenSecret,
}

// tokenSecret signs the app's tokens during the tests.
const tokenSecret = "e2e-test-secret-not-for-production"

// server is the app served in process on a loopback port.
type server struct {
	url  string // the API's base URL: http://127.0.0.1:PORT/api
	root string // http://127.0.0.1:PORT
	app  *pipeline.Service
	stop context.CancelFunc
	done chan error
	log  *syncbuf.Buffer
}

// startServer serves the app as o says, with the stock binary's concepts,
// in development mode, and waits until /readyz answers.
func startServer(o pipeline.ServeOptions) (*server, error) {
	s := &server{done: make(chan error, 1), log: &syncbuf.Buffer{}}
	o.Dev, o.Logger, o.Stderr = true, slog.New(slog.NewTextHandler(s.log, nil)), s.log
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		return nil, err
	}
	if s.app, err = env.Open(context.Background(), o); err != nil {
		return nil, fmt.Errorf("serving %s: %w\n%s", o.Dir, err, s.log)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.app.Close()
		return nil, err
	}
	s.root = "http://" + ln.Addr().String()
	s.url = s.root + s.app.App().Spec.App.Base.Name
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	go func() { s.done <- s.app.Serve(ctx, ln) }()
	if err := s.waitReady(30 * time.Second); err != nil {
		return nil, errors.Join(err, s.close())
	}
	return s, nil
}

// waitReady polls /readyz until it answers 200.
func (s *server) waitReady(limit time.Duration) error {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(s.root + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("the app did not become ready within %v; its log:\n%s", limit, s.log)
}

// close stops serving and closes the database.
func (s *server) close() error {
	s.stop()
	var err error
	select {
	case err = <-s.done:
	case <-time.After(15 * time.Second):
		err = errors.New("the server did not stop within 15s")
	}
	err = errors.Join(err, s.app.Close())
	if err != nil {
		return fmt.Errorf("stopping the app: %w", err)
	}
	return nil
}

// reply is an HTTP reply of the app.
type reply struct {
	status int
	raw    []byte
	body   map[string]any // the decoded JSON object; nil for an empty 204
	flow   string         // the X-Flow-Id header
}

// client sends the tests' requests; the server closes idle connections
// only at shutdown.
var client = &http.Client{Timeout: 30 * time.Second}

// site is where the tests send requests: one server, or replicas of the
// app on one database, taken in turn.
type site struct {
	servers []*server
	next    atomic.Uint64
	scheme  string // of the Authorization header; Token when empty
}

// send sends method path (under the API's base URL) with the token (no
// Authorization header when it is empty) and body: nil sends none, a
// string is sent as it is, anything else as JSON. Every reply but a 204
// must be a JSON object; send returns an error when it is not. It does
// not fail the test, so goroutines may call it.
func (st *site) send(method, path, token string, body any) (reply, error) {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return reply{}, err
		}
		r = bytes.NewReader(raw)
	}
	srv := st.servers[st.next.Add(1)%uint64(len(st.servers))]
	req, err := http.NewRequest(method, srv.url+path, r)
	if err != nil {
		return reply{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", cmp.Or(st.scheme, "Token")+" "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	out := reply{status: resp.StatusCode, flow: resp.Header.Get("X-Flow-Id")}
	if out.raw, err = io.ReadAll(resp.Body); err != nil {
		return out, err
	}
	if out.status == http.StatusNoContent && len(bytes.TrimSpace(out.raw)) == 0 {
		return out, nil
	}
	if err := json.Unmarshal(out.raw, &out.body); err != nil || out.body == nil {
		return out, fmt.Errorf("%s %s: %d reply is not a JSON object: %q", method, path, out.status, out.raw)
	}
	return out, nil
}

// do sends a request as send does, failing the test on an error.
func (st *site) do(t testing.TB, method, path, token string, body any) reply {
	t.Helper()
	r, err := st.send(method, path, token, body)
	if err != nil {
		t.Fatalf("%v%s", err, st.trace(r.flow))
	}
	return r
}

// expect sends a request and fails the test unless the reply has status
// want; the failure shows the reply and the flow's trace.
func (st *site) expect(t testing.TB, want int, method, path, token string, body any) reply {
	t.Helper()
	r := st.do(t, method, path, token, body)
	if r.status != want {
		t.Fatalf("%s %s: status %d, want %d; reply %s%s", method, path, r.status, want, r.raw, st.trace(r.flow))
	}
	return r
}

// trace returns the text trace of a flow, from the server that ran it,
// for failure messages.
func (st *site) trace(flow string) string {
	if flow == "" {
		return ""
	}
	for _, srv := range st.servers {
		resp, err := client.Get(srv.root + "/_legible/flows/" + flow + "?format=text")
		if err != nil {
			return "\n(no trace: " + err.Error() + ")"
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return "\nflow " + flow + ":\n" + string(raw)
		}
	}
	return "\n(no trace of flow " + flow + ")"
}

// do sends a request to api, the shared server, as site.do does.
func do(t testing.TB, method, path, token string, body any) reply {
	t.Helper()
	return api.do(t, method, path, token, body)
}

// expect sends a request to api as site.expect does.
func expect(t testing.TB, want int, method, path, token string, body any) reply {
	t.Helper()
	return api.expect(t, want, method, path, token, body)
}

// trace returns the text trace of one of api's flows.
func trace(flow string) string { return api.trace(flow) }

// expectDeleted sends a DELETE and fails the test unless it succeeds:
// 200, or 204 as the API contract says.
func expectDeleted(t testing.TB, path, token string) {
	t.Helper()
	r := do(t, http.MethodDelete, path, token, nil)
	if r.status != http.StatusOK && r.status != http.StatusNoContent {
		t.Fatalf("DELETE %s: status %d, want 200 or 204; reply %s%s", path, r.status, r.raw, trace(r.flow))
	}
}

// decode decodes the reply's JSON into v, failing the test if it does not fit.
func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		t.Fatalf("decoding %s: %v", r.raw, err)
	}
}

// errorMessages returns the messages of a RealWorld error reply,
// {"errors": {"body": ["…", …]}}, failing the test unless the reply has
// that shape with at least one non-empty message.
func (r reply) errorMessages(t testing.TB) []string {
	t.Helper()
	var out struct {
		Errors *struct {
			Body []string `json:"body"`
		} `json:"errors"`
	}
	blank := func(m string) bool { return strings.TrimSpace(m) == "" }
	if err := json.Unmarshal(r.raw, &out); err != nil || out.Errors == nil || len(out.Errors.Body) == 0 || slices.ContainsFunc(out.Errors.Body, blank) {
		t.Fatalf("reply %s is not {\"errors\": {\"body\": [\"message\", …]}}", r.raw)
	}
	return out.Errors.Body
}

// The API's objects, as far as the tests read them.
type (
	profile struct {
		Username  string  `json:"username"`
		Bio       *string `json:"bio"`
		Image     *string `json:"image"`
		Following bool    `json:"following"`
	}
	article struct {
		Slug           string   `json:"slug"`
		Title          string   `json:"title"`
		Description    string   `json:"description"`
		Body           string   `json:"body"`
		TagList        []string `json:"tagList"`
		CreatedAt      string   `json:"createdAt"`
		UpdatedAt      string   `json:"updatedAt"`
		Favorited      bool     `json:"favorited"`
		FavoritesCount int      `json:"favoritesCount"`
		Author         profile  `json:"author"`
	}
	comment struct {
		ID     int     `json:"id"`
		Body   string  `json:"body"`
		Author profile `json:"author"`
	}
	articleList struct {
		Articles      []article `json:"articles"`
		ArticlesCount *int      `json:"articlesCount"`
	}
)

// wrapped decodes the value under key in the reply, {key: …}, failing the
// test when it is missing or null.
func wrapped[T any](t testing.TB, r reply, key string) T {
	t.Helper()
	var out map[string]json.RawMessage
	r.decode(t, &out)
	var v *T
	if raw, ok := out[key]; ok {
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("decoding %q of %s: %v", key, r.raw, err)
		}
	}
	if v == nil {
		t.Fatalf("reply %s has no %q", r.raw, key)
	}
	return *v
}

// article decodes {"article": …}.
func (r reply) article(t testing.TB) article {
	t.Helper()
	return wrapped[article](t, r, "article")
}

// articles decodes {"articles": […], "articlesCount": n}; the list must
// be [] rather than null, and the count present.
func (r reply) articles(t testing.TB) articleList {
	t.Helper()
	var out articleList
	r.decode(t, &out)
	if out.Articles == nil || out.ArticlesCount == nil {
		t.Fatalf("reply %s lacks an articles list or articlesCount", r.raw)
	}
	return out
}

// comment decodes {"comment": …}.
func (r reply) comment(t testing.TB) comment {
	t.Helper()
	return wrapped[comment](t, r, "comment")
}

// comments decodes {"comments": […]}; the list must be [] rather than null.
func (r reply) comments(t testing.TB) []comment {
	t.Helper()
	return wrapped[[]comment](t, r, "comments")
}

// profile decodes {"profile": …}.
func (r reply) profile(t testing.TB) profile {
	t.Helper()
	return wrapped[profile](t, r, "profile")
}

// runTag tells this run's names apart from another run's on a kept database.
var runTag = strconv.FormatInt(time.Now().UnixNano()%1e9, 36)

var seq atomic.Int64

// unique returns a fresh name starting with prefix: lower-case letters,
// digits and underscores.
func unique(prefix string) string {
	return fmt.Sprintf("%s_%s%d", prefix, runTag, seq.Add(1))
}

// user is a registered user.
type user struct {
	name, email, password, token string
}

// newUser returns the credentials of a user not registered yet.
func newUser(prefix string) user {
	name := unique(prefix)
	return user{name: name, email: name + "@example.com", password: "pw-" + name}
}

// registration is the body of POST /users.
func (u user) registration() any {
	return map[string]any{"user": map[string]any{"username": u.name, "email": u.email, "password": u.password}}
}

// register registers a fresh user at api and returns it with its token.
func register(t testing.TB, prefix string) user {
	t.Helper()
	return api.register(t, prefix)
}

// register registers a fresh user and returns it with its token.
func (st *site) register(t testing.TB, prefix string) user {
	t.Helper()
	u := newUser(prefix)
	var out struct {
		User struct {
			Username, Token string
		}
	}
	st.expect(t, http.StatusCreated, http.MethodPost, "/users", "", u.registration()).decode(t, &out)
	if out.User.Username != u.name || out.User.Token == "" {
		t.Fatalf("registering %s gave %+v", u.name, out.User)
	}
	u.token = out.User.Token
	return u
}

// newArticle is the body of POST /articles.
func newArticle(title string, tags ...string) any {
	if tags == nil {
		tags = []string{}
	}
	return map[string]any{"article": map[string]any{
		"title": title, "description": "about " + title, "body": "the body of " + title, "tagList": tags,
	}}
}

// post creates an article by u at api and returns it.
func post(t testing.TB, u user, title string, tags ...string) article {
	t.Helper()
	return api.post(t, u, title, tags...)
}

// post creates an article by u and returns it. It waits a moment first,
// so that each article is strictly more recent than those posted before.
func (st *site) post(t testing.TB, u user, title string, tags ...string) article {
	t.Helper()
	time.Sleep(3 * time.Millisecond)
	a := st.expect(t, http.StatusCreated, http.MethodPost, "/articles", u.token, newArticle(title, tags...)).article(t)
	if a.Title != title || a.Slug == "" || a.Author.Username != u.name {
		t.Fatalf("creating %q by %s gave %+v", title, u.name, a)
	}
	return a
}

// slugs returns the slugs of articles, in order.
func slugs(as []article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Slug
	}
	return out
}
