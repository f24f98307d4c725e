package check_test

import (
	"testing"

	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/load"
)

// TestRequestStepsTakeTheRouteTheServerTakes checks that a test file's
// request goes to the route the server would serve it by: a literal
// segment before a parameter, whichever sync names its route first.
func TestRequestStepsTakeTheRouteTheServerTakes(t *testing.T) {
	files := []load.File{
		{Name: "app.yaml", Data: []byte("app: t\nbase: /api\nconcepts: [Requesting]\n")},
		{Name: "syncs/s.sync.yaml", Data: []byte(`One:
  when:
    - Requesting.request: { method: "GET", path: "/lists/:list", list }
      out: { request }
  then:
    - Requesting.respond: { request, body: list }
Mine:
  when:
    - Requesting.request: { method: "GET", path: "/lists/mine" }
      out: { request }
  then:
    - Requesting.respond: { request, body: "mine" }
`)},
		{Name: "tests/lists.test.yaml", Data: []byte(`lists:
  - GET /lists/mine:
    expect: { status: 200 }
  - GET /lists/other:
    expect: { status: 200 }
`)},
	}
	sp, diags := load.Load(files, nil)
	diags = append(diags, check.Check(sp)...)
	for _, d := range diags {
		t.Fatalf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
	}
	steps := sp.Scenarios[0].Steps
	for i, want := range []string{"GET /lists/mine", "GET /lists/:list"} {
		if got := steps[i].Request.Route; got == nil || got.String() != want {
			t.Errorf("%s %s goes to %v, want %s", steps[i].Request.Method, steps[i].Request.Path, got, want)
		}
	}
}
