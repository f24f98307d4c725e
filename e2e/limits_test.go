package e2e

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	articles "github.com/legible/legible/concepts/article"
	"github.com/legible/legible/concepts/commenting"
	profiles "github.com/legible/legible/concepts/profile"
	"github.com/legible/legible/concepts/tagging"
)

// refusedQuickly is how long a request that a limit refuses may take: the
// concepts refuse before doing the work, so it is far less than the
// app's timeout (10s), after which the reply would be a 504.
const refusedQuickly = 3 * time.Second

// TestHugeTagListIsRefused posts an article with 100,000 tags (about
// 890 KB, under the body limit of 1 MiB): a 422 naming the limit comes
// quickly, and neither the article nor any of its tags is kept.
func TestHugeTagListIsRefused(t *testing.T) {
	u := register(t, "tagger")
	tags := make([]string, 100_000)
	for i := range tags {
		tags[i] = fmt.Sprint("t", i)
	}
	tags[0] = unique("huge") // a tag no other test has
	title := "Many tags " + u.name
	start := time.Now()
	r := do(t, http.MethodPost, "/articles", u.token, newArticle(title, tags...))
	took := time.Since(start)
	if r.status != http.StatusUnprocessableEntity || took > refusedQuickly {
		t.Fatalf("POST /articles with 100,000 tags: %d after %v, want 422 within %v; reply %.300s%s",
			r.status, took, refusedQuickly, r.raw, trace(r.flow))
	}
	if msgs := r.errorMessages(t); !strings.Contains(msgs[0], "100000 tags; an item has at most 50") {
		t.Errorf("POST /articles with 100,000 tags: %q, want it to name the limit", msgs)
	}
	nothingPosted(t, u)
	var all struct{ Tags []string }
	expect(t, http.StatusOK, http.MethodGet, "/tags", "", nil).decode(t, &all)
	if slices.Contains(all.Tags, tags[0]) {
		t.Errorf("GET /tags lists %q, a tag of the refused article", tags[0])
	}
}

// nothingPosted fails the test unless u has no articles.
func nothingPosted(t *testing.T, u user) {
	t.Helper()
	wantArticles(t, "the articles of "+u.name, listArticles(t, "/articles?author="+u.name, ""), []string{}, 0)
}

