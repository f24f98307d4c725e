package pipeline

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/storage/storagetest"
)

// filterOverhead is how many more values the reads of a filtered page may
// handle than those of the unfiltered page of the same size: the page's
// ids passing from the concept that filters to Article, and a count.
const filterOverhead = 30

// TestFilteredPagesCostThePage checks that a page of articles filtered by
// a tag, a fan or an author reads what the page holds, not what the
// filter matches: over 100 seeded articles, all with the tag seed, a fifth of them favorited by the reader, a page of 5
// filtered by each handles at most filterOverhead values more than the
// page of 5 unfiltered (counted by storagetest.Counting), where reading
// every match would handle three values per match.
func TestFilteredPagesCostThePage(t *testing.T) {
	db, counting := storagetest.Counted(t)
	_, hs, data := seededConduit(t, db, conduitseed.Options{Articles: 100, Authors: 2, Clients: 2})
	defer hs.Close()
	values := func(query string) int64 {
		t.Helper()
		counting.Values()
		resp, err := http.Get(hs.URL + "/api/articles?limit=5&" + query)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/articles?limit=5&%s: %d", query, resp.StatusCode)
		}
		return counting.Values()
	}
	unfiltered := values("")
	for _, query := range []string{"tag=" + conduitseed.Every, "favorited=" + url.QueryEscape(data.ReaderName),
		"author=" + url.QueryEscape(data.AuthorName)} {
		got := values(query)
		t.Logf("a page of 5 by %s: %d values, unfiltered %d", query, got, unfiltered)
		if got > unfiltered+filterOverhead {
			t.Errorf("a page of 5 by %s: its reads handled %d values, the unfiltered page's %d; want at most %d more",
				query, got, unfiltered, filterOverhead)
		}
	}
}
