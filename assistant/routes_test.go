package assistant

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestListRoutes lists Conduit's routes: the login's syncs in the order
// they become able to fire, its cases (the happy path and the login's
// error), each at its file and line; an app with errors is refused with
// the first of them.
func TestListRoutes(t *testing.T) {
	cs := connect(t)
	var got routesOut
	call(t, cs, "list_routes", map[string]any{"app": "../specs"}, &got)
	abs, _ := filepath.Abs("../specs/syncs/users.sync.yaml")
	users := filepath.ToSlash(abs)
	i := slices.IndexFunc(got.Routes, func(r routeDoc) bool { return r.Route == "POST /users/login" })
	if got.Base != "/api" || i < 0 || len(got.Routes) < 10 {
		t.Fatalf("base %q, %d routes, the login's at %d", got.Base, len(got.Routes), i)
	}
	login := got.Routes[i]
	var syncs []string
	for _, s := range login.Syncs {
		syncs = append(syncs, s.Name)
		if s.File != users || s.Line == 0 {
			t.Errorf("%s is at %s:%d, want in %s", s.Name, s.File, s.Line, users)
		}
	}
	if strings.Join(syncs, " ") != "Login LoginToken LoginRespond LoginError" || login.Method != "POST" || login.Path != "/users/login" || !slices.Contains(login.Inputs, "user") {
		t.Errorf("the login route: %+v", login)
	}
	if len(login.Cases) != 2 || login.Cases[0].Kind != "happy" || login.Cases[1].Kind != "error" || login.Cases[1].Key != "Authenticating.login" || login.Cases[1].File != users {
		t.Errorf("the login's cases: %+v", login.Cases)
	}
	broken := conduitCopy(t, map[string]string{"syncs/added.sync.yaml": "Added:\n  when:\n    - Requesting.request: { path: \"/added\" }\n  then:\n    - Tokens.issue: { user }\n"})
	if msg := callError(t, cs, "list_routes", map[string]any{"app": broken}); !strings.Contains(msg, "has 1 error;") || !strings.Contains(msg, "`user` is read here, but nothing binds it [unbound-variable]") {
		t.Errorf("an app with errors says %q", msg)
	}
}

// TestDrawGraph draws the login's flow as legible graph does (its golden
// drawing), the concepts in DOT, and refuses an unknown route, naming
// the routes, and a format the schema does not allow.
func TestDrawGraph(t *testing.T) {
	cs := connect(t)
	golden, err := os.ReadFile("../engine/analysis/testdata/route_login.mmd")
	if err != nil {
		t.Fatal(err)
	}
	var g graphOut
	call(t, cs, "draw_graph", map[string]any{"app": "../specs", "route": "POST /users/login"}, &g)
	if g.Format != "mermaid" || g.Text != string(golden) {
		t.Errorf("the login's flow, as %s:\n%s\nwant\n%s", g.Format, g.Text, golden)
	}
	call(t, cs, "draw_graph", map[string]any{"app": "../specs", "format": "dot"}, &g)
	if !strings.HasPrefix(g.Text, "digraph") || !strings.Contains(g.Text, "Authenticating") {
		t.Errorf("the concepts in DOT:\n%s", g.Text)
	}
	if msg := callError(t, cs, "draw_graph", map[string]any{"app": "../specs", "route": "POST /user/login"}); !strings.Contains(msg, "POST /users/login") {
		t.Errorf("an unknown route says %q", msg)
	}
	if msg := callError(t, cs, "draw_graph", map[string]any{"app": "../specs", "format": "svg"}); !strings.Contains(msg, "svg does not equal any of: [mermaid dot]") {
		t.Errorf("an unknown format says %q", msg)
	}
}
