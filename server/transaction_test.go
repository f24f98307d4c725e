package server

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// total returns the total name keeps, through the API; 0 for none.
func (ts *testServer) total(t *testing.T, name string) float64 {
	t.Helper()
	r := ts.do(t, "GET", "/api/kept/"+name, "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("GET /api/kept/%s: %d %s", name, r.status, r.raw)
	}
	n, _ := r.body["total"].(float64)
	return n
}

func TestFlowsThatDoNotEndWellChangeNothing(t *testing.T) {
	ts := newTestServer(t, Options{})
	cases := []struct {
		what, path, body string
		status           int
		msg              string
	}{
		{"timed out after its write", "/slow", `{"by": 1, "ms": 900}`, http.StatusGatewayTimeout, "within 500ms"},
		{"ended without answering", "/silent", `{"by": 1}`, http.StatusGatewayTimeout, "without Requesting.respond"},
		{"refused with rollback", "/refused", `{"by": 1}`, http.StatusUnprocessableEntity, ""},
		{"failed after its write", "/boom", `{"by": 1}`, http.StatusInternalServerError, "the flow failed"},
	}
	for i, c := range cases {
		name := fmt.Sprint("n", i)
		if r := ts.do(t, "POST", "/api/kept/"+name, `{"by": 5}`, nil); r.status != http.StatusOK || r.body["total"] != 5.0 {
			t.Fatalf("a plain keep: %d %s", r.status, r.raw)
		}
		r := ts.do(t, "POST", "/api/kept/"+name+c.path, c.body, nil)
		if r.status != c.status || !strings.Contains(r.raw, c.msg) {
			t.Errorf("%s: %d %s, want %d saying %q", c.what, r.status, r.raw, c.status, c.msg)
		}
		if got := ts.total(t, name); got != 5 {
			t.Errorf("%s: the total is %v afterwards, want 5: the flow's write must not stay", c.what, got)
		}
	}
	if r := ts.do(t, "POST", "/api/kept/fast/slow", `{"by": 2, "ms": 10}`, nil); r.status != http.StatusCreated || ts.total(t, "fast") != 2 {
		t.Fatalf("a slow flow within the timeout: %d %s, total %v; want 201 and its write", r.status, r.raw, ts.total(t, "fast"))
	}
}

func TestFlowStopsWorkingAtItsDeadline(t *testing.T) {
	ts := newTestServer(t, Options{}) // the app's timeout is 500ms
	if r := ts.do(t, "POST", "/api/kept/busy/many", `{"by": 1, "times": 10000000}`, nil); r.status != http.StatusGatewayTimeout {
		t.Fatalf("ten million writes: %d %s, want 504", r.status, r.raw)
	}
	// The next write waits for the writer: it is answered in time only if
	// the flow past its deadline stopped writing.
	start := time.Now()
	if r := ts.do(t, "POST", "/api/kept/next", `{"by": 1}`, nil); r.status != http.StatusOK {
		t.Fatalf("a write after a flow timed out: %d %s after %v; the timed-out flow still holds the writer", r.status, r.raw, time.Since(start))
	}
	if got := ts.total(t, "busy"); got != 0 {
		t.Fatalf("the timed-out flow left a total of %v", got)
	}
}

func TestRacingFlowsLoseNoWrite(t *testing.T) {
	const n = 20
	ts := newTestServer(t, Options{})
	var wg sync.WaitGroup
	statuses := make([]int, n)
	for i := range n { // each reads the total, sleeps, then adds 1: they all conflict
		wg.Go(func() { statuses[i] = ts.do(t, "POST", "/api/kept/race/late", `{"by": 1, "ms": 5}`, nil).status })
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Errorf("request %d: %d", i, s)
		}
	}
	if got := ts.total(t, "race"); got != n {
		t.Fatalf("total %v after %d racing flows that each read it and add 1, want %d", got, n, n)
	}
}

