package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/legible/legible/storage/sqlite"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

// crashRounds is how many times TestCrashLeavesNoHalfDoneFlow kills the
// server under load, and crashTags how many tags each article it posts
// has.
const crashRounds, crashTags = 3, 50

// TestCrashLeavesNoHalfDoneFlow runs the real binary on one database,
// the embedded store or PostgreSQL, writes to it from concurrent clients,
// kills the binary with SIGKILL in the middle, restarts it on the same
// database, and checks through the API (and, at the end, in the database)
// that every acknowledged write is there and no flow is half done.
func TestCrashLeavesNoHalfDoneFlow(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		data := t.TempDir()
		crashes(t, nil, "--data", data)
		checkNoOrphans(t, sqliteCounter(t, data), "json_extract(doc, '$.item')")
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.URL(t)
		crashes(t, []string{"DATABASE_URL=" + url})
		checkNoOrphans(t, postgresCounter(t, url), "doc ->> 'item'")
	})
}

// crashes kills the binary, served with env and args, under load
// crashRounds times, each time checking after a restart that nothing
// acknowledged is lost and nothing is half done.
func crashes(t *testing.T, env []string, args ...string) {
	t.Helper()
	bin := buildLegible(t)
	args = append([]string{"--specs", specsDir}, args...)
	l := &ledger{}
	for round := range crashRounds {
		p := startServe(t, bin, "", env, args...)
		l.load(p.site, round, 12, time.Duration(300+rand.IntN(400))*time.Millisecond, p.kill)
		p = startServe(t, bin, "", env, args...)
		l.check(t, p.site, round)
		p.stop(t)
	}
}

// outcome is what a client knows of a write: acknowledged (a 2xx reply),
// refused (another reply), or unknown (no reply: the server was killed).
type outcome int

// The outcomes.
const (
	none outcome = iota // not tried
	unknown
	acked
	refused
)

// outcomeOf sorts a reply.
func outcomeOf(r reply, err error) outcome {
	switch {
	case err != nil && r.status == 0:
		return unknown
	case r.status >= 200 && r.status < 300:
		return acked
	}
	return refused
}

// The writes the ledger keeps.
type (
	signup struct {
		u   user
		out outcome
	}
	posting struct {
		author  *signup
		title   string
		tags    []string
		slug    string // when acknowledged
		out     outcome
		deleted outcome
	}
	favorite struct {
		fan *signup
		on  *posting
		out outcome
	}
	remark struct {
		by  *signup
		on  *posting
		id  int // when acknowledged
		out outcome
	}
)

// ledger records every write the clients try, and what they know of it.
type ledger struct {
	mu        sync.Mutex
	signups   []*signup
	postings  []*posting
	favorites []*favorite
	remarks   []*remark
}

// load runs workers clients writing to st until, after d, kill kills the
// server; then it waits for them.
func (l *ledger) load(st *site, round, workers int, d time.Duration, kill func()) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { l.work(st, round, w, stop) })
	}
	time.Sleep(d)
	kill()
	close(stop)
	wg.Wait()
}

// work is one client: it registers, then posts, favorites, comments and
// deletes until the server dies or stop is closed.
func (l *ledger) work(st *site, round, w int, stop <-chan struct{}) {
	s := &signup{u: newUser(fmt.Sprintf("crash%d", round))}
	r, err := st.send(http.MethodPost, "/users", "", s.u.registration())
	s.out = outcomeOf(r, err)
	l.add(func() { l.signups = append(l.signups, s) })
	if s.out != acked {
		return
	}
	s.u.token = tokenOf(r)
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		if !l.step(st, s, fmt.Sprintf("r%dw%dn%d%s", round, w, n, runTag)) {
			return
		}
	}
}

