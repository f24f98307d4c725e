package e2e

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"
)

// commentOn comments on the article with slug as u and returns the comment.
func commentOn(t testing.TB, u user, slug, body string) comment {
	t.Helper()
	c := expect(t, http.StatusOK, http.MethodPost, "/articles/"+slug+"/comments", u.token,
		map[string]any{"comment": map[string]any{"body": body}}).comment(t)
	if c.Body != body || c.Author.Username != u.name {
		t.Fatalf("commenting %q as %s gave %+v", body, u.name, c)
	}
	return c
}

// commentIDs returns the ids of the comments under the article with slug.
func commentIDs(t testing.TB, slug string) []int {
	t.Helper()
	var out []int
	for _, c := range expect(t, http.StatusOK, http.MethodGet, "/articles/"+slug+"/comments", "", nil).comments(t) {
		out = append(out, c.ID)
	}
	return out
}

// sameArticle fails the test unless the article with a.Slug still reads
// as a did.
func sameArticle(t testing.TB, a article) {
	t.Helper()
	now := expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug, "", nil).article(t)
	if now.Title != a.Title || now.Body != a.Body || now.Description != a.Description || now.FavoritesCount != a.FavoritesCount {
		t.Fatalf("the article changed: %+v, was %+v", now, a)
	}
}

func TestForbiddenEditsChangeNothing(t *testing.T) {
	owner, intruder := register(t, "owner"), register(t, "intruder")
	a := post(t, owner, "Mine "+owner.name)
	c := commentOn(t, owner, a.Slug, "my comment")
	tests := []struct {
		name, method, path string
		body               any
	}{
		{"edit another's article", http.MethodPut, "/articles/" + a.Slug,
			map[string]any{"article": map[string]any{"title": "Hijacked " + a.Title, "body": "hijacked"}}},
		{"delete another's article", http.MethodDelete, "/articles/" + a.Slug, nil},
		{"delete another's comment", http.MethodDelete, fmt.Sprintf("/articles/%s/comments/%d", a.Slug, c.ID), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, http.StatusForbidden, tt.method, tt.path, intruder.token, tt.body).errorMessages(t)
			sameArticle(t, a)
			if ids := commentIDs(t, a.Slug); len(ids) != 1 || ids[0] != c.ID {
				t.Fatalf("comments now %v, want [%d]", ids, c.ID)
			}
		})
	}
	t.Run("the owner may", func(t *testing.T) {
		expectDeleted(t, fmt.Sprintf("/articles/%s/comments/%d", a.Slug, c.ID), owner.token)
		if ids := commentIDs(t, a.Slug); len(ids) != 0 {
			t.Fatalf("comments after deleting the only one: %v", ids)
		}
		expectDeleted(t, "/articles/"+a.Slug, owner.token)
		expect(t, http.StatusNotFound, http.MethodGet, "/articles/"+a.Slug, "", nil)
	})
}

func TestAuthRequired(t *testing.T) {
	author, other := register(t, "authz"), register(t, "authy")
	a := post(t, author, "Guarded "+author.name)
	c := commentOn(t, author, a.Slug, "guarded comment")
	commentPath := fmt.Sprintf("/articles/%s/comments/%d", a.Slug, c.ID)
	endpoints := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/user", nil},
		{http.MethodPut, "/user", map[string]any{"user": map[string]any{"bio": "hacked"}}},
		{http.MethodGet, "/articles/feed", nil},
		{http.MethodPost, "/articles", newArticle("Anonymous " + author.name)},
		{http.MethodPut, "/articles/" + a.Slug, map[string]any{"article": map[string]any{"title": "Anonymous edit"}}},
		{http.MethodDelete, "/articles/" + a.Slug, nil},
		{http.MethodPost, "/articles/" + a.Slug + "/favorite", nil},
		{http.MethodDelete, "/articles/" + a.Slug + "/favorite", nil},
		{http.MethodPost, "/articles/" + a.Slug + "/comments", map[string]any{"comment": map[string]any{"body": "anonymous"}}},
		{http.MethodDelete, commentPath, nil},
		{http.MethodPost, "/profiles/" + author.name + "/follow", nil},
		{http.MethodDelete, "/profiles/" + author.name + "/follow", nil},
	}
	creds := []struct{ name, token string }{
		{"no token", ""},
		{"not a token", "not-a-token"},
		{"tampered token", tampered(other.token)},
		{"signed with another secret", resigned(t, other.token, "another secret", nil)},
		{"expired", resigned(t, other.token, tokenSecret, map[string]any{"exp": time.Now().Add(-time.Minute).Unix()})},
		// Signed with the app's own secret, for a user id never registered.
		{"for a user with no account", resigned(t, other.token, tokenSecret, map[string]any{"sub": "no-such-user-" + author.name})},
	}
	for _, e := range endpoints {
		for _, tok := range creds {
			t.Run(e.method+" "+e.path+", "+tok.name, func(t *testing.T) {
				expect(t, http.StatusUnauthorized, e.method, e.path, tok.token, e.body)
			})
		}
	}
	t.Run("nothing changed", func(t *testing.T) {
		sameArticle(t, a)
		if ids := commentIDs(t, a.Slug); len(ids) != 1 || ids[0] != c.ID {
			t.Errorf("comments now %v, want [%d]", ids, c.ID)
		}
		wantArticles(t, "the author's articles", listArticles(t, "/articles?author="+author.name, ""), []string{a.Slug}, 1)
		if p := expect(t, http.StatusOK, http.MethodGet, "/profiles/"+author.name, other.token, nil).profile(t); p.Following {
			t.Errorf("the other user follows the author now")
		}
		var me struct{ User struct{ Bio *string } }
		expect(t, http.StatusOK, http.MethodGet, "/user", other.token, nil).decode(t, &me)
		if me.User.Bio != nil && *me.User.Bio == "hacked" {
			t.Errorf("an anonymous PUT /user changed a bio")
		}
	})
}

