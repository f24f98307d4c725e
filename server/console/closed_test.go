package console_test

import (
	"strings"
	"testing"
)

// consolePaths are the console's page and every part of its API.
var consolePaths = []string{
	"/_legible/", "/_legible/api/flows", "/_legible/api/live", "/_legible/api/map",
	"/_legible/api/map/route?route=POST%20/users", "/_legible/api/state",
	"/_legible/api/state/Profile.profiles", "/_legible/api/state/Profile.profiles/x",
	"/_legible/api/flows/x",
}

// TestConsoleIsClosedWithoutDevOrToken serves Conduit without --dev:
// without an admin token, every path of the console answers 401 and says
// how to open it; with one, every path answers 401 to a request without
// the token or with another, a browser that asks for the page gets one
// that asks for the token and holds nothing of the app, and the token
// opens the console.
func TestConsoleIsClosedWithoutDevOrToken(t *testing.T) {
	closed := serve(t, false, "")
	for _, p := range consolePaths {
		if status, _, body := closed.do(t, "GET", p, "", nil); status != 401 || !strings.Contains(body, "legible serve --dev") {
			t.Errorf("without --dev or a token, GET %s: %d %s", p, status, body)
		}
	}
	const token = "the-admin-token-of-this-test"
	open := serve(t, false, token)
	for _, p := range consolePaths {
		for _, h := range []map[string]string{nil, {"Authorization": "Bearer another"}, {"Authorization": "Token " + token}} {
			if status, _, body := open.do(t, "GET", p, "", h); status != 401 || strings.Contains(body, "conduit") {
				t.Errorf("GET %s with %v: %d %s", p, h, status, body)
			}
		}
	}
	status, _, page := open.do(t, "GET", "/_legible/", "", map[string]string{"Accept": "text/html"})
	if status != 401 || !strings.Contains(page, "admin token") || strings.Contains(page, "api/flows") {
		t.Errorf("a browser without the token: %d\n%s", status, page)
	}
	bearer := map[string]string{"Authorization": "Bearer " + token}
	if status, _, body := open.do(t, "GET", "/_legible/api/flows", "", bearer); status != 200 || !strings.Contains(body, `"app":"conduit"`) {
		t.Errorf("with the token, the flows: %d %s", status, body)
	}
	if status, _, body := open.do(t, "GET", "/_legible/", "", bearer); status != 200 || !strings.Contains(body, "/_legible/api") {
		t.Errorf("with the token, the page: %d", status)
	}
}
