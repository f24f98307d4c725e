package scenario

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
)

// conduitWith copies the repository's Conduit into a temporary folder,
// adds tests/t.test.yaml holding test, and checks the app.
func conduitWith(t *testing.T, test string) *pipeline.App {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../specs")); err != nil {
		t.Fatal(err)
	}
	_ = os.RemoveAll(filepath.Join(dir, "tests")) // Conduit's own suite runs in its own test
	if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tests", "t.test.yaml"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	app, err := env.CheckDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// run runs the one scenario of a test file over Conduit and returns its
// result, failing when the test file has errors.
func run(t *testing.T, test string) *Result {
	t.Helper()
	t.Setenv(authenticating.CostEnv, "min")
	app := conduitWith(t, test)
	if err := app.Testable(); err != nil {
		var b strings.Builder
		_ = report.Text(&b, app.TestDiags(), report.SourceMap(app.Sources))
		t.Fatalf("%v\n%s", err, b.String())
	}
	rep, err := Run(context.Background(), app, Options{})
	if err != nil || len(rep.Results) != 1 {
		t.Fatalf("run: %v, %d results", err, len(rep.Results))
	}
	return rep.Results[0]
}

// register is a step that registers ann and captures her token.
const register = `  - POST /users:
      body: { user: { username: "ann", email: "ann@example.com", password: "hunter22" } }
    capture: { token: body.user.token }
`

// TestScenariosThatHold runs scenarios whose every step holds: matchers,
// captures in paths, concept calls that bind and compare, error outcomes.
func TestScenariosThatHold(t *testing.T) {
	for name, steps := range map[string]string{
		"matchers and a captured path": register + `  - POST /articles:
      token: token
      body: { article: { title: "Hello there", description: "d", body: "b", tagList: ["go", "yaml"] } }
    expect:
      status: 201
      body: { article: { slug: !match "^hello-there", tagList: ["go", "yaml"], createdAt: !string, favoritesCount: !expr "it == 0", author: { username: "ann", following: !boolean } } }
      fired: [CreateArticle, CreateArticleRespond]
      not fired: [CreateArticleError]
      outcome: "committed"
    capture: { slug: body.article.slug }
  - GET /articles/{slug}:
    expect: { status: 200, body: { article: { slug: slug, title: "Hello there" } }, outcome: "read only" }
`,
		"concept calls bind and compare": register + `  - Profile._getByUsername: { username: "ann" }
    out: { user: ann }
  - Profile._getByUsername: { username: "ann" }
    out: { user }
  - Profile._getByUsername: { username: "ann" }
    rows: [ { user } ]
  - Tagging._tags: { item: "nothing" }
    rows: [ { tags: [] } ]
  - Authenticating.register: { email: "ann@example.com", password: "hunter22" }
    error: "already registered"
`,
		"a refusal rolls back": `  - POST /users:
      body: { user: { username: "", email: "x@example.com", password: "hunter22" } }
    expect: { status: 422, body: { errors: { body: !list } } }
  - Authenticating._getByEmail: { email: "x@example.com" }
    rows: []
`,
	} {
		t.Run(name, func(t *testing.T) {
			if res := run(t, "a scenario:\n"+steps); res.Failure != nil {
				var b strings.Builder
				writeFailure(&b, res, nil)
				t.Fatalf("it fails:\n%s", b.String())
			}
		})
	}
}

// TestFailuresPointAtTheExpectation runs scenarios with a step that does
// not hold, and checks where each failure points and what it says.
func TestFailuresPointAtTheExpectation(t *testing.T) {
	for _, tt := range []struct {
		name, steps string
		line        int      // of the expectation, in the test file
		want        []string // in the failure's message, details and why
	}{
		{"a status", `  - GET /profiles/nobody:
    expect: { status: 200 }
`, 3, []string{"status: want 200, got 404"}},
		{"a nested field", register + `  - GET /user:
      token: token
    expect:
      body: { user: { username: "bob" } }
`, 8, []string{`body.user.username: want "bob", got "ann"`}},
		{"a matcher", register + `  - GET /user:
      token: token
    expect:
      body: { user: { bio: !number } }
`, 8, []string{"body.user.bio: want any number"}},
		{"a missing field", `  - GET /tags:
    expect:
      body: { labels: [] }
`, 4, []string{"body.labels: want a field labels, got \"nothing\""}},
		{"a sync that did not fire", `  - GET /tags:
    expect:
      fired: [ListArticles]
`, 4, []string{"ListArticles did not fire; what fired: Tags"}},
		{"a query's rows", register + `  - Profile._getByUsername: { username: "ann" }
    rows: [ { bio: "poet" } ]
`, 6, []string{`rows.0.bio: want "poet", got ""`}},
		{"an error that did not come", `  - Authenticating.register: { email: "new@example.com", password: "hunter22" }
    error: "taken"
`, 3, []string{"succeeded, and the step expects an error"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, "a scenario:\n"+tt.steps)
			f := res.Failure
			if f == nil {
				t.Fatal("it passes")
			}
			var b strings.Builder
			writeFailure(&b, res, nil)
			if f.At.Line != tt.line || !strings.HasSuffix(f.At.File, "tests/t.test.yaml") {
				t.Errorf("at %s, want line %d of tests/t.test.yaml:\n%s", f.At.Pos, tt.line, b.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("the failure does not say %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// TestClosestSyncsSayWhatStoppedThem sends a request that no sync
// answers, to a route added to Conduit whose only responder needs a user
// of the name given, and checks that the failure names the responder and
// the query that found nothing.
func TestClosestSyncsSayWhatStoppedThem(t *testing.T) {
	t.Setenv(authenticating.CostEnv, "min")
	app := conduitWith(t, `a scenario:
  - POST /ping:
      body: { name: "nobody" }
    expect: { status: 200 }
`)
	ping := `Ping:
  when:
    - Requesting.request: { method: "POST", path: "/ping", name }
      out: { request }
  where:
    # legible:ignore unanswered-request -- the test wants a request that nothing answers
    - Profile._getByUsername: { username: name }
      out: { user }
  then:
    - Requesting.respond: { request, user }
`
	if err := os.WriteFile(filepath.Join(app.Dir, "syncs", "ping.sync.yaml"), []byte(ping), 0o644); err != nil {
		t.Fatal(err)
	}
	env, _ := pipeline.NewEnv(library.Modules()...)
	app, err := env.CheckDir(app.Dir)
	if err != nil || app.Testable() != nil {
		t.Fatalf("%v %v %v", err, app.Testable(), app.TestDiags())
	}
	rep, err := Run(context.Background(), app, Options{})
	if err != nil || rep.Results[0].Failure == nil {
		t.Fatalf("run: %v; want a failure", err)
	}
	f := rep.Results[0].Failure
	var b strings.Builder
	writeFailure(&b, rep.Results[0], nil)
	if f.Status != 504 || len(f.Why) != 1 || !strings.Contains(f.Why[0], "Ping (") ||
		!strings.Contains(f.Why[0], "its `where` left no frame at line 7, Profile._getByUsername, which found no row") {
		t.Fatalf("the failure does not say what stopped Ping:\n%s", b.String())
	}
}
