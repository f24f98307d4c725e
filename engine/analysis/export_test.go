package analysis

import (
	"slices"
	"testing"

	"github.com/legible/legible/engine/spec"
)

// TestHandlers checks the syncs that can fire in the login's flow of
// Conduit, in the order they become able to: the request's, those of the
// login's success and the token, then that of its error; and that every
// route has its syncs.
func TestHandlers(t *testing.T) {
	sp := repoSpec(t)
	handlers := Handlers(sp)
	var login *spec.Route
	for _, r := range sp.Routes {
		if r.String() == "POST /users/login" {
			login = r
		}
	}
	var names []string
	for _, s := range handlers[login] {
		names = append(names, s.Name.Name)
	}
	want := []string{"Login", "LoginToken", "LoginRespond", "LoginError"}
	if !slices.Equal(names, want) {
		t.Errorf("the syncs of POST /users/login are %v, want %v", names, want)
	}
	if got, want := len(handlers), len(Routes(sp)); got != want {
		t.Errorf("%d routes have handlers, want each of the %d routes", got, want)
	}
}
