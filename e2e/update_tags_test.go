package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// changeArticle PUTs the changes to the article of slug as its author and
// returns the article answered, which must be a 200.
func changeArticle(t *testing.T, u user, slug string, changes map[string]any) article {
	t.Helper()
	return expect(t, http.StatusOK, http.MethodPut, "/articles/"+slug, u.token, map[string]any{"article": changes}).article(t)
}

// sorted returns the tags sorted, as tagList is.
func sorted(tags ...string) []string { return slices.Sorted(slices.Values(tags)) }

// TestUpdateReplacesTags checks that PUT /articles/:slug with a tagList
// gives the article those tags, as the reply, the article, the tag's
// lists and the tag list show, and that one without a tagList keeps them.
func TestUpdateReplacesTags(t *testing.T) {
	u := register(t, "retagger")
	old, kept, added := unique("rt_old"), unique("rt_kept"), unique("rt_new")
	a := post(t, u, "Retagged "+u.name, old, kept)
	steps := []struct {
		name    string
		changes map[string]any
		want    []string
	}{
		{"a new tag list", map[string]any{"tagList": []string{kept, added, " " + added + " "}}, sorted(kept, added)},
		{"no tag list", map[string]any{"body": "a new body"}, sorted(kept, added)},
		{"a null tag list", map[string]any{"tagList": nil}, sorted(kept, added)},
		{"a title and a tag list", map[string]any{"title": "Retitled " + u.name, "tagList": []string{old}}, []string{old}},
		{"an empty tag list", map[string]any{"tagList": []string{}}, []string{}},
	}
	for _, s := range steps {
		got := changeArticle(t, u, a.Slug, s.changes)
		a.Slug = got.Slug
		if !slices.Equal(got.TagList, s.want) {
			t.Fatalf("after %s: tagList %q, want %q", s.name, got.TagList, s.want)
		}
		if now := expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug, "", nil).article(t); !slices.Equal(now.TagList, s.want) {
			t.Fatalf("after %s: GET gives tagList %q, want %q", s.name, now.TagList, s.want)
		}
		for _, tag := range []string{old, kept, added} {
			want, count := []string{}, 0
			if slices.Contains(s.want, tag) {
				want, count = []string{a.Slug}, 1
			}
			path := "/articles?tag=" + tag
			wantArticles(t, s.name+": "+path, listArticles(t, path, ""), want, count)
			if listed := len(tagsInOrder(t, tag)) == 1; listed != (count == 1) {
				t.Fatalf("after %s: GET /tags lists %s: %v, want %v", s.name, tag, listed, count == 1)
			}
		}
	}
}

// TestUpdateTagLimits checks that a PUT whose tagList breaks a limit of a
// create is a 422 naming it, and changes nothing: not the tags, not the
// other fields it sends.
func TestUpdateTagLimits(t *testing.T) {
	u := register(t, "retaglimits")
	tag := unique("rl")
	a := post(t, u, "Retag limits "+u.name, tag)
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprint(tag, i)
	}
	tests := []struct {
		name string
		tags any
		want string
	}{
		{"51 tags", many, "51 tags; an item has at most 50"},
		{"a tag of 101 characters", []string{"go", strings.Repeat("é", 101)}, "tags[1] has 101 characters; a tag has at most 100"},
		{"a tag that is no string", []any{"go", 42}, "tags[1] is 42, not a string"},
		{"an empty tag", []string{"go", " "}, `tags[1] (" ") is empty`},
		{"a tag list that is no list", "go", "tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes := map[string]any{"article": map[string]any{"body": "changed", "tagList": tt.tags}}
			msgs := expect(t, http.StatusUnprocessableEntity, http.MethodPut, "/articles/"+a.Slug, u.token, changes).errorMessages(t)
			if !strings.Contains(msgs[0], tt.want) {
				t.Errorf("PUT with %s: %q, want %q", tt.name, msgs, tt.want)
			}
			sameArticle(t, a)
			if now := expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug, "", nil).article(t); !slices.Equal(now.TagList, []string{tag}) {
				t.Errorf("after a refused PUT with %s: tagList %q, want [%s]", tt.name, now.TagList, tag)
			}
		})
	}
	t.Run("50 tags replace its tags", func(t *testing.T) {
		if got := changeArticle(t, u, a.Slug, map[string]any{"tagList": many[1:]}); len(got.TagList) != 50 || slices.Contains(got.TagList, tag) {
			t.Errorf("PUT with 50 other tags: %d tags, its old one %v; want the 50, without it", len(got.TagList), slices.Contains(got.TagList, tag))
		}
	})
}
