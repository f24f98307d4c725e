// Command conduitbench load-tests Conduit (specs/) as served by one or
// more legible binaries, one after the other in the same run, on fresh
// embedded stores over loopback, and prints a table of requests per second
// and median latency with each binary's ratio to the first:
//
//   - GET /api/articles over each -articles count of seeded articles,
//     anonymous and with a reader's token (who follows half the authors
//     and favorites every fifth article); filtered by a tag that every
//     article has, by the reader's favorites, and by one of the ten
//     authors; and GET /api/tags;
//   - GET /api/articles/:slug and POST /api/articles, over the first count;
//   - the favorites hot spot, over the first count: each client, as a
//     user of its own, favorites an article and unfavorites it, then
//     the next of its own, so that every request writes, and different
//     clients write different favorites of different articles;
//   - POST /api/users, with bcrypt at its default cost and at its minimum;
//
// each at every -c level, and each server's resident memory after its
// loads. With -plain, the lists are also loaded from plainconduit, a
// plain net/http handler, on the store of the last -bin (which must be
// this version's, on the embedded store): the limit of what the engine
// can reach. With -postgres label=N, the binary of that label serves on
// PostgreSQL, a fresh schema for each store, as N replicas (processes) on
// the ports from -addr's on, the clients spread over them: DATABASE_URL's
// server, or, when it is unset, a throwaway cluster that conduitbench
// starts (initdb must be installed) and removes.
//
//	go run ./internal/conduitbench -bin before=/tmp/old/legible@/tmp/old/specs -bin after=.bench/legible
//	go run ./internal/conduitbench -bin sqlite=.bench/legible -bin postgres=.bench/legible -postgres postgres=1
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/internal/load"
)

// bins is the -bin flag: label=path, repeated.
type bins []bin

// bin is a binary under test, the specs it serves, and how: "" as
// serve does by default, "dev" with --dev, "console" with --dev and a
// console page open through the loads, which reads its live stream slowly.
type bin struct{ label, path, specs, mode string }

// String writes the flag's value.
func (b *bins) String() string { return fmt.Sprint(*b) }

// Set adds a label=path, or label=path@specs for a binary that serves
// other specs than specs/ (an older version's), each with ,dev or
// ,console after it to serve with --dev, and a console open.
func (b *bins) Set(v string) error {
	v, mode, _ := strings.Cut(v, ",")
	label, path, ok := strings.Cut(v, "=")
	path, specs, _ := strings.Cut(path, "@")
	if !ok || label == "" || path == "" || (mode != "" && mode != "dev" && mode != "console") {
		return fmt.Errorf("want label=path or label=path@specs, with ,dev or ,console after it or not, e.g. after=.bench/legible,dev")
	}
	if specs == "" {
		specs = "specs"
	}
	*b = append(*b, bin{label, path, specs, mode})
	return nil
}

// config is what the flags say.
type config struct {
	bins     bins
	postgres replicas // the binaries that serve on PostgreSQL, and how many replicas each
	clients  []int
	articles []int
	dur      time.Duration
	addr     string
	work     string
	plain    string
	pg       *postgresServer // started when a binary serves on PostgreSQL
}

func main() {
	c := config{postgres: replicas{}}
	flag.Var(&c.postgres, "postgres", "label=N: the binary of that label serves on PostgreSQL (DATABASE_URL, or a throwaway cluster), as N replicas; repeat it for others")
	flag.Var(&c.bins, "bin", "a binary to measure, as label=path (or label=path@specs, to serve other specs than specs/), and ,dev to serve it with --dev or ,console to serve it so with a console page open; repeat it: the first is the baseline of the ratios")
	clients := flag.String("c", "1,32", "comma-separated numbers of concurrent clients")
	articles := flag.String("articles", "1000,5000", "comma-separated numbers of articles to seed, one store each")
	flag.DurationVar(&c.dur, "d", 5*time.Second, "duration of each run")
	flag.StringVar(&c.addr, "addr", "127.0.0.1:18080", "address the servers listen on (loopback)")
	flag.StringVar(&c.work, "work", ".bench", "folder for the stores and the servers' logs")
	flag.StringVar(&c.plain, "plain", "", "a plainconduit binary: load the lists from it too, on the store of the last -bin")
	flag.Parse()
	var err error
	if c.clients, err = numbers(*clients); err == nil {
		c.articles, err = numbers(*articles)
	}
	if err == nil && len(c.bins) == 0 {
		err = fmt.Errorf("no -bin; give at least one, e.g. -bin after=.bench/legible")
	}
	if err == nil {
		err = c.check()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "conduitbench:", err)
		os.Exit(2)
	}
	t := &table{labels: labels(c.bins)}
	if c.plain != "" {
		t.labels = append(t.labels, plainLabel)
	}
	err = c.run(t)
	if c.pg != nil {
		c.pg.stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "conduitbench:", err)
		os.Exit(1)
	}
	t.print(os.Stdout)
}

