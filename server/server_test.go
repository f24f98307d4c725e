package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSyncRoutedRequestWithInputs(t *testing.T) {
	ts := newTestServer(t, Options{})
	r := ts.do(t, "POST", "/api/counts/apples", `{"by": 3}`, nil)
	if r.status != 200 || r.body["count"] != 3.0 || r.header.Get(flowHeader) == "" {
		t.Fatalf("add: %d %s (flow %q)", r.status, r.raw, r.header.Get(flowHeader))
	}
	r = ts.do(t, "GET", "/api/counts/apples?note=hi", "", map[string]string{"Authorization": "Token abc"})
	want := map[string]any{"count": 3.0, "note": "hi", "token": "abc"}
	if r.status != 200 || !equalJSON(r.body, want) {
		t.Fatalf("get: %d %s, want %v", r.status, r.raw, want)
	}
	r = ts.do(t, "GET", "/api/counts/apples?note=hi", "", nil)
	if want["token"] = nil; r.status != 200 || !equalJSON(r.body, want) {
		t.Fatalf("get without the auth header: %d %s, want %v", r.status, r.raw, want)
	}
}

func TestOptionalQueryParameters(t *testing.T) {
	ts := newTestServer(t, Options{})
	cases := []struct {
		url  string
		want map[string]any
	}{
		{"/api/query", map[string]any{"note": "none", "query": map[string]any{}}},
		{"/api/query?note=hi&n=1", map[string]any{"note": "hi", "query": map[string]any{"note": "hi", "n": "1"}}},
	}
	for _, c := range cases {
		if r := ts.do(t, "GET", c.url, "", nil); r.status != 200 || !equalJSON(r.body, c.want) {
			t.Errorf("%s: %d %s, want %v", c.url, r.status, r.raw, c.want)
		}
	}
}

// TestRepliesKeepHTMLCharacters: a reply is JSON for API clients, so <,
// > and & are written as they are, not as \u003c escapes for browsers'
// script tags.
func TestRepliesKeepHTMLCharacters(t *testing.T) {
	ts := newTestServer(t, Options{})
	r := ts.do(t, "GET", "/api/query?note=%3Cb%3E%26", "", nil)
	if r.status != 200 || !strings.Contains(r.raw, `"note":"<b>&"`) {
		t.Fatalf("%d %s, want the note <b>& as it is", r.status, r.raw)
	}
}

func TestWrongFieldTypesReachTheApp(t *testing.T) {
	ts := newTestServer(t, Options{})
	// A negative `by` is the concept's to reject; a string for the Number
	// does not fit the action's input, an error outcome too: the app's
	// error sync answers both with 422.
	if r := ts.do(t, "POST", "/api/counts/a", `{"by": -1}`, nil); r.status != 422 {
		t.Fatalf("negative: %d %s, want 422", r.status, r.raw)
	}
	r := ts.do(t, "POST", "/api/counts/a", `{"by": "three"}`, nil)
	if r.status != 422 || !strings.Contains(r.raw, "input `by`: want a number, got a string") || strings.Contains(r.raw, "float") {
		t.Fatalf("string for a number: %d %s, want a 422 naming the input, with no Go detail", r.status, r.raw)
	}
}

func TestErrorReplies(t *testing.T) {
	ts := newTestServer(t, Options{})
	big := `{"by": 1, "pad": "` + strings.Repeat("x", 2000) + `"}`
	for _, tt := range []struct {
		name, method, path, body string
		status                   int
	}{
		{"unknown path", "GET", "/api/nope", "", 404},
		{"no base path", "GET", "/counts/a", "", 404},
		{"wrong method", "DELETE", "/api/counts/a", "", 405},
		{"malformed JSON", "POST", "/api/counts/a", `{"by": `, 400},
		{"not an object", "POST", "/api/counts/a", `[1, 2]`, 400},
		{"a missing input reaches the app as null (the error sync answers)", "POST", "/api/counts/a", `{"count": 1}`, 422},
		{"no sync matches (a literal differs)", "POST", "/api/paint", `{"color": "blue"}`, 400},
		{"too large", "POST", "/api/counts/a", big, 413},
		{"timeout", "GET", "/api/slow", "", 504},
		{"no sync answers", "GET", "/api/silent", "", 504},
		{"failure", "GET", "/api/boom", "", 500},
		{"closed passthrough", "POST", "/api/Counting/_secret", `{"name": "a"}`, 404},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, tt.method, tt.path, tt.body, nil)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.raw)
			}
			errs, _ := r.body["errors"].(map[string]any)
			if msgs, _ := errs["body"].([]any); len(msgs) != 1 {
				t.Fatalf("not a JSON error reply: %s", r.raw)
			}
			if strings.Contains(r.raw, "kaboom") || strings.Contains(r.raw, "goroutine") {
				t.Fatalf("the reply leaks internals: %s", r.raw)
			}
			if tt.status >= 500 && r.body["flow"] == nil {
				t.Fatalf("a %d must name the flow: %s", tt.status, r.raw)
			}
		})
	}
	if r := ts.do(t, "POST", "/api/counts/a", `{"by": 1}`, nil); r.status != 200 {
		t.Fatalf("the server stopped serving well after the errors: %d %s", r.status, r.raw)
	}
}

