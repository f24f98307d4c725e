package pipeline

import (
	"net/http"
	"testing"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/storage/storagetest"
)

// TestOperationsPerRequest counts the operations that Conduit's requests
// send to the embedded store, and checks them against the most each may
// take: a page of 20 articles costs one query per where step, for all its
// articles at once. Verifying a token is one read (Tokens checks that its
// user has a record), made once in a flow however many syncs verify it: a
// flow's transaction answers a read it made already from what it
// returned. A favorite reads before its write, reads that again when it
// starts writing (to see that nothing changed), writes, and reads what
// its reply needs.
func TestOperationsPerRequest(t *testing.T) {
	db, counting := storagetest.Counted(t)
	_, hs, data := seededConduit(t, db, conduitseed.Options{Articles: 40, Authors: 10, Clients: 2})
	defer hs.Close()
	cases := []struct {
		what, method, path, token string
		most, writes              int64
	}{
		{"a page of 20 articles", "GET", "/api/articles", "", 5, 0},
		{"a page of 20 articles, with a token", "GET", "/api/articles", data.Reader, 8, 0},
		{"one article", "GET", "/api/articles/" + data.Slugs[7], "", 4, 0},
		{"one article, with a token", "GET", "/api/articles/" + data.Slugs[7], data.Reader, 7, 0},
		{"the feed", "GET", "/api/articles/feed", data.Reader, 8, 0}, // Feed and FeedUnauthorized verify the token: one read
		{"the tags", "GET", "/api/tags", "", 1, 0},
		{"a favorite", "POST", "/api/articles/" + data.Slugs[7] + "/favorite", data.Reader, 10, 1},
	}
	counting.Ops()
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, hs.URL+c.path, nil)
		if c.token != "" {
			req.Header.Set("Authorization", "Token "+c.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		reads, writes := counting.Ops()
		t.Logf("%s: %d reads, %d writes", c.what, reads, writes)
		if resp.StatusCode != http.StatusOK || writes != c.writes || reads > c.most {
			t.Errorf("%s: %d, %d reads and %d writes; want 200, at most %d reads and %d writes", c.what, resp.StatusCode, reads, writes, c.most, c.writes)
		}
	}
}
