package scenario

import (
	"fmt"
	"slices"
	"sync"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/internal/value"
)

// watched keeps what the flows of one scenario did that their traces do
// not show, by flow.
type watched struct {
	mu     sync.Mutex
	byFlow map[string][]flow.Event
}

// add keeps an event; the engine calls it.
func (w *watched) add(e flow.Event) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byFlow == nil {
		w.byFlow = map[string][]flow.Event{}
	}
	w.byFlow[e.Flow] = append(w.byFlow[e.Flow], e)
}

// of returns the events of a flow.
func (w *watched) of(id string) []flow.Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.byFlow[id]
}

// answered reports whether a flow answered its request.
func answered(f *trace.Flow) bool {
	return slices.ContainsFunc(f.Records, func(r *trace.Record) bool {
		return r.Concept == "Requesting" && r.Action == "respond" && r.Failure == "" && r.Output["error"] == nil
	})
}

// closest says, for a request no sync answered, what stopped each sync
// of its route that answers: the action it waits for that the flow did
// not run (or ran with the other outcome), the literal of the request
// that differed, or the where step that left no frame.
func (r *runner) closest(rp reply, route *spec.Route) []string {
	if route == nil {
		return nil
	}
	fired := firedSyncs(rp)
	var out []string
	for _, s := range r.app.Syncs {
		if !responds(s) || !boundTo(s, route) || slices.Contains(fired, s.Name.Name) {
			continue
		}
		out = append(out, fmt.Sprintf("%s (%s:%d): %s", s.Name.Name, s.File, s.Name.Span.Pos.Line, r.stopped(s, rp.flow)))
	}
	return out
}

// stopped says what kept a sync from firing in a flow.
func (r *runner) stopped(s *spec.Sync, f *trace.Flow) string {
	for _, p := range s.When {
		if why := waitedFor(p, f); why != "" {
			return why
		}
	}
	for _, e := range r.watch.of(f.ID) {
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
