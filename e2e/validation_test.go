package e2e

import (
	"net/http"
	"strings"
	"testing"
)

func TestValidationErrors(t *testing.T) {
	taken, other := register(t, "taken"), register(t, "other")
	a := post(t, other, "Valid "+other.name)
	fresh := newUser("fresh")
	reg := func(username, email, password string) any {
		return user{name: username, email: email, password: password}.registration()
	}
	art := func(fields map[string]any) any { return map[string]any{"article": fields} }
	tests := []struct {
		name, method, path, token string
		body                      any
	}{
		{"register: empty username", http.MethodPost, "/users", "", reg("", fresh.email, fresh.password)},
		{"register: empty email", http.MethodPost, "/users", "", reg(fresh.name, "", fresh.password)},
		{"register: empty password", http.MethodPost, "/users", "", reg(fresh.name, fresh.email, "")},
		{"register: taken username", http.MethodPost, "/users", "", reg(taken.name, fresh.email, fresh.password)},
		{"register: taken email", http.MethodPost, "/users", "", reg(fresh.name, taken.email, fresh.password)},
		{"register: taken email in other case", http.MethodPost, "/users", "", reg(fresh.name, strings.ToUpper(taken.email), fresh.password)},
		{"update user: taken username", http.MethodPut, "/user", other.token, map[string]any{"user": map[string]any{"username": taken.name}}},
		{"update user: taken email", http.MethodPut, "/user", other.token, map[string]any{"user": map[string]any{"email": taken.email}}},
		{"update user: empty username", http.MethodPut, "/user", other.token, map[string]any{"user": map[string]any{"username": ""}}},
		{"create article: empty title", http.MethodPost, "/articles", other.token, art(map[string]any{"title": "", "description": "d", "body": "b"})},
		{"create article: empty description", http.MethodPost, "/articles", other.token, art(map[string]any{"title": unique("T"), "description": "", "body": "b"})},
		{"create article: empty body", http.MethodPost, "/articles", other.token, art(map[string]any{"title": unique("T"), "description": "d", "body": ""})},
		{"create article: title is a number", http.MethodPost, "/articles", other.token, art(map[string]any{"title": 5, "description": "d", "body": "b"})},
		{"update article: empty title", http.MethodPut, "/articles/" + a.Slug, other.token, art(map[string]any{"title": ""})},
		{"add comment: empty body", http.MethodPost, "/articles/" + a.Slug + "/comments", other.token, map[string]any{"comment": map[string]any{"body": ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, http.StatusUnprocessableEntity, tt.method, tt.path, tt.token, tt.body).errorMessages(t)
		})
	}
	t.Run("nothing changed", func(t *testing.T) {
		sameArticle(t, a)
		wantArticles(t, "the author's articles", listArticles(t, "/articles?author="+other.name, ""), []string{a.Slug}, 1)
		expect(t, http.StatusNotFound, http.MethodGet, "/profiles/"+fresh.name, "", nil)
		var me struct {
			User struct{ Username, Email string }
		}
		expect(t, http.StatusOK, http.MethodGet, "/user", other.token, nil).decode(t, &me)
		if me.User.Username != other.name || me.User.Email != other.email {
			t.Errorf("GET /user: %+v, want %s <%s> unchanged", me.User, other.name, other.email)
		}
		expect(t, http.StatusCreated, http.MethodPost, "/users", "", fresh.registration())
	})
}

func TestWrongPasswordIsRefused(t *testing.T) {
	u := register(t, "login")
	r := do(t, http.MethodPost, "/users/login", "", map[string]any{"user": map[string]any{"email": u.email, "password": "wrong"}})
	if r.status != http.StatusUnauthorized && r.status != http.StatusUnprocessableEntity {
		t.Fatalf("login with a wrong password: %d %s, want 401 or 422", r.status, r.raw)
	}
	r.errorMessages(t)
}

func TestMalformedBodies(t *testing.T) {
	u := register(t, "malformed")
	big := `{"user": {"username": "` + strings.Repeat("a", 1<<20+1024) + `", "email": "big@example.com", "password": "pw"}}`
	bodies := []struct{ name, body string }{
		{"malformed JSON", `{"user": {"username": `},
		{"not JSON at all", `username=ann`},
		{"an array", `[{"user": {}}]`},
		{"a string", `"user"`},
		{"a number", `42`},
		{"null", `null`},
		{"over 1 MiB", big},
	}
	for _, e := range bodyEndpoints(u) {
		for _, b := range bodies {
			t.Run(e.method+" "+e.path+", "+b.name, func(t *testing.T) {
				want4xx(t, e.method, e.path, e.token, b.body)
			})
		}
	}
	t.Run("still serving", func(t *testing.T) {
		expect(t, http.StatusOK, http.MethodGet, "/tags", "", nil)
		expect(t, http.StatusOK, http.MethodGet, "/user", u.token, nil)
		register(t, "after")
	})
}

// bodyEndpoints are the endpoints that take a JSON body, with u's token
// where they need one.
func bodyEndpoints(u user) []struct{ method, path, token string } {
	return []struct{ method, path, token string }{
		{http.MethodPost, "/users", ""},
		{http.MethodPost, "/users/login", ""},
		{http.MethodPut, "/user", u.token},
		{http.MethodPost, "/articles", u.token},
	}
}

// want4xx sends a request and fails the test unless the reply is a 4xx
// RealWorld error.
func want4xx(t *testing.T, method, path, token string, body any) {
	t.Helper()
	r := do(t, method, path, token, body)
	if r.status < 400 || r.status >= 500 {
		t.Fatalf("status %d, want 4xx; reply %s%s", r.status, r.raw, trace(r.flow))
	}
	r.errorMessages(t)
}

// TestWrongShapeBodies sends JSON objects whose wrapper ("user",
// "article") is missing or not an object: the contract's answer is a
// validation error, never a 500 or a timeout.
func TestWrongShapeBodies(t *testing.T) {
	u := register(t, "shape")
	bodies := []struct{ name, body string }{
		{"no wrapper object", `{"username": "ann", "email": "ann@example.com", "title": "t"}`},
		{"the wrapper is a string", `{"user": "ann", "article": "t"}`},
		{"the wrapper is null", `{"user": null, "article": null}`},
		{"the wrapper is a list", `{"user": [], "article": []}`},
	}
	for _, e := range bodyEndpoints(u) {
		for _, b := range bodies {
			t.Run(e.method+" "+e.path+", "+b.name, func(t *testing.T) {
				want4xx(t, e.method, e.path, e.token, b.body)
			})
		}
	}
	t.Run("still serving", func(t *testing.T) {
		expect(t, http.StatusOK, http.MethodGet, "/user", u.token, nil)
	})
}
