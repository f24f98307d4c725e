package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestBadPageParameters sends a limit or an offset that is not a whole
// number to both article lists: 422 naming them. Without a token the
// feed answers 401 alone (lint's answered-twice found it answered both).
// Other routes ignore query parameters they do not read.
func TestBadPageParameters(t *testing.T) {
	u := register(t, "pages")
	for _, path := range []string{"/articles", "/articles/feed"} {
		for _, query := range []string{"?limit=abc", "?offset=-1", "?limit=1.5", "?limit=20&offset=x"} {
			t.Run(path+query, func(t *testing.T) {
				msgs := expect(t, http.StatusUnprocessableEntity, http.MethodGet, path+query, u.token, nil).errorMessages(t)
				if !strings.Contains(msgs[0], "limit and offset must be whole numbers") {
					t.Errorf("GET %s%s: %q, want it to name limit and offset", path, query, msgs)
				}
			})
		}
	}
	expect(t, http.StatusUnauthorized, http.MethodGet, "/articles/feed?limit=abc", "", nil)
	expect(t, http.StatusOK, http.MethodGet, "/tags?limit=abc", "", nil)
	expect(t, http.StatusOK, http.MethodGet, "/articles?limit=0&offset=0", "", nil)
}
