package e2e

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// concurrently sends n requests at once, request i made by req(i), and
// returns the replies in order; a request that gets no JSON reply fails
// the test.
func concurrently(t *testing.T, n int, req func(i int) (method, path, token string, body any)) []reply {
	t.Helper()
	replies := make([]reply, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			method, path, token, body := req(i)
			<-start
			replies[i], errs[i] = send(method, path, token, body)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("request %d: %v%s", i, err, trace(replies[i].flow))
		}
	}
	return replies
}

// statuses counts the replies by status.
func statuses(rs []reply) map[int]int {
	out := map[int]int{}
	for _, r := range rs {
		out[r.status]++
	}
	return out
}

func TestConcurrentRegistrationsOfOneUsername(t *testing.T) {
	const n = 20
	name := unique("race")
	users := make([]user, n)
	for i := range users {
		users[i] = user{name: name, email: fmt.Sprintf("%s.%d@example.com", name, i), password: "pw"}
	}
	rs := concurrently(t, n, func(i int) (string, string, string, any) {
		return http.MethodPost, "/users", "", users[i].registration()
	})
	if got := statuses(rs); got[http.StatusCreated] != 1 || got[http.StatusUnprocessableEntity] != n-1 {
		t.Fatalf("statuses %v, want one 201 and %d 422", got, n-1)
	}
	winner := -1
	for i, r := range rs {
		if r.status == http.StatusCreated {
			winner = i
		} else {
			r.errorMessages(t)
		}
	}
	expect(t, http.StatusOK, http.MethodGet, "/profiles/"+name, "", nil)
	for i, u := range users {
		login := map[string]any{"user": map[string]any{"email": u.email, "password": u.password}}
		r := do(t, http.MethodPost, "/users/login", "", login)
		if (r.status == http.StatusOK) != (i == winner) {
			t.Errorf("login as %s (winner: %v): %d %s", u.email, i == winner, r.status, r.raw)
		}
	}
	t.Run("a loser's email is still free", func(t *testing.T) {
		loser := users[(winner+1)%n]
		loser.name = unique("again")
		expect(t, http.StatusCreated, http.MethodPost, "/users", "", loser.registration())
	})
}

func TestConcurrentFavorites(t *testing.T) {
	const n = 20
	author := register(t, "popular")
	a := post(t, author, "Popular "+author.name)
	fans := make([]user, n)
	for i := range fans {
		fans[i] = newUser("fan")
	}
	for i, r := range concurrently(t, n, func(i int) (string, string, string, any) {
		return http.MethodPost, "/users", "", fans[i].registration()
	}) {
		if r.status != http.StatusCreated {
			t.Fatalf("registering %s: %d %s", fans[i].name, r.status, r.raw)
		}
		var out struct{ User struct{ Token string } }
		r.decode(t, &out)
		fans[i].token = out.User.Token
	}
	count := func() int {
		return expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug, "", nil).article(t).FavoritesCount
	}
	favor := func(method string, token func(i int) string) {
		t.Helper()
		for i, r := range concurrently(t, n, func(i int) (string, string, string, any) {
			return method, "/articles/" + a.Slug + "/favorite", token(i), nil
		}) {
			if r.status != http.StatusOK {
				t.Fatalf("%s favorite as request %d: %d %s%s", method, i, r.status, r.raw, trace(r.flow))
			}
			if got := r.article(t); got.Favorited != (method == http.MethodPost) {
				t.Errorf("%s favorite as request %d: favorited %v", method, i, got.Favorited)
			}
		}
	}
	favor(http.MethodPost, func(i int) string { return fans[i].token })
	if got := count(); got != n {
		t.Fatalf("favoritesCount %d after %d users favorited at once, want %d", got, n, n)
	}
	l := listArticles(t, "/articles?favorited="+fans[7].name, "")
	wantArticles(t, "a fan's favorites", l, []string{a.Slug}, 1)

	favor(http.MethodDelete, func(i int) string { return fans[i].token })
	if got := count(); got != 0 {
		t.Fatalf("favoritesCount %d after all %d unfavorited at once, want 0", got, n)
	}
	favor(http.MethodPost, func(int) string { return fans[0].token })
	if got := count(); got != 1 {
		t.Fatalf("favoritesCount %d after one user favorited %d times at once, want 1", got, n)
	}
}
