package console_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestConsoleInABrowser opens the console of Conduit served with --dev in
// headless Chromium, and uses it as a person would: a request made
// meanwhile appears in the live list; its tree shows every sync that
// fired; the near misses of a request no sync answered name the filter
// that was false; the flow becomes a scenario step; the map draws the
// app and a route, shows where a sync is written, and is drawn again
// after a reload; the state view shows the document the request made,
// and finds it by id. No page says anything is wrong.
func TestConsoleInABrowser(t *testing.T) {
	b := newBrowser(t)
	app := serve(t, true, "")
	b.do(t, "opening the console", chromedp.Navigate(app.url+"/_legible/"), chromedp.WaitVisible(chromedp.CSS("#live.on")))

	flows(t, b, app)
	nearMiss(t, b, app)
	appMap(t, b, app)
	stateView(t, b)
	if errs := b.errorsSoFar(); len(errs) > 0 {
		t.Errorf("the pages said something is wrong:\n%s", strings.Join(errs, "\n"))
	}
}

// flows registers a user while the console is open: the flow appears in
// the list without a reload, and its tree shows the syncs that fired;
// then the user writes an article, whose tree shows its tagging.
func flows(t *testing.T, b *browser, app *served) {
	status, id, body := app.do(t, "POST", "/api/users", `{"user": {"username": "ann", "email": "ann@example.com", "password": "hunter22"}}`, nil)
	if status != 201 {
		t.Fatalf("registering: %d", status)
	}
	replied := time.Now()
	row := `#flows tr[data-id=` + attr(id) + `]`
	contains(t, "the flow's row", b.text(t, row), "POST", "/users", "201", "committed")
	t.Logf("the flow appeared %v after its reply", time.Since(replied).Round(time.Millisecond))
	b.click(t, row)
	tree := b.text(t, "#tree")
	for _, s := range firedSyncs(t, app, id) {
		contains(t, "the tree", tree, s)
	}
	contains(t, "the tree", tree, "Requesting.request", "Authenticating.register", "Requesting.respond", `"password":"•••"`)
	b.click(t, `.subtab[data-tab="timeline"]`)
	contains(t, "the timeline", b.text(t, "#timeline"), "Authenticating.register", "Profile.create")
	b.click(t, `.subtab[data-tab="test"]`)
	contains(t, "the step", b.text(t, "#step"), "- POST /users:", "status: 201", "put them back: user.password")
	article(t, b, app, body)
}

// article has the user of a registration's reply write an article, and
// reads the list and the tags: the article's tree shows its tagging.
func article(t *testing.T, b *browser, app *served, registered string) {
	var reply struct{ User struct{ Token string } }
	if err := json.Unmarshal([]byte(registered), &reply); err != nil {
		t.Fatal(err)
	}
	token := map[string]string{"Authorization": "Token " + reply.User.Token}
	status, id, _ := app.do(t, "POST", "/api/articles", `{"article": {"title": "Hello console", "description": "d", "body": "b", "tagList": ["go", "console"]}}`, token)
	if status != 201 {
		t.Fatalf("writing an article: %d", status)
	}
	app.do(t, "GET", "/api/articles", "", token)
	app.do(t, "GET", "/api/tags", "", nil)
	b.click(t, `#flows tr[data-id=`+attr(id)+`]`)
	tree := b.text(t, "#tree")
	for _, s := range firedSyncs(t, app, id) {
		contains(t, "the article's tree", tree, s)
	}
	contains(t, "the article's tree", tree, "Article.create", "Tagging.tag", `"tagList":["go","console"]`)
	b.screenshot(t, "console-flows")
}

// firedSyncs returns the syncs that invoked something in a flow, from its
// trace.
func firedSyncs(t *testing.T, app *served, id string) []string {
	_, _, body := app.do(t, "GET", "/_legible/flows/"+id, "", nil)
	var f struct{ Tree []node }
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func([]node)
	walk = func(ns []node) {
		for _, n := range ns {
			if n.Sync != "" && !slices.Contains(out, n.Sync) {
				out = append(out, n.Sync)
			}
			walk(n.Children)
		}
	}
	walk(f.Tree)
	if len(out) < 3 {
		t.Fatalf("flow %s fired %v: too few syncs for a registration or an article", id, out)
	}
	return out
}