// step makes one round of writes as s; false once the server is gone.
func (l *ledger) step(st *site, s *signup, key string) bool {
	p := &posting{author: s, title: "Crash " + key}
	for i := range crashTags { // many tags, so that a flow spends a while between its first write and its last
		p.tags = append(p.tags, fmt.Sprintf("%st%02d", key, i))
	}
	r, err := st.send(http.MethodPost, "/articles", s.u.token, newArticle(p.title, p.tags...))
	if p.out = outcomeOf(r, err); p.out == acked {
		p.slug = wrappedSlug(r)
	}
	l.add(func() { l.postings = append(l.postings, p) })
	if p.out == unknown {
		return false
	}
	if on := l.pick(); on != nil {
		f := &favorite{fan: s, on: on}
		r, err = st.send(http.MethodPost, "/articles/"+on.slug+"/favorite", s.u.token, nil)
		f.out = outcomeOf(r, err)
		l.add(func() { l.favorites = append(l.favorites, f) })
	}
	if on := l.pick(); on != nil {
		c := &remark{by: s, on: on}
		r, err = st.send(http.MethodPost, "/articles/"+on.slug+"/comments", s.u.token, map[string]any{"comment": map[string]any{"body": "on " + on.title}})
		if c.out = outcomeOf(r, err); c.out == acked {
			c.id = commentID(r)
		}
		l.add(func() { l.remarks = append(l.remarks, c) })
	}
	if rand.IntN(3) == 0 && p.out == acked {
		r, err = st.send(http.MethodDelete, "/articles/"+p.slug, s.u.token, nil)
		out := outcomeOf(r, err)
		l.add(func() { p.deleted = out })
	}
	return err == nil
}

// add changes the ledger under its lock.
func (l *ledger) add(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f()
}

// pick returns a random acknowledged, undeleted article, or nil.
func (l *ledger) pick() *posting {
	l.mu.Lock()
	defer l.mu.Unlock()
	var live []*posting
	for _, p := range l.postings {
		if p.out == acked && p.deleted == none {
			live = append(live, p)
		}
	}
	if len(live) == 0 {
		return nil
	}
	return live[rand.IntN(len(live))]
}

// tokenOf returns the token of a user reply, or "".
func tokenOf(r reply) string {
	u, _ := r.body["user"].(map[string]any)
	s, _ := u["token"].(string)
	return s
}

// wrappedSlug returns the slug of an article reply, or "".
func wrappedSlug(r reply) string {
	a, _ := r.body["article"].(map[string]any)
	s, _ := a["slug"].(string)
	return s
}

// commentID returns the id of a comment reply, or 0.
func commentID(r reply) int {
	c, _ := r.body["comment"].(map[string]any)
	id, _ := c["id"].(float64)
	return int(id)
}

// check checks, after the restart that follows round, that every
// acknowledged write is there and nothing is half done; writes of unknown
// outcome are there whole or not at all, and what did not commit can be
// made again.
func (l *ledger) check(t *testing.T, st *site, round int) {
	t.Helper()
	l.checkSignups(t, st)
	listed := l.checkPostings(t, st)
	checkTags(t, st, listed)
	l.checkFavorites(t, st, listed)
	l.checkRemarks(t, st, listed)
	t.Logf("round %d: %d users, %d articles listed, %d favorites, %d comments tried", round, len(l.signups), len(listed),
		len(l.favorites), len(l.remarks))
}

// checkSignups: an account logs in, with its profile; a registration
// that did not commit can be made again, its name and email free.
func (l *ledger) checkSignups(t *testing.T, st *site) {
	t.Helper()
	for _, s := range l.signups {
		r := st.login(t, s.u.email, s.u.password)
		switch {
		case r.status == http.StatusOK:
			if u, _ := r.body["user"].(map[string]any); u["username"] != s.u.name {
				t.Fatalf("%s logs in as %v, want the username %s: an account without its profile", s.u.email, u["username"], s.u.name)
			}
		case s.out == acked:
			t.Fatalf("the acknowledged registration of %s is lost: login %d %s", s.u.email, r.status, r.raw)
		default:
			r = st.expect(t, http.StatusCreated, http.MethodPost, "/users", "", s.u.registration())
			s.u.token = tokenOf(r)
		}
		s.out = acked
	}
}