// TestOverLongFieldsAreRefused sends articles, comments and users with a
// field over its limit: each is a quick 422 in the RealWorld error shape,
// naming the field, and nothing changes. Fields at the limits are kept.
func TestOverLongFieldsAreRefused(t *testing.T) {
	u, other := register(t, "long"), register(t, "reader")
	a := post(t, other, "Limits "+other.name)
	art := func(title, description, body string, tags ...string) any {
		return map[string]any{"article": map[string]any{"title": title, "description": description, "body": body, "tagList": tags}}
	}
	x := strings.Repeat
	fresh := newUser("fresh")
	tests := []struct {
		name, method, path, token string
		body                      any
		want                      string
	}{
		{"title", http.MethodPost, "/articles", u.token, art(x("t", 201), "d", "b"), "title has 201 characters; the most is 200"},
		{"description", http.MethodPost, "/articles", u.token, art("T", x("d", 1001), "b"), "description has 1001 characters"},
		{"body", http.MethodPost, "/articles", u.token, art("T", "d", x("b", 100_001)), "body has 100001 characters"},
		{"a tag", http.MethodPost, "/articles", u.token, art("T", "d", "b", "go", x("é", 101)), "tags[1] has 101 characters"},
		{"51 tags", http.MethodPost, "/articles", u.token, art("T", "d", "b", slices.Repeat([]string{"go"}, 51)...), "51 tags"},
		{"new title", http.MethodPut, "/articles/" + a.Slug, other.token, map[string]any{"article": map[string]any{"title": x("t", 201)}}, "title has 201"},
		{"comment", http.MethodPost, "/articles/" + a.Slug + "/comments", u.token, map[string]any{"comment": map[string]any{"body": x("c", 10_001)}}, "body has 10001 characters; the most is 10000"},
		{"username", http.MethodPost, "/users", "", user{name: x("u", 101), email: fresh.email, password: "pw"}.registration(), "username has 101 characters"},
		{"new username", http.MethodPut, "/user", u.token, map[string]any{"user": map[string]any{"username": x("u", 101)}}, "username has 101 characters"},
		{"bio", http.MethodPut, "/user", u.token, map[string]any{"user": map[string]any{"bio": x("b", 1001), "email": fresh.email}}, "bio has 1001 characters"},
		{"image", http.MethodPut, "/user", u.token, map[string]any{"user": map[string]any{"image": x("i", 2001)}}, "image has 2001 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := expect(t, http.StatusUnprocessableEntity, tt.method, tt.path, tt.token, tt.body)
			if took := time.Since(start); took > refusedQuickly {
				t.Errorf("%s %s: refused after %v, want within %v", tt.method, tt.path, took, refusedQuickly)
			}
			if msgs := r.errorMessages(t); !strings.Contains(msgs[0], tt.want) {
				t.Errorf("%s %s: %q, want %q", tt.method, tt.path, msgs, tt.want)
			}
		})
	}
	t.Run("nothing changed", func(t *testing.T) {
		nothingPosted(t, u)
		sameArticle(t, a)
		if got := expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug+"/comments", "", nil).comments(t); len(got) != 0 {
			t.Errorf("comments on %s: %+v, want none", a.Slug, got)
		}
		me := expect(t, http.StatusOK, http.MethodGet, "/profiles/"+u.name, "", nil).profile(t)
		if me.Bio != nil && *me.Bio != "" || me.Image != nil && *me.Image != "" {
			t.Errorf("the profile of %s: %+v, want no bio or image", u.name, me)
		}
		expect(t, http.StatusCreated, http.MethodPost, "/users", "", fresh.registration()) // its email is free
	})
	t.Run("at the limits", func(t *testing.T) {
		tags := make([]string, 50)
		for i := range tags {
			tags[i] = fmt.Sprint(i, x("é", 98))
		}
		r := expect(t, http.StatusCreated, http.MethodPost, "/articles", u.token, art(x("t", 200), x("d", 1000), x("b", 100_000), tags...))
		if got := r.article(t); len(got.TagList) != 50 || len(got.Body) != 100_000 {
			t.Errorf("the article at the limits: %d tags, a body of %d bytes; want 50 and 100000", len(got.TagList), len(got.Body))
		}
		body := map[string]any{"comment": map[string]any{"body": x("c", 10_000)}}
		expect(t, http.StatusOK, http.MethodPost, "/articles/"+a.Slug+"/comments", u.token, body)
	})
}

// TestSyncsStateLimits checks that the sync files say the limits that the
// concepts enforce, so that a reader of the app sees them.
func TestSyncsStateLimits(t *testing.T) {
	files := map[string][]string{
		"articles.sync.yaml": {
			fmt.Sprintf("a title has at most %d characters", articles.MaxTitle),
			fmt.Sprintf("a description at most %d", articles.MaxDescription),
			fmt.Sprintf("a body at most %d", articles.MaxBody),
			fmt.Sprintf("at most %d tags, each of at most %d characters", tagging.MaxTags, tagging.MaxTagLength),
		},
		"comments.sync.yaml": {fmt.Sprintf("A comment has at most %d characters", commenting.MaxBody)},
		"users.sync.yaml": {
			fmt.Sprintf("A username has at most %d characters", profiles.MaxUsername),
			fmt.Sprintf("a bio at most %d, an image at most %d", profiles.MaxBio, profiles.MaxImage),
		},
	}
	for name, says := range files {
		raw, err := os.ReadFile(filepath.Join(specsDir, "syncs", name))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(strings.ReplaceAll(string(raw), "#", "")), " ")
		for _, s := range says {
			if !strings.Contains(text, s) {
				t.Errorf("%s does not say %q", name, s)
			}
		}
	}
}