// node is a node of a trace's tree.
type node struct {
	Sync     string
	Children []node
}

// nearMiss asks for a greeting no sync answers: the console shows it
// unanswered, and its near misses name the filter that was false.
func nearMiss(t *testing.T, b *browser, app *served) {
	status, id, _ := app.do(t, "GET", "/api/greeting?name=you", "", nil)
	if status != 504 {
		t.Fatalf("the unanswered greeting: %d, want 504", status)
	}
	row := `#flows tr[data-id=` + attr(id) + `]`
	contains(t, "the unanswered flow's row", b.text(t, row), "/greeting", "504", "unanswered")
	b.click(t, row)
	contains(t, "the near misses", b.text(t, "#misses"), "Greet", "greeting.sync.yaml", "`filter: name == \"world\"`, which was false")
	b.screenshot(t, "console-why")
	b.do(t, "filtering by 5xx", chromedp.SetValue(chromedp.CSS("#f-status"), "5"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-status").dispatchEvent(new Event("input"))`))
	if n := rows(t, b); n != 1 {
		t.Errorf("filtered by 5xx, the list has %d flows, want the one unanswered", n)
	}
	b.do(t, "clearing the filter", chromedp.SetValue(chromedp.CSS("#f-status"), ""),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-status").dispatchEvent(new Event("input"))`))
}

// rows counts the rows of the list of flows.
func rows(t *testing.T, b *browser) int {
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#flows tbody tr").length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// appMap opens the map: the concepts and their syncs, the flow of the
// login, where a sync is written; a new route in the specs appears after
// the reload.
func appMap(t *testing.T, b *browser, app *served) {
	b.click(t, `.tab[data-view="map"]`)
	contains(t, "the concepts' graph", b.text(t, `#drawing[data-route=""]`), "Requesting", "Authenticating", "Article")
	b.click(t, `#routes li[data-route="POST /users/login"]`)
	contains(t, "the login's flow", b.text(t, `#drawing[data-route="POST /users/login"]`), "POST /users/login", "Authenticating.login ✓", "Authenticating.login ✗ error")
	contains(t, "the login's cases", b.text(t, "#cases"), "when Authenticating.login returns an error")
	b.click(t, `#drawing .lbl[data-syncs="LoginError"]`)
	contains(t, "the sync", b.text(t, "#sync-where"), "syncs/users.sync.yaml:")
	b.screenshot(t, "console-map")
	farewell := "Farewell:\n  when:\n    - Requesting.request: { method: \"GET\", path: \"/farewell\" }\n      out: { request }\n" +
		"  then:\n    - Requesting.respond: { request, body: \"bye\" }\n"
	if err := os.WriteFile(filepath.Join(app.dir, "syncs", "farewell.sync.yaml"), []byte(farewell), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(t, "waiting for the reloaded map", chromedp.WaitVisible(chromedp.CSS(`#routes li[data-route="GET /farewell"]`)))
}

// stateView opens Article's collection: the article written is there,
// and is found by its id.
func stateView(t *testing.T, b *browser) {
	b.click(t, `.tab[data-view="state"]`)
	b.click(t, `#concepts li[data-coll="Article.articles"]`)
	doc := b.text(t, "#docs .doc")
	contains(t, "the article", doc, `"title": "Hello console"`)
	b.screenshot(t, "console-state")
	id := strings.SplitN(doc, "\n", 2)[0]
	b.do(t, "looking the profile up", chromedp.SetValue(chromedp.CSS("#lookup-id"), id), chromedp.Click(chromedp.CSS("#lookup button")))
	b.do(t, "waiting for the lookup", chromedp.WaitVisible(chromedp.CSS(`#docs[data-lookup=`+attr(id)+`] .doc[data-id=`+attr(id)+`]`)))
	contains(t, "the page's range", b.text(t, "#range"), "by id")
}