// check refuses a -postgres label that no -bin has, and -plain when the
// last -bin serves on PostgreSQL.
func (c *config) check() error {
	for label := range c.postgres {
		if !slices.Contains(labels(c.bins), label) {
			return fmt.Errorf("-postgres %s: no -bin has the label %s; give -bin %s=PATH too", label, label, label)
		}
	}
	if _, pg := c.postgres[c.bins[len(c.bins)-1].label]; pg && c.plain != "" {
		return fmt.Errorf("-plain reads the embedded store of the last -bin, which serves on PostgreSQL; put another last")
	}
	return nil
}

// numbers reads a comma-separated list of positive numbers.
func numbers(list string) ([]int, error) {
	var out []int
	for s := range strings.SplitSeq(list, ",") {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n < 1 {
			return nil, fmt.Errorf("bad number %q in %q", s, list)
		}
		out = append(out, n)
	}
	return out, nil
}

// labels returns the labels of the binaries.
func labels(bs bins) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.label
	}
	return out
}

// run runs every scenario for every binary, binary after binary within a
// scenario, and fills t.
func (c *config) run(t *table) error {
	for i, n := range c.articles {
		for b, bn := range c.bins {
			if err := c.reads(t, b, bn, n, i == 0); err != nil {
				return fmt.Errorf("%s, %d articles: %w", bn.label, n, err)
			}
		}
	}
	for _, cost := range []string{"default", "min"} {
		for b, bn := range c.bins {
			if err := c.registrations(t, b, bn, cost); err != nil {
				return fmt.Errorf("%s, POST /users: %w", bn.label, err)
			}
		}
	}
	return nil
}

// authors is how many authors write the seeded articles.
const authors = 10

// plainLabel is the label of plainconduit's column.
const plainLabel = "plain"

// reads seeds n articles on a fresh store served by bn, and loads the
// lists, and with first also one article, creates and the favorites hot
// spot. After the last binary, plainconduit loads the lists on its store.
func (c *config) reads(t *table, b int, bn bin, n int, first bool) error {
	srv, err := c.serve(bn, fmt.Sprintf("articles%d", n), "min")
	if err != nil {
		return err
	}
	defer srv.Stop()
	if bn.mode == "console" {
		page := openConsole("http://" + srv.hosts[0])
		defer func() { fmt.Fprintf(os.Stderr, "conduitbench: %s: the console page %s\n", bn.label, page.close()) }()
	}
	fmt.Fprintf(os.Stderr, "conduitbench: %s: seeding %d articles\n", bn.label, n)
	data, err := conduitseed.Seed(srv.api(), conduitseed.Options{Articles: n, Authors: authors, Clients: 4, Fans: slices.Max(c.clients)})
	if err != nil {
		return err
	}
	reader := authorization(data.Reader)
	c.load(t, b, fmt.Sprintf("GET /api/articles (%d articles)", n), srv.request("GET", "/articles", "", nil))
	c.load(t, b, fmt.Sprintf("GET /api/articles (%d articles, token)", n), srv.request("GET", "/articles", "", reader))
	c.filters(t, b, srv, n, data)
	if first {
		slug := data.Slugs[len(data.Slugs)/2]
		c.load(t, b, "GET /api/articles/:slug", srv.request("GET", "/articles/"+slug, "", nil))
		c.load(t, b, "GET /api/articles/:slug (token)", srv.request("GET", "/articles/"+slug, "", reader))
		body := `{"article": {"title": "Load {n}", "description": "a load test", "body": "Some text.", "tagList": ["load", "test"]}}`
		c.load(t, b, "POST /api/articles", srv.request("POST", "/articles", body, authorization(data.Author)))
		c.hotspot(t, b, srv, data)
	}
	t.memory(fmt.Sprintf("RSS after the loads (%d articles)", n), b, srv.RSS())
	t.memory(fmt.Sprintf("peak RSS (%d articles)", n), b, srv.PeakRSS())
	if c.plain == "" || b != len(c.bins)-1 {
		return nil
	}
	srv.Stop()
	return c.plainReads(t, n, reader)
}

