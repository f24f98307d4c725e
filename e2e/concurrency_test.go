package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

// eachSetup runs f on each deployment that races must not break: the
// shared server on the embedded store; one server on MongoDB (the tests'
// FerretDB) with a pool of several connections; two servers, replicas,
// sharing one MongoDB database; and three `legible serve` processes
// sharing one PostgreSQL database. Requests go to the servers in turn.
func eachSetup(t *testing.T, f func(t *testing.T, st *site)) {
	t.Run("sqlite", func(t *testing.T) { f(t, api) })
	t.Run("mongodb", func(t *testing.T) { f(t, mongoSite(t, 1)) })
	t.Run("replicas", func(t *testing.T) { f(t, mongoSite(t, 2)) })
	t.Run("postgres", func(t *testing.T) { f(t, postgresSite(t, 3)) })
}

// postgresSite runs n `legible serve` processes, replicas, on one fresh
// PostgreSQL database, until the test ends.
func postgresSite(t *testing.T, n int) *site {
	t.Helper()
	env := []string{"DATABASE_URL=" + pgtest.URL(t)} // dropped when the test ends, after the servers stop
	bin := buildLegible(t)
	st := &site{}
	for range n {
		p := startServe(t, bin, "", env, "--specs", specsDir, "--dev")
		t.Cleanup(func() { p.stop(t) })
		st.servers = append(st.servers, p.site.servers...)
	}
	return st
}

// mongoSite serves n replicas of the app on one fresh MongoDB database,
// each with a pool of mongotest.PoolSize connections, until the test
// ends.
func mongoSite(t *testing.T, n int) *site {
	t.Helper()
	name := mongotest.DBName(t)
	mongotest.MongoDBNamed(t, name, 1) // drops the database when the test ends, after the servers stop
	st := &site{}
	for range n {
		srv, err := startServer(pipeline.ServeOptions{Dir: specsDir, DB: pipeline.DBOptions{MongoURI: mongotest.URI(t), MongoDB: name,
			MongoPool: mongotest.PoolSize, MongoNoTransactions: true}}) // FerretDB has none
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := srv.close(); err != nil {
				t.Error(err)
			}
		})
		st.servers = append(st.servers, srv)
	}
	return st
}

// concurrently sends n requests at once, request i made by req(i), and
// returns the replies in order; a request that gets no JSON reply fails
// the test.
func (st *site) concurrently(t *testing.T, n int, req func(i int) (method, path, token string, body any)) []reply {
	t.Helper()
	replies := make([]reply, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			method, path, token, body := req(i)
			<-start
			replies[i], errs[i] = st.send(method, path, token, body)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("request %d: %v%s", i, err, st.trace(replies[i].flow))
		}
	}
	return replies
}

// all checks that every reply has status want.
func (st *site) all(t *testing.T, what string, rs []reply, want int) {
	t.Helper()
	for i, r := range rs {
		if r.status != want {
			t.Fatalf("%s, request %d: %d %s, want %d%s", what, i, r.status, r.raw, want, st.trace(r.flow))
		}
	}
}

// statuses counts the replies by status.
func statuses(rs []reply) map[int]int {
	out := map[int]int{}
	for _, r := range rs {
		out[r.status]++
	}
	return out
}

// login logs u in; it reports the reply.
func (st *site) login(t *testing.T, email, password string) reply {
	t.Helper()
	return st.do(t, http.MethodPost, "/users/login", "", map[string]any{"user": map[string]any{"email": email, "password": password}})
}

// registerAll registers n fresh users at once.
func (st *site) registerAll(t *testing.T, prefix string, n int) []user {
	t.Helper()
	users := make([]user, n)
	for i := range users {
		users[i] = newUser(prefix)
	}
	rs := st.concurrently(t, n, func(i int) (string, string, string, any) {
		return http.MethodPost, "/users", "", users[i].registration()
	})
	st.all(t, "registering", rs, http.StatusCreated)
	for i, r := range rs {
		var out struct{ User struct{ Token string } }
		r.decode(t, &out)
		users[i].token = out.User.Token
	}
	return users
}

