package explain

import (
	"testing"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
)

// TestWaitedForSaysWhatAPatternMissed checks the reasons a when pattern
// matched no record of a flow: an action the flow did not run, the other
// outcome, a literal that differed.
func TestWaitedForSaysWhatAPatternMissed(t *testing.T) {
	flow := &trace.Flow{Records: []*trace.Record{
		{Concept: "Requesting", Action: "request", Input: map[string]any{"method": "POST", "path": "/x"}},
		{Concept: "Tagging", Action: "tag", Input: map[string]any{"item": "a"}, Output: map[string]any{"error": "too many tags"}},
	}}
	pattern := func(concept, action string, in, out []*spec.Arg) *spec.Pattern {
		return &spec.Pattern{Concept: spec.Ident{Name: concept}, Action: spec.Ident{Name: action}, In: in, Out: out}
	}
	lit := func(name string, v any) *spec.Arg {
		return &spec.Arg{Param: spec.Ident{Name: name}, Term: spec.Term{Kind: spec.String, Value: v}}
	}
	v := func(name string) *spec.Arg {
		return &spec.Arg{Param: spec.Ident{Name: name}, Term: spec.Term{Kind: spec.Var, Name: name}}
	}
	for _, tt := range []struct {
		p    *spec.Pattern
		want string
	}{
		{pattern("Article", "create", nil, nil), "it waits for Article.create, which this flow did not run"},
		{pattern("Tagging", "tag", nil, []*spec.Arg{v("item")}), `it waits for Tagging.tag to succeed, and it returned the error "too many tags"`},
		{pattern("Tagging", "tag", nil, []*spec.Arg{v("error")}), ""},
		{pattern("Requesting", "request", []*spec.Arg{lit("method", "GET")}, nil), `its Requesting.request pattern wants the input ` + "`method: \"GET\"`" + `, and the flow had "POST"`},
	} {
		if got := waitedFor(tt.p, flow); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.p.Key(), got, tt.want)
		}
	}
}

// TestRouteOfFindsTheRequestsRoute finds a flow's route by its method and
// path template, a route of any method when none has the method, and
// nothing for a flow that is not a request's.
func TestRouteOfFindsTheRequestsRoute(t *testing.T) {
	get := &spec.Route{Method: "GET", Path: "/articles/:slug"}
	anyMethod := &spec.Route{Path: "/articles/:slug"}
	sp := &spec.Spec{Routes: []*spec.Route{{Method: "GET", Path: "/tags"}, anyMethod, get}}
	request := func(method, path string) *trace.Flow {
		return &trace.Flow{Records: []*trace.Record{{Concept: "Requesting", Action: "request", Input: map[string]any{"method": method, "path": path}}}}
	}
	for _, tt := range []struct {
		f    *trace.Flow
		want *spec.Route
	}{
		{request("GET", "/articles/:slug"), get},
		{request("DELETE", "/articles/:slug"), anyMethod},
		{request("GET", "/users"), nil},
		{&trace.Flow{Records: []*trace.Record{{Concept: "Article", Action: "create"}}}, nil},
		{&trace.Flow{}, nil},
	} {
		if got := RouteOf(sp, tt.f); got != tt.want {
			t.Errorf("%v: %v, want %v", tt.f.Records, got, tt.want)
		}
	}
}
