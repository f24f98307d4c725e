package flow

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
	"github.com/legible/legible/engine/load"
)

// benchConcept is an in-memory concept whose every action echoes a count.
const benchConcept = `concept: Bench
purpose: cost nothing, so benchmarks measure the engine
principle: every action returns at once
actions:
%s`

type echoIO struct {
	Path string `json:"path,omitempty"`
}

type okOut struct {
	OK bool `json:"ok"`
}

func echo(_ context.Context, in echoIO) (okOut, error) { return okOut{OK: true}, nil }

// benchApp is an engine over a Bench concept and the real Requesting.
type benchApp struct {
	*Engine
	req *requesting.Requesting
}

// request runs one request flow as the HTTP server does: it waits for the
// reply, then forgets the request.
func (a benchApp) request(in map[string]any) (Result, bool) {
	id := NewID()
	ctx := a.req.Expect(context.Background(), id)
	defer a.req.Forget(id)
	res := a.RunFlow(ctx, id, nil, "Requesting", "request", in)
	return res, a.req.Answered(id)
}

// benchEngine builds an engine for the given syncs over a Bench concept
// with the named actions, each taking an optional path.
func benchEngine(tb testing.TB, actions []string, syncs string) benchApp {
	tb.Helper()
	var decl strings.Builder
	c := concepts.New("Bench")
	for _, a := range actions {
		fmt.Fprintf(&decl, "  %s:\n    in: { \"path?\": String }\n    out:\n      - { ok: Boolean }\n      - { error: String }\n", a)
		c.Action(a, concepts.Action(echo))
	}
	files := []load.File{
		{Name: "app.yaml", Data: []byte("app: bench\nconcepts: [Requesting, Bench]\n")},
		{Name: "concepts/Bench.concept.yaml", Data: []byte(fmt.Sprintf(benchConcept, decl.String()))},
		{Name: "syncs/bench.sync.yaml", Data: []byte(syncs)},
	}
	p := compile(tb, files, c)
	return benchApp{New(p, Options{TraceSize: 100}), p.Requesting()}
}

func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// BenchmarkDispatch completes one action, Bench.ping, per iteration, with
// many syncs that do not name it (idle) or that name it with distinct
// literal paths, of which exactly one matches (watch). Bars: idle=1000 and
// watch=1000 each cost at most 1.5× their =10 case.
func BenchmarkDispatch(b *testing.B) {
	for _, n := range []int{10, 1000} {
		var idle, watch strings.Builder
		for i := range n {
			fmt.Fprintf(&idle, "Idle%d:\n  when:\n    - Bench.other: { path: \"/o%d\" }\n  then:\n    - Bench.sink: {}\n", i, i)
			fmt.Fprintf(&watch, "Watch%d:\n  when:\n    - Bench.ping: { path: \"/p%d\" }\n  then:\n    - Bench.sink: {}\n", i, i)
		}
		actions := []string{"ping", "other", "sink"}
		for _, c := range []struct{ name, syncs string }{{"idle", idle.String()}, {"watch", watch.String()}} {
			e := benchEngine(b, actions, c.syncs)
			in := map[string]any{"path": fmt.Sprintf("/p%d", n/2)}
			b.Run(fmt.Sprintf("%s=%d", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if res := e.Run(context.Background(), "Bench", "ping", in); res.Failure != nil {
						b.Fatal(res.Failure)
					}
				}
			})
		}
	}
}

// BenchmarkChain runs one flow in which L distinct actions fire one after
// another, each sync joining the previous action with the flow's request.
// It reports the cost per action; the bar: len=1000 costs at most 1.5×
// len=10 per action.
func BenchmarkChain(b *testing.B) {
	for _, n := range []int{10, 1000} {
		var syncs strings.Builder
		fmt.Fprintf(&syncs, "Start:\n  when:\n    - Requesting.request: { path: \"/chain\" }\n  then:\n    - Bench.a0: {}\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&syncs, "Step%d:\n  when:\n    - Requesting.request: { path: \"/chain\" }\n    - Bench.a%d: {}\n  then:\n    - Bench.a%d: {}\n", i, i-1, i)
		}
		e := benchEngine(b, names("a", n), syncs.String())
		in := map[string]any{"method": "POST", "path": "/chain"}
		b.Run(fmt.Sprintf("len=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res := e.Run(context.Background(), "Requesting", "request", in)
				if res.Failure != nil {
					b.Fatal(res.Failure)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/action")
		})
	}
}

// flowSyncs is a create flow like the reference's sample app: a request
// sync, a response sync and an error response sync.
const flowSyncs = `Create:
  when:
    - Requesting.request: { method: "POST", path: "/items", name }
  then:
    - Bench.create: { path: name }
CreateRespond:
  when:
    - Requesting.request: { path: "/items" }
      out: { request }
    - Bench.create: {}
      out: { ok }
  then:
    - Requesting.respond: { request, ok }
CreateError:
  when:
    - Requesting.request: { path: "/items" }
      out: { request }
    - Bench.create: {}
      out: { error }
  then:
    - Requesting.respond: { request, status: 422, error }
`

// BenchmarkFlow runs a request → action → respond flow through 3 syncs,
// with the real Requesting, as the HTTP server runs it.
func BenchmarkFlow(b *testing.B) {
	a := benchEngine(b, []string{"create"}, flowSyncs)
	in := map[string]any{"method": "POST", "path": "/items", "name": "x"}
	b.ReportAllocs()
	for b.Loop() {
		if res, answered := a.request(in); res.Failure != nil || !answered {
			b.Fatal(res.Failure, answered)
		}
	}
}