func TestRaceRegistrationsOfOneUsername(t *testing.T) {
	eachSetup(t, func(t *testing.T, st *site) {
		const n = 20
		name := unique("race")
		users := make([]user, n)
		for i := range users {
			users[i] = user{name: name, email: fmt.Sprintf("%s.%d@example.com", name, i), password: "pw"}
		}
		rs := st.concurrently(t, n, func(i int) (string, string, string, any) {
			return http.MethodPost, "/users", "", users[i].registration()
		})
		if got := statuses(rs); got[http.StatusCreated] != 1 || got[http.StatusUnprocessableEntity] != n-1 {
			t.Fatalf("statuses %v, want one 201 and %d 422", got, n-1)
		}
		winner := slices.IndexFunc(rs, func(r reply) bool { return r.status == http.StatusCreated })
		for i, r := range rs {
			if i != winner {
				r.errorMessages(t)
			}
		}
		st.expect(t, http.StatusOK, http.MethodGet, "/profiles/"+name, "", nil)
		for i, u := range users { // one account: the losers have no credentials
			if r := st.login(t, u.email, u.password); (r.status == http.StatusOK) != (i == winner) {
				t.Errorf("login as %s (winner: %v): %d %s", u.email, i == winner, r.status, r.raw)
			}
		}
		loser := users[(winner+1)%n]
		loser.name = unique("again")
		st.expect(t, http.StatusCreated, http.MethodPost, "/users", "", loser.registration()) // its email is free
	})
}

func TestRaceFavorites(t *testing.T) {
	eachSetup(t, func(t *testing.T, st *site) {
		const n = 30
		author := st.register(t, "popular")
		a := st.post(t, author, "Popular "+author.name)
		fans := st.registerAll(t, "fan", n)
		count := func() int {
			return st.expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug, "", nil).article(t).FavoritesCount
		}
		favor := func(method string, token func(i int) string) {
			t.Helper()
			rs := st.concurrently(t, n, func(i int) (string, string, string, any) {
				return method, "/articles/" + a.Slug + "/favorite", token(i), nil
			})
			st.all(t, method+" favorite", rs, http.StatusOK)
			for i, r := range rs {
				if got := r.article(t); got.Favorited != (method == http.MethodPost) {
					t.Errorf("%s favorite as request %d: favorited %v", method, i, got.Favorited)
				}
			}
		}
		favor(http.MethodPost, func(i int) string { return fans[i].token })
		if got := count(); got != n {
			t.Fatalf("favoritesCount %d after %d users favorited at once, want %d", got, n, n)
		}
		var l articleList
		st.expect(t, http.StatusOK, http.MethodGet, "/articles?favorited="+fans[7].name, "", nil).decode(t, &l)
		if !slices.Equal(slugs(l.Articles), []string{a.Slug}) {
			t.Fatalf("a fan's favorites: %v, want %s", slugs(l.Articles), a.Slug)
		}
		favor(http.MethodDelete, func(i int) string { return fans[i].token })
		if got := count(); got != 0 {
			t.Fatalf("favoritesCount %d after all %d unfavorited at once, want 0", got, n)
		}
		favor(http.MethodPost, func(int) string { return fans[0].token })
		if got := count(); got != 1 {
			t.Fatalf("favoritesCount %d after one user favorited %d times at once, want 1", got, n)
		}
	})
}

func TestRaceArticleCreates(t *testing.T) {
	eachSetup(t, func(t *testing.T, st *site) {
		const writers, each = 10, 5
		authors := st.registerAll(t, "writer", writers)
		tag := unique("burst")
		rs := st.concurrently(t, writers*each, func(i int) (string, string, string, any) {
			return http.MethodPost, "/articles", authors[i%writers].token, newArticle(fmt.Sprintf("Burst %s %d", tag, i), tag)
		})
		st.all(t, "creating", rs, http.StatusCreated)
		created := map[string]bool{}
		for _, r := range rs {
			created[r.article(t).Slug] = true
		}
		var l articleList
		st.expect(t, http.StatusOK, http.MethodGet, "/articles?limit=100&tag="+tag, "", nil).decode(t, &l)
		if len(l.Articles) != writers*each || l.ArticlesCount == nil || *l.ArticlesCount != writers*each {
			t.Fatalf("listed %d articles, count %v, after %d creates at once", len(l.Articles), l.ArticlesCount, writers*each)
		}
		for i, a := range l.Articles {
			if !created[a.Slug] {
				t.Fatalf("listed %s, which no create returned, or twice", a.Slug)
			}
			delete(created, a.Slug)
			if i > 0 && a.CreatedAt > l.Articles[i-1].CreatedAt {
				t.Fatalf("article %d (%s) is newer than the one before it (%s): not most recent first", i, a.CreatedAt, l.Articles[i-1].CreatedAt)
			}
		}
	})
}