// resigned returns token, a JWT, with the claims in set changed and
// signed (HS256) with secret.
func resigned(t testing.TB, token, secret string, set map[string]any) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not a JWT", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	claims := map[string]any{}
	if err == nil {
		err = json.Unmarshal(raw, &claims)
	}
	if err != nil {
		t.Fatalf("reading the claims of %q: %v", token, err)
	}
	maps.Copy(claims, set)
	if raw, err = json.Marshal(claims); err != nil {
		t.Fatal(err)
	}
	signed := parts[0] + "." + base64.RawURLEncoding.EncodeToString(raw)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signed))
	return signed + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// tampered returns token with one character of its signature changed:
// the last but one, since the last one's low bits are base64 padding that
// a decoder may ignore.
func tampered(token string) string {
	if token == "" {
		return "x"
	}
	last := token[len(token)-2]
	swap := byte('A')
	if last == 'A' {
		swap = 'B'
	}
	return token[:len(token)-2] + string(swap) + token[len(token)-1:]
}

func TestNotFound(t *testing.T) {
	u, other := register(t, "finder"), register(t, "finder")
	a := post(t, u, "Found "+u.name)
	elsewhere := post(t, other, "Elsewhere "+other.name)
	c := commentOn(t, u, elsewhere.Slug, "a comment elsewhere")
	missing, nobody := unique("no-such-article"), unique("nobody")
	tests := []struct {
		name, method, path string
		body               any
	}{
		{"get article", http.MethodGet, "/articles/" + missing, nil},
		{"update article", http.MethodPut, "/articles/" + missing, map[string]any{"article": map[string]any{"title": "x"}}},
		{"delete article", http.MethodDelete, "/articles/" + missing, nil},
		{"favorite", http.MethodPost, "/articles/" + missing + "/favorite", nil},
		{"unfavorite", http.MethodDelete, "/articles/" + missing + "/favorite", nil},
		{"list comments", http.MethodGet, "/articles/" + missing + "/comments", nil},
		{"add comment", http.MethodPost, "/articles/" + missing + "/comments", map[string]any{"comment": map[string]any{"body": "x"}}},
		{"delete comment of unknown article", http.MethodDelete, fmt.Sprintf("/articles/%s/comments/%d", missing, c.ID), nil},
		{"delete unknown comment", http.MethodDelete, "/articles/" + a.Slug + "/comments/999999999", nil},
		{"delete comment under another article", http.MethodDelete, fmt.Sprintf("/articles/%s/comments/%d", a.Slug, c.ID), nil},
		{"get profile", http.MethodGet, "/profiles/" + nobody, nil},
		{"follow", http.MethodPost, "/profiles/" + nobody + "/follow", nil},
		{"unfollow", http.MethodDelete, "/profiles/" + nobody + "/follow", nil},
		{"unknown route", http.MethodGet, "/no/such/route", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, http.StatusNotFound, tt.method, tt.path, u.token, tt.body).errorMessages(t)
		})
	}
	t.Run("the comment elsewhere is still there", func(t *testing.T) {
		if ids := commentIDs(t, elsewhere.Slug); len(ids) != 1 || ids[0] != c.ID {
			t.Errorf("comments now %v, want [%d]", ids, c.ID)
		}
	})
}
