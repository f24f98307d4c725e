package e2e

import (
	"fmt"
	"net/http"
	"testing"
)

// TestFilteredListsInPages pages through the articles of a tag and of a
// fan's favorites, alone and with another filter: each page is the
// matches newest first, cut at limit and offset, with the count of all
// the matches, as the unfiltered list is.
func TestFilteredListsInPages(t *testing.T) {
	a, b, fan := register(t, "pga"), register(t, "pgb"), register(t, "pgfan")
	tag := unique("paged")
	var tagged, liked []article // in the order posted
	for i := range 7 {
		author := []user{a, b}[i%2]
		x := post(t, author, fmt.Sprintf("Paged %d %s", i, tag), tag)
		tagged = append(tagged, x)
		if i%3 != 1 {
			expect(t, http.StatusOK, http.MethodPost, "/articles/"+x.Slug+"/favorite", fan.token, nil)
			liked = append(liked, x)
		}
		post(t, author, fmt.Sprintf("Untagged %d %s", i, tag)) // matches neither
	}
	byTag, byFan := reversed(tagged...), reversed(liked...)
	byTagAndA := reversed(tagged[0], tagged[2], tagged[4], tagged[6])
	tests := []struct {
		name, query string
		want        []string
		count       int
	}{
		{"a tag", "tag=" + tag, byTag, 7},
		{"a tag, a first page", "tag=" + tag + "&limit=3", byTag[:3], 7},
		{"a tag, a middle page", "tag=" + tag + "&limit=3&offset=3", byTag[3:6], 7},
		{"a tag, the last page", "tag=" + tag + "&limit=3&offset=6", byTag[6:], 7},
		{"a tag, past the end", "tag=" + tag + "&offset=7", []string{}, 7},
		{"a tag, limit 0", "tag=" + tag + "&limit=0", byTag, 7},
		{"a fan", "favorited=" + fan.name, byFan, 5},
		{"a fan, a page", "favorited=" + fan.name + "&limit=2&offset=2", byFan[2:4], 5},
		{"a fan, past the end", "favorited=" + fan.name + "&offset=5", []string{}, 5},
		{"a tag and an author, a page", "tag=" + tag + "&author=" + a.name + "&limit=2&offset=1", byTagAndA[1:3], 4},
		{"a tag and a fan, a page", "tag=" + tag + "&favorited=" + fan.name + "&limit=2&offset=3", byFan[3:], 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/articles?" + tt.query
			wantArticles(t, path, listArticles(t, path, ""), tt.want, tt.count)
		})
	}
	t.Run("after a delete", func(t *testing.T) {
		expectDeleted(t, "/articles/"+tagged[6].Slug, a.token)
		path := "/articles?tag=" + tag + "&limit=2"
		wantArticles(t, path, listArticles(t, path, ""), byTag[1:3], 6)
		path = "/articles?favorited=" + fan.name + "&limit=2"
		wantArticles(t, path, listArticles(t, path, ""), byFan[1:3], 4)
	})
}
