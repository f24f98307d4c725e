package e2e

import (
	"net/http"
	"slices"
	"testing"
)

// tagsInOrder returns GET /tags's tags that are among mine, in its order.
func tagsInOrder(t *testing.T, mine ...string) []string {
	t.Helper()
	var all struct{ Tags []string }
	expect(t, http.StatusOK, http.MethodGet, "/tags", "", nil).decode(t, &all)
	return slices.DeleteFunc(all.Tags, func(tag string) bool { return !slices.Contains(mine, tag) })
}

// TestTagsMostUsedFirst checks that GET /tags lists the tags by how many
// articles have them, most first, ties by name, as articles come and go:
// "popular tags" show the most used first.
func TestTagsMostUsedFirst(t *testing.T) {
	u := register(t, "popular")
	most, tieA, tieB, least := unique("pop_z"), unique("pop_m1"), unique("pop_m2"), unique("pop_a")
	mine := []string{most, tieA, tieB, least}
	post(t, u, "Popular one "+u.name, most, tieA, least)
	post(t, u, "Popular two "+u.name, most, tieB)
	third := post(t, u, "Popular three "+u.name, most, tieA, tieB)
	if got, want := tagsInOrder(t, mine...), []string{most, tieA, tieB, least}; !slices.Equal(got, want) {
		t.Fatalf("GET /tags: %v, want %v: by articles, 3, 2, 2 and 1, ties by name", got, want)
	}
	expectDeleted(t, "/articles/"+third.Slug, u.token)
	if got, want := tagsInOrder(t, mine...), []string{most, least, tieA, tieB}; !slices.Equal(got, want) {
		t.Fatalf("GET /tags after a delete: %v, want %v: by articles, 2, then 1, 1 and 1 by name", got, want)
	}
}
