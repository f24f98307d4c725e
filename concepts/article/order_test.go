package article

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

// TestIDsSortAsTheList checks what the spec promises to syncs that page
// articles by their ids elsewhere (a tag's, say): the list, newest
// first, is the articles in descending order of their ids, because an
// article's createdAt is the time of its id. Racing creates make the
// clock move between the two, if there are two readings of it.
func TestIDsSortAsTheList(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		const n = 300
		if won := storagetest.Race(t, c, "create", n, func(i int) map[string]any {
			return article(fmt.Sprint("u", i%3), fmt.Sprint("t", i))
		}, "no error expected"); won != n {
			t.Fatalf("%d of %d creates succeeded, want all", won, n)
		}
		var ids []string
		for offset := 0; offset < n; offset += maxLimit {
			for _, r := range call(t, c, "_list", map[string]any{"limit": maxLimit, "offset": offset}).Rows {
				id := r["article"].(string)
				if at := idTime(t, id); r["createdAt"] != at {
					t.Errorf("article %s: createdAt %v, want its id's time, %s", id, r["createdAt"], at)
				}
				ids = append(ids, id)
			}
		}
		if !slices.IsSortedFunc(ids, func(a, b string) int { return strings.Compare(b, a) }) || len(ids) != n {
			t.Fatalf("_list gave %d ids, not in descending order: %v", len(ids), ids)
		}
	})
}

// idTime returns the time of a UUIDv7 as a timestamp.
func idTime(t *testing.T, id string) string {
	t.Helper()
	u, err := uuid.Parse(id)
	if err != nil || u.Version() != 7 {
		t.Fatalf("article id %q is not a UUIDv7: %v", id, err)
	}
	return concepts.Timestamp(time.Unix(u.Time().UnixTime()))
}
