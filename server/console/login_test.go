package console_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleWithTheAdminToken serves Conduit without --dev, with an
// admin token, and opens the console in headless Chromium as a person
// would: the page asks for the token, a wrong one is refused, and the
// right one opens the console, whose list and live stream then work with
// the token the tab keeps.
func TestConsoleWithTheAdminToken(t *testing.T) {
	const token = "the-admin-token-of-this-test"
	b := newBrowser(t)
	app := serve(t, false, token)
	b.do(t, "opening the console", chromedp.Navigate(app.url+"/_legible/"), chromedp.WaitVisible(chromedp.CSS("#token")))
	b.do(t, "giving a wrong token", chromedp.SetValue(chromedp.CSS("#token"), "wrong"), chromedp.Click(chromedp.CSS("#login button")))
	contains(t, "the refusal", b.text(t, "#error:not(:empty)"), "refused")
	b.do(t, "giving the token", chromedp.SetValue(chromedp.CSS("#token"), token), chromedp.Click(chromedp.CSS("#login button")),
		chromedp.WaitVisible(chromedp.CSS("#live.on")))
	status, id, _ := app.do(t, "GET", "/api/tags", "", nil)
	if status != 200 {
		t.Fatalf("GET /api/tags: %d", status)
	}
	contains(t, "the flow's row", b.text(t, `#flows tr[data-id=`+attr(id)+`]`), "GET", "/tags", "200")
	for _, e := range b.errorsSoFar() { // the browser logs the 401 of the page that asks, and of the wrong token
		if !strings.Contains(e, "status of 401") {
			t.Errorf("the pages said something is wrong: %s", e)
		}
	}
}