func TestRaceComments(t *testing.T) {
	eachSetup(t, func(t *testing.T, st *site) {
		const n = 30
		author := st.register(t, "host")
		a := st.post(t, author, "Talk "+author.name)
		guests := st.registerAll(t, "guest", 3)
		rs := st.concurrently(t, n, func(i int) (string, string, string, any) {
			body := map[string]any{"comment": map[string]any{"body": fmt.Sprint("comment ", i)}}
			return http.MethodPost, "/articles/" + a.Slug + "/comments", guests[i%len(guests)].token, body
		})
		st.all(t, "commenting", rs, http.StatusOK)
		ids := map[int]bool{}
		for _, r := range rs {
			ids[r.comment(t).ID] = true
		}
		if len(ids) != n {
			t.Fatalf("%d distinct comment ids among %d comments made at once, want %d", len(ids), n, n)
		}
		listed := st.expect(t, http.StatusOK, http.MethodGet, "/articles/"+a.Slug+"/comments", "", nil).comments(t)
		if len(listed) != n {
			t.Fatalf("%d comments listed, want %d", len(listed), n)
		}
		for _, c := range listed {
			if !ids[c.ID] {
				t.Fatalf("listed comment %d, which no add returned", c.ID)
			}
		}
	})
}

func TestRaceFollows(t *testing.T) {
	eachSetup(t, func(t *testing.T, st *site) {
		const n = 20
		star := st.register(t, "star")
		a := st.post(t, star, "News from "+star.name)
		fans := st.registerAll(t, "follower", n)
		rs := st.concurrently(t, n, func(i int) (string, string, string, any) {
			return http.MethodPost, "/profiles/" + star.name + "/follow", fans[i].token, nil
		})
		st.all(t, "following", rs, http.StatusOK)
		for i, f := range fans {
			if p := st.expect(t, http.StatusOK, http.MethodGet, "/profiles/"+star.name, f.token, nil).profile(t); !p.Following {
				t.Errorf("follower %d does not follow %s", i, star.name)
			}
			var feed articleList
			st.expect(t, http.StatusOK, http.MethodGet, "/articles/feed", f.token, nil).decode(t, &feed)
			if !slices.Equal(slugs(feed.Articles), []string{a.Slug}) {
				t.Errorf("follower %d's feed: %v, want %s", i, slugs(feed.Articles), a.Slug)
			}
		}
	})
}

func TestRaceTwoAccountsToOneUsername(t *testing.T) {
	eachSetup(t, func(t *testing.T, st *site) {
		for round := range 3 {
			users := st.registerAll(t, "swap", 2)
			name := unique("wanted")
			rs := st.concurrently(t, 2, func(i int) (string, string, string, any) {
				change := map[string]any{"user": map[string]any{"username": name, "email": "new." + users[i].email}}
				return http.MethodPut, "/user", users[i].token, change
			})
			if got := statuses(rs); got[http.StatusOK] != 1 || got[http.StatusUnprocessableEntity] != 1 {
				t.Fatalf("round %d: statuses %v, want one 200 and one 422", round, got)
			}
			loser := users[slices.IndexFunc(rs, func(r reply) bool { return r.status != http.StatusOK })]
			if r := st.login(t, loser.email, loser.password); r.status != http.StatusOK {
				t.Fatalf("round %d: the loser cannot log in with its old email: %d %s", round, r.status, r.raw)
			}
			if r := st.login(t, "new."+loser.email, loser.password); r.status == http.StatusOK {
				t.Fatalf("round %d: the loser's email changed though its update was refused", round)
			}
			me := wrapped[struct{ Username string }](t, st.expect(t, http.StatusOK, http.MethodGet, "/user", loser.token, nil), "user")
			if me.Username != loser.name {
				t.Fatalf("round %d: the loser is named %s, want %s", round, me.Username, loser.name)
			}
		}
	})
}