// checkPostings: the list holds every acknowledged, undeleted article,
// each with all its tags, and no other than were tried; an article that
// did not commit can be posted again under its own slug. It returns the
// listed articles by slug.
func (l *ledger) checkPostings(t *testing.T, st *site) map[string]article {
	t.Helper()
	listed := allArticles(t, st)
	byTitle := map[string]*posting{}
	for _, p := range l.postings {
		byTitle[p.title] = p
	}
	for slug, a := range listed {
		p := byTitle[a.Title]
		if p == nil {
			t.Fatalf("article %s (%q) was never posted", slug, a.Title)
		}
		if got := slices.Sorted(slices.Values(a.TagList)); !slices.Equal(got, p.tags) {
			t.Fatalf("article %s has the tags %v, want %v: an article without its tags", slug, got, p.tags)
		}
		if p.deleted == acked {
			t.Fatalf("article %s is listed after its delete was acknowledged", slug)
		}
		p.out, p.slug = acked, slug
	}
	for _, p := range l.postings {
		if _, ok := listed[p.slug]; ok || p.deleted == acked || p.deleted == unknown {
			continue
		}
		if p.out == acked {
			t.Fatalf("the acknowledged article %s (%q) is lost", p.slug, p.title)
		}
		r := st.expect(t, http.StatusCreated, http.MethodPost, "/articles", p.author.u.token, newArticle(p.title, p.tags...))
		slug := wrappedSlug(r)
		if want := strings.ToLower(strings.ReplaceAll(p.title, " ", "-")); slug != want {
			t.Fatalf("posting %q again gave the slug %s, want %s: a slug was kept by a flow that did not commit", p.title, slug, want)
		}
		p.out, p.slug = acked, slug
		listed[slug] = r.article(t)
	}
	return listed
}

// allArticles reads every article, page by page, and checks that
// articlesCount is the number of articles the pages hold.
func allArticles(t *testing.T, st *site) map[string]article {
	t.Helper()
	out := map[string]article{}
	total := -1
	for offset := 0; ; offset += 100 {
		l := st.expect(t, http.StatusOK, http.MethodGet, fmt.Sprintf("/articles?limit=100&offset=%d", offset), "", nil).articles(t)
		if total >= 0 && *l.ArticlesCount != total {
			t.Fatalf("articlesCount changed from %d to %d between pages", total, *l.ArticlesCount)
		}
		total = *l.ArticlesCount
		for _, a := range l.Articles {
			out[a.Slug] = a
		}
		if len(l.Articles) < 100 {
			break
		}
	}
	if len(out) != total {
		t.Fatalf("the pages hold %d articles, and articlesCount says %d", len(out), total)
	}
	return out
}

// checkTags: /tags holds exactly the tags of the listed articles, and
// each tag lists its article.
func checkTags(t *testing.T, st *site, listed map[string]article) {
	t.Helper()
	var tags struct{ Tags []string }
	st.expect(t, http.StatusOK, http.MethodGet, "/tags", "", nil).decode(t, &tags)
	var want []string
	for _, a := range listed {
		want = append(want, a.TagList...)
	}
	slices.Sort(want)
	if !slices.Equal(tags.Tags, want) {
		t.Fatalf("/tags holds %d tags, the listed articles %d: a tag outlived its article, or an article lost one", len(tags.Tags), len(want))
	}
	for slug, a := range listed {
		l := st.expect(t, http.StatusOK, http.MethodGet, "/articles?tag="+a.TagList[0], "", nil).articles(t)
		if !slices.Equal(slugs(l.Articles), []string{slug}) || *l.ArticlesCount != 1 {
			t.Fatalf("the tag %s lists %v (count %d), want %s", a.TagList[0], slugs(l.Articles), *l.ArticlesCount, slug)
		}
	}
}

