package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// commentCap is the most comments GET /articles/:slug/comments answers,
// and the limit when none is given (specs/syncs/comments.sync.yaml).
const commentCap = 100

// pageIDs GETs the comments at path, with its query, and returns their
// ids, in order.
func pageIDs(t *testing.T, path string) []int {
	t.Helper()
	ids := []int{}
	for _, c := range expect(t, http.StatusOK, http.MethodGet, path, "", nil).comments(t) {
		ids = append(ids, c.ID)
	}
	return ids
}

// TestCommentsArePaged adds more comments to an article than one reply
// holds: the reply has the newest commentCap of them, newest first;
// limit and offset page through them all; a limit above the cap is the
// cap; and a limit or offset that is not a whole number is a 422.
func TestCommentsArePaged(t *testing.T) {
	u := register(t, "chatty")
	a := post(t, u, "Busy "+u.name)
	path := "/articles/" + a.Slug + "/comments"
	var added []int // the comments' ids, newest first
	for i := range commentCap + 5 {
		added = slices.Insert(added, 0, commentOn(t, u, a.Slug, fmt.Sprint("comment ", i)).ID)
	}
	if !slices.IsSortedFunc(added, func(x, y int) int { return y - x }) {
		t.Fatalf("comment ids %v, want them growing as comments are added", added)
	}
	pages := []struct {
		query string
		want  []int
	}{
		{"", added[:commentCap]},
		{"?limit=10", added[:10]},
		{"?limit=10&offset=100", added[100:]},
		{"?offset=103", added[103:]},
		{"?offset=105", []int{}},
		{"?offset=1000000", []int{}},
		{"?limit=1000", added[:commentCap]},
		{"?limit=999999&offset=1", added[1 : commentCap+1]},
		{"?limit=0", []int{}},
		{"?limit=1&offset=0", added[:1]},
	}
	for _, p := range pages {
		t.Run(p.query, func(t *testing.T) {
			if got := pageIDs(t, path+p.query); !slices.Equal(got, p.want) {
				t.Errorf("GET %s%s: ids %v, want %v", path, p.query, got, p.want)
			}
		})
	}
	t.Run("page through", func(t *testing.T) {
		var all []int
		for offset := 0; offset < len(added)+40; offset += 40 {
			all = append(all, pageIDs(t, fmt.Sprintf("%s?limit=40&offset=%d", path, offset))...)
		}
		if !slices.Equal(all, added) {
			t.Errorf("pages of 40: ids %v, want %v", all, added)
		}
	})
	for _, query := range []string{"?limit=abc", "?limit=-1", "?limit=1.5", "?offset=-1", "?limit=10&offset=x", "?limit=1234567"} {
		t.Run(query, func(t *testing.T) {
			msgs := expect(t, http.StatusUnprocessableEntity, http.MethodGet, path+query, "", nil).errorMessages(t)
			if !strings.Contains(msgs[0], "limit and offset must be whole numbers") {
				t.Errorf("GET %s%s: %q, want it to name limit and offset", path, query, msgs)
			}
		})
	}
	t.Run("unknown article", func(t *testing.T) {
		expect(t, http.StatusNotFound, http.MethodGet, "/articles/no-such-"+u.name+"/comments?limit=abc", "", nil)
	})
}