func TestTimeoutTraceInDevelopmentMode(t *testing.T) {
	ts := newTestServer(t, Options{Dev: true})
	r := ts.do(t, "GET", "/api/slow", "", nil)
	if r.status != 504 || r.body["trace"] == nil {
		t.Fatalf("dev timeout: %d %s, want 504 with the trace", r.status, r.raw)
	}
	start := time.Now()
	ts.do(t, "GET", "/api/slow", "", nil)
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("the 500ms timeout took %v", d)
	}
}

func TestAnswerOnce(t *testing.T) {
	ts := newTestServer(t, Options{Dev: true})
	r := ts.do(t, "POST", "/api/twice", "", nil)
	if r.status != 201 || r.body["n"] != 1.0 {
		t.Fatalf("twice: %d %s, want the first reply", r.status, r.raw)
	}
	// The flow goes on after the reply; its trace is stored when it ends.
	tr := ts.waitTrace(t, r.header.Get(flowHeader), nil)
	if !strings.Contains(tr.raw, "answered already") || strings.Contains(tr.raw, "FAILED") {
		t.Fatalf("the second respond is not an error outcome in the trace: %s", tr.raw)
	}
}

func TestPassthroughOpen(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.do(t, "POST", "/api/counts/pears", `{"by": 2}`, nil)
	r := ts.do(t, "POST", "/api/Counting/_get", `{"name": "pears"}`, nil)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.raw), &rows); err != nil || r.status != 200 || len(rows) != 1 || rows[0]["count"] != 2.0 {
		t.Fatalf("open passthrough: %d %s", r.status, r.raw)
	}
}

func TestFlowsEndpointNeedsTokenOutsideDev(t *testing.T) {
	ts := newTestServer(t, Options{AdminToken: "sesame"})
	id := ts.do(t, "POST", "/api/counts/a", `{"by": 1}`, nil).header.Get(flowHeader)
	if r := ts.do(t, "GET", "/_legible/flows/"+id, "", nil); r.status != 401 || !strings.Contains(r.raw, "$LEGIBLE_ADMIN_TOKEN") {
		t.Fatalf("without token: %d %s, want a 401 that names LEGIBLE_ADMIN_TOKEN", r.status, r.raw)
	}
	r := ts.waitTrace(t, id+"?format=text", map[string]string{"Authorization": "Bearer sesame"})
	if !strings.Contains(r.raw, "[AddRespond] Requesting.respond") {
		t.Fatalf("with token: %d %s", r.status, r.raw)
	}
}

func TestHealthAndCORS(t *testing.T) {
	ts := newTestServer(t, Options{Ready: func(context.Context) error { return nil }})
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := ts.do(t, "GET", p, "", nil); r.status != 200 {
			t.Fatalf("%s: %d", p, r.status)
		}
	}
	r := ts.do(t, "OPTIONS", "/api/counts/a", "", map[string]string{"Origin": "https://example.com", "Access-Control-Request-Method": "POST"})
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "https://example.com" {
		t.Fatalf("CORS preflight: %d, allow-origin %q", r.status, got)
	}
	if got := r.header.Get("Access-Control-Max-Age"); got != "7200" {
		t.Fatalf("CORS preflight: max age %q, want 7200 (2h, the default) so browsers ask once", got)
	}
}

func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	ts := newTestServer(t, Options{})
	var wg sync.WaitGroup
	results := make(chan int, 4)
	for range 4 {
		wg.Go(func() {
			results <- ts.do(t, "POST", "/api/counts/g", `{"by": 1}`, nil).status
		})
	}
	time.Sleep(20 * time.Millisecond)
	start := time.Now()
	if err := ts.shutdown(t); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if d := time.Since(start); d > 400*time.Millisecond {
		t.Fatalf("shutdown took %v: idle connections held it up", d)
	}
	wg.Wait()
	close(results)
	for s := range results {
		if s != 200 {
			t.Fatalf("an in-flight request got %d", s)
		}
	}
	if _, err := http.Get(ts.url + "/healthz"); err == nil {
		t.Fatal("the server still accepts requests after shutdown")
	}
}

// equalJSON compares two decoded JSON values.
func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// waitTrace fetches a flow's trace, waiting for the flow to end.
func (ts *testServer) waitTrace(t *testing.T, id string, header map[string]string) reply {
	t.Helper()
	for range 100 {
		if r := ts.do(t, "GET", "/_legible/flows/"+id, "", header); r.status != 404 {
			if r.status != 200 {
				t.Fatalf("trace of %s: %d %s", id, r.status, r.raw)
			}
			return r
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("flow %s never reached the trace store", id)
	return reply{}
}
