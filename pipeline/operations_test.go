package pipeline

import (
	"net/http"
	"testing"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/sqlite"
	"github.com/legible/legible/storage/storagetest"
)

// TestOperationsPerRequest counts the operations that Conduit's reads
// send to the embedded store, and checks them against the most each may
// take: a page of 20 articles costs one query per where step, for all its
// articles at once. Verifying a token is one read (Tokens checks that its
// user has a record), in each sync that verifies it.
func TestOperationsPerRequest(t *testing.T) {
	b, err := sqlite.OpenBackend(t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	counting := &storagetest.Counting{Backend: b}
	db := storage.New(counting)
	t.Cleanup(func() { db.Close() })
	_, hs, data := seededConduit(t, db, conduitseed.Options{Articles: 40, Authors: 10, Clients: 2})
	defer hs.Close()
	cases := []struct {
		what, path, token string
		most              int64
	}{
		{"a page of 20 articles", "/api/articles", "", 5},
		{"a page of 20 articles, with a token", "/api/articles", data.Reader, 8},
		{"one article", "/api/articles/" + data.Slugs[7], "", 5},
		{"one article, with a token", "/api/articles/" + data.Slugs[7], data.Reader, 8},
		{"the feed", "/api/articles/feed", data.Reader, 9}, // Feed and FeedUnauthorized each verify the token
		{"the tags", "/api/tags", "", 1},
	}
	counting.Ops()
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodGet, hs.URL+c.path, nil)
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
		if resp.StatusCode != http.StatusOK || writes != 0 || reads > c.most {
			t.Errorf("%s: %d, %d reads and %d writes; want 200, at most %d reads and no write", c.what, resp.StatusCode, reads, writes, c.most)
		}
	}
}