func TestConflictedFlowRunsAgain(t *testing.T) {
	ts := newTestServer(t, Options{Dev: true})
	ts.do(t, "POST", "/api/kept/late", `{"by": 1}`, nil)
	late := make(chan reply, 1)
	go func() { late <- ts.do(t, "POST", "/api/kept/late/late", `{"by": 10, "ms": 150}`, nil) }()
	<-ts.kept.read // the late flow has read the total
	if r := ts.do(t, "POST", "/api/kept/late", `{"by": 100}`, nil); r.status != http.StatusOK {
		t.Fatalf("the write in between: %d %s", r.status, r.raw)
	}
	r := <-late
	if r.status != http.StatusOK || r.body["total"] != 111.0 {
		t.Fatalf("the late flow: %d %s, want 200 with total 111: it must run again after the write in between", r.status, r.raw)
	}
	tr := ts.waitTrace(t, r.header.Get(flowHeader), nil)
	if tr.body["attempts"] != 2.0 || tr.body["outcome"] != "committed" {
		t.Fatalf("trace of the late flow: attempts %v, outcome %v; want 2 and committed", tr.body["attempts"], tr.body["outcome"])
	}
	if got := ts.total(t, "late"); got != 111 {
		t.Fatalf("total %v, want 111", got)
	}
}

// failingServer serves the test app on the embedded store behind fail
// points, which the test sets.
func failingServer(t *testing.T, opts Options) (*testServer, *storagetest.FailPoints) {
	t.Helper()
	db, f := storagetest.Failing(t)
	return newTestServerOn(t, opts, db), f
}

// TestConflictedFlowRunsAgainUntilItsDeadline makes a flow's commits
// conflict more times than a fixed bound would allow: the flow runs again
// as long as its request's deadline allows, and then commits.
func TestConflictedFlowRunsAgainUntilItsDeadline(t *testing.T) {
	ts, f := failingServer(t, Options{Dev: true})
	const conflicts = 11 // the old bound ran a flow 10 times at most
	f.FailCommits(conflicts, storage.ErrConflict, false)
	r := ts.do(t, "POST", "/api/kept/many", `{"by": 1}`, nil)
	if r.status != http.StatusOK || r.body["total"] != 1.0 {
		t.Fatalf("a flow whose first %d commits conflict: %d %s, want 200 with total 1", conflicts, r.status, r.raw)
	}
	tr := ts.waitTrace(t, r.header.Get(flowHeader), nil)
	if tr.body["attempts"] != float64(conflicts+1) {
		t.Fatalf("attempts %v, want %d", tr.body["attempts"], conflicts+1)
	}
	f.FailCommits(1_000_000, storage.ErrConflict, false)
	start := time.Now()
	if r := ts.do(t, "POST", "/api/kept/never", `{"by": 1}`, nil); r.status == http.StatusOK {
		t.Fatalf("a flow that always conflicts: %d %s", r.status, r.raw)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("a flow that always conflicts was answered after %v; its deadline is 500ms", took)
	}
}

// TestUnknownOutcomeIsNotAFailure makes a flow's commit end without the
// database saying whether it kept the writes (it did): the client gets a
// 502 that says so, never the 500 that means nothing changed, and the
// flow does not run again.
func TestUnknownOutcomeIsNotAFailure(t *testing.T) {
	ts, f := failingServer(t, Options{})
	f.FailCommits(1, fmt.Errorf("committing: connection closed: %w", storage.ErrUnknownOutcome), true)
	r := ts.do(t, "POST", "/api/kept/maybe", `{"by": 3}`, nil)
	if r.status != http.StatusBadGateway || !strings.Contains(r.raw, "may or may not have been") || !strings.Contains(r.raw, "check") {
		t.Fatalf("a commit of unknown outcome: %d %s, want 502 saying the writes may or may not have been kept", r.status, r.raw)
	}
	if got := ts.total(t, "maybe"); got != 3 {
		t.Fatalf("total %v, want 3: the commit was kept, and the flow must not run again", got)
	}
}