// filters loads the list of n seeded articles filtered by a tag that
// all of them have, by the reader's favorites (every fifth article), and
// by an author's (one in authors), and then the tags.
func (c *config) filters(t *table, b int, srv *group, n int, data *conduitseed.Data) {
	filters := []struct{ what, query string }{
		{fmt.Sprintf("?tag (all %d articles)", n), "tag=" + conduitseed.Every},
		{fmt.Sprintf("?favorited (%d of %d articles)", (n+4)/5, n), "favorited=" + data.ReaderName},
		{fmt.Sprintf("?author (%d of %d articles)", (n+authors-1)/authors, n), "author=" + data.AuthorName},
	}
	for _, f := range filters {
		c.load(t, b, "GET /api/articles"+f.what, srv.request("GET", "/articles?"+f.query, "", nil))
	}
	c.load(t, b, fmt.Sprintf("GET /api/tags (%d articles)", n), srv.request("GET", "/tags", "", nil))
}

// plainReads loads the lists of n articles from plainconduit, on the
// store the last binary seeded.
func (c *config) plainReads(t *table, n int, reader map[string][]string) error {
	data := filepath.Join(c.work, fmt.Sprintf("data-articles%d", n))
	srv, err := load.Start(fmt.Sprintf("%s -data %s -addr %s", c.plain, data, c.addr),
		[]string{"LEGIBLE_TOKEN_SECRET=conduitbench"}, filepath.Join(c.work, fmt.Sprintf("plain-articles%d.log", n)))
	if err != nil {
		return err
	}
	defer srv.Stop()
	if err := load.WaitHealthy("http://"+c.addr, 60*time.Second); err != nil {
		return err
	}
	api := "http://" + c.addr + "/api"
	b := len(t.labels) - 1
	c.load(t, b, fmt.Sprintf("GET /api/articles (%d articles)", n), load.Request{Method: "GET", URL: api + "/articles"})
	c.load(t, b, fmt.Sprintf("GET /api/articles (%d articles, token)", n), load.Request{Method: "GET", URL: api + "/articles", Header: reader})
	return nil
}

// registrations loads POST /api/users on a fresh store served by bn, with
// bcrypt at the cost ("default" or "min").
func (c *config) registrations(t *table, b int, bn bin, cost string) error {
	srv, err := c.serve(bn, "users-"+cost, cost)
	if err != nil {
		return err
	}
	defer srv.Stop()
	body := `{"user": {"username": "u{n}", "email": "u{n}@example.com", "password": "password"}}`
	c.load(t, b, "POST /api/users (bcrypt "+cost+")", srv.request("POST", "/users", body, nil))
	return nil
}

// load runs req at every -c level, into t's row what.
func (c *config) load(t *table, b int, what string, req load.Request) {
	for _, n := range c.clients {
		res := load.Run(req, n, c.dur)
		fmt.Fprintf(os.Stderr, "conduitbench: %s: %s: %s\n", t.labels[b], what, res)
		t.add(what, n, b, res)
	}
}

// authorization is the header that sends a token.
func authorization(token string) map[string][]string {
	return map[string][]string{"Authorization": {"Token " + token}}
}