// checkFavorites: each user's favorites hold the acknowledged ones of
// listed articles, only listed articles, and add up to each article's
// favoritesCount.
func (l *ledger) checkFavorites(t *testing.T, st *site, listed map[string]article) {
	t.Helper()
	fans := map[string]int{}
	for _, s := range l.signups {
		r := st.expect(t, http.StatusOK, http.MethodGet, "/articles?limit=100&favorited="+s.u.name, "", nil).articles(t)
		liked := slugs(r.Articles)
		for _, slug := range liked {
			if _, ok := listed[slug]; !ok {
				t.Fatalf("%s's favorites hold %s, which is not listed", s.u.name, slug)
			}
			fans[slug]++
		}
		for _, f := range l.favorites {
			if _, live := listed[f.on.slug]; live && f.fan == s && f.out == acked && !slices.Contains(liked, f.on.slug) {
				t.Fatalf("the acknowledged favorite of %s by %s is lost", f.on.slug, s.u.name)
			}
		}
	}
	for slug, a := range listed {
		if a.FavoritesCount != fans[slug] {
			t.Fatalf("%s has favoritesCount %d, and %d users have it among their favorites", slug, a.FavoritesCount, fans[slug])
		}
	}
}

// checkRemarks: the acknowledged comments of listed articles are there.
func (l *ledger) checkRemarks(t *testing.T, st *site, listed map[string]article) {
	t.Helper()
	for slug := range listed {
		var ids []int
		for _, c := range st.expect(t, http.StatusOK, http.MethodGet, "/articles/"+slug+"/comments", "", nil).comments(t) {
			ids = append(ids, c.ID)
		}
		for _, c := range l.remarks {
			if c.on.slug == slug && c.out == acked && !slices.Contains(ids, c.id) {
				t.Fatalf("the acknowledged comment %d on %s is lost", c.id, slug)
			}
		}
	}
}

// counter runs an SQL query of a count on a database.
type counter func(query string) (int, error)

// sqliteCounter reads the database file of the embedded store in data.
func sqliteCounter(t *testing.T, data string) counter {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, sqlite.File)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return func(query string) (n int, err error) {
		return n, db.QueryRowContext(context.Background(), query).Scan(&n)
	}
}

// postgresCounter reads the PostgreSQL database of url.
func postgresCounter(t *testing.T, url string) counter {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return func(query string) (n int, err error) {
		return n, conn.QueryRow(ctx, query).Scan(&n)
	}
}

// checkNoOrphans reads the stopped server's database, in which item is
// the SQL of a document's field item: no tag, favorite or comment
// outlives its article, and every account has its profile and every
// profile its account.
func checkNoOrphans(t *testing.T, count counter, item string) {
	t.Helper()
	orphans := []struct{ what, query string }{
		{"tags without their article", `SELECT count(*) FROM "Tagging.tags" WHERE ` + item + ` NOT IN (SELECT id FROM "Article.articles")`},
		{"favorites without their article", `SELECT count(*) FROM "Favoriting.favorites" WHERE ` + item + ` NOT IN (SELECT id FROM "Article.articles")`},
		{"comments without their article", `SELECT count(*) FROM "Commenting.comments" WHERE ` + item + ` NOT IN (SELECT id FROM "Article.articles")`},
		{"accounts without a profile", `SELECT count(*) FROM "Authenticating.users" WHERE id NOT IN (SELECT id FROM "Profile.profiles")`},
		{"profiles without an account", `SELECT count(*) FROM "Profile.profiles" WHERE id NOT IN (SELECT id FROM "Authenticating.users")`},
	}
	for _, o := range orphans {
		n, err := count(o.query)
		if err != nil {
			t.Fatalf("%s: %v", o.what, err)
		}
		if n != 0 {
			t.Errorf("%d %s in the database after %d crashes", n, o.what, crashRounds)
		}
	}
}
