// Package explain says why a flow went as it did, from its trace and
// what the engine's Watch heard (flow.Event): which syncs of a request's
// route did not fire, and the first thing that stopped each. `legible
// test` explains a failed step with it, and the console a flow.
package explain

import (
	"fmt"
	"slices"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/internal/value"
)

// Answered reports whether a flow answered its request.
func Answered(f *trace.Flow) bool {
	return slices.ContainsFunc(f.Records, func(r *trace.Record) bool {
		return r.Concept == "Requesting" && r.Action == "respond" && r.Failure == "" && r.Output["error"] == nil
	})
}

// Miss is a sync of a request's route that answers and did not fire in
// a flow, and the first thing that stopped it.
type Miss struct {
	Sync string `json:"sync"` // its name
	File string `json:"file"` // the file it is written in
	Line int    `json:"line"` // the line of its name
	Why  string `json:"why"`  // what stopped it
}

// String writes the miss as Closest does: "Sync (file:line): why".
func (m Miss) String() string { return fmt.Sprintf("%s (%s:%d): %s", m.Sync, m.File, m.Line, m.Why) }

// Misses says, for a flow of a request to route, what stopped each sync
// of the route that answers and did not fire: the action it waits for
// that the flow did not run (or ran with the other outcome), the literal
// that differed, or the where step that left no frame (from the flow's
// events, flow.Event).
func Misses(sp *spec.Spec, route *spec.Route, f *trace.Flow, events []flow.Event) []Miss {
	if route == nil || f == nil {
		return nil
	}
	fired := Fired(f)
	var out []Miss
	for _, s := range sp.Syncs {
		if !responds(s) || !boundTo(s, route) || slices.Contains(fired, s.Name.Name) {
			continue
		}
		out = append(out, Miss{Sync: s.Name.Name, File: s.File, Line: s.Name.Span.Pos.Line, Why: stopped(s, f, events)})
	}
	return out
}

// Closest is Misses as lines, each naming the sync and where it is.
func Closest(sp *spec.Spec, route *spec.Route, f *trace.Flow, events []flow.Event) []string {
	var out []string
	for _, m := range Misses(sp, route, f, events) {
		out = append(out, m.String())
	}
	return out
}

// Fired lists the syncs that invoked something in a flow, in the order
// they first did.
func Fired(f *trace.Flow) []string {
	var out []string
	if f == nil {
		return nil
	}
	for _, rec := range f.Records {
		if rec.Cause != nil && !slices.Contains(out, rec.Cause.Sync) {
			out = append(out, rec.Cause.Sync)
		}
	}
	return out
}

// stopped says what kept a sync from firing in a flow.
func stopped(s *spec.Sync, f *trace.Flow, events []flow.Event) string {
	for _, p := range s.When {
		if why := waitedFor(p, f); why != "" {
			return why
		}
	}
	for _, e := range events {
		if e.Sync == s.Name.Name && !e.Empty && e.Step < len(s.Where) {
			return "its `where` left no frame at " + describeStep(s.Where[e.Step])
		}
	}
	return "its `when` matched, but it did not fire"
}

// waitedFor says why a when pattern matched no record of the flow, or "".
func waitedFor(p *spec.Pattern, f *trace.Flow) string {
	var seen []*trace.Record
	for _, rec := range f.Records {
		if rec.Concept == p.Concept.Name && rec.Action == p.Action.Name {
			seen = append(seen, rec)
		}
	}
	if len(seen) == 0 {
		return fmt.Sprintf("it waits for %s, which this flow did not run", p.Key())
	}
	wantsError := slices.ContainsFunc(p.Out, func(a *spec.Arg) bool { return a.Param.Name == "error" })
	for _, rec := range seen {
		if (rec.Output["error"] != nil) != wantsError {
			continue
		}
		if lit, ok := literalDiffers(p, rec); ok {
			return lit
		}
		return ""
	}
	if wantsError {
		return fmt.Sprintf("it waits for %s to fail, and it succeeded", p.Key())
	}
	return fmt.Sprintf("it waits for %s to succeed, and it returned the error %s", p.Key(), show(seen[0].Output["error"]))
}

// literalDiffers says which literal of a pattern a record's input or
// output differs from.
func literalDiffers(p *spec.Pattern, rec *trace.Record) (string, bool) {
	check := func(args []*spec.Arg, got map[string]any, what string) (string, bool) {
		for _, a := range args {
			if a.Term.Kind == spec.Var || a.Term.Kind == spec.Invalid {
				continue
			}
			if v := got[a.Param.Name]; !value.Equal(value.Of(a.Term.Value), v) {
				return fmt.Sprintf("its %s pattern wants %s `%s: %s`, and the flow had %s", p.Key(), what, a.Param.Name, show(a.Term.Value), show(v)), true
			}
		}
		return "", false
	}
	if why, ok := check(p.In, rec.Input, "the input"); ok {
		return why, true
	}
	return check(p.Out, rec.Output, "the output")
}

// describeStep names a where step for a message: the query, the filter's
// expression, the bind.
func describeStep(st spec.Step) string {
	switch st := st.(type) {
	case *spec.Query:
		return fmt.Sprintf("line %d, %s, which found no row", st.Pattern.Span.Pos.Line, st.Pattern.Key())
	case *spec.Filter:
		return fmt.Sprintf("line %d, `filter: %s`, which was false", st.Key.Pos.Line, st.Expr.Source)
	case *spec.Collect:
		return fmt.Sprintf("line %d, a collect", st.Key.Pos.Line)
	case *spec.Bind:
		return fmt.Sprintf("line %d, a bind", st.Key.Pos.Line)
	}
	return "a step"
}

// responds reports whether a sync answers a request.
func responds(s *spec.Sync) bool {
	return slices.ContainsFunc(s.Then, func(p *spec.Pattern) bool { return p.Key() == "Requesting.respond" })
}

// boundTo reports whether a sync's request pattern can match the route.
func boundTo(s *spec.Sync, r *spec.Route) bool {
	for _, p := range s.When {
		if !p.IsRequest() {
			continue
		}
		path, method := p.RequestPath(), p.RequestMethod()
		return (path == "" || path == r.Path) && (method == "" || r.Method == "" || method == r.Method)
	}
	return false
}

// show writes a value as JSON, for messages.
func show(v any) string {
	b, err := value.AppendJSON(nil, value.Of(v), value.Format{Lenient: true})
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// RouteOf returns the route of the app that a flow's request came by, or
// nil for a flow that did not start with a request, or a route the app
// no longer has.
func RouteOf(sp *spec.Spec, f *trace.Flow) *spec.Route {
	if f == nil || len(f.Records) == 0 {
		return nil
	}
	root := f.Records[0]
	if root.Concept != "Requesting" || root.Action != "request" {
		return nil
	}
	method, _ := root.Input["method"].(string)
	path, _ := root.Input["path"].(string)
	var anyMethod *spec.Route
	for _, r := range sp.Routes {
		switch {
		case r.Path != path || r.Passthrough != nil:
		case r.Method == method:
			return r
		case r.Method == "":
			anyMethod = r
		}
	}
	return anyMethod
}
