package check

import (
	"fmt"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// didYouMean returns the did-you-mean hint for name, or fallback.
func didYouMean(name string, candidates []string, fallback string) string {
	if h := diag.DidYouMean(name, candidates); h != "" {
		return h
	}
	return fallback
}

// maxSources bounds how many actions a hint names as possible sources.
const maxSources = 3

// unboundHint says how to bind name, in the order most likely to help: a
// then action's ignored `out:`, a misspelling, a binding trapped inside a
// collect, the actions and queries that return such a name.
func (sc *syncCheck) unboundHint(s *scope, name string) string {
	if p, ok := sc.thenOut[name]; ok && isQuery(p) {
		return fmt.Sprintf("`%s` is in the `out:` of the query %s at line %d, but `then` binds nothing; move the query, with its `out:`, to `where`",
			name, p.Key(), p.OutSpan.Line)
	}
	if p, ok := sc.thenOut[name]; ok {
		out := name
		for _, a := range p.Out {
			if a.Term.Kind == spec.Var && a.Term.Name == name && a.Param.Name != name {
				out = a.Param.Name + ": " + name
			}
		}
		return fmt.Sprintf("`%s` is in the `out:` of %s.%s at line %d, but `then` actions bind nothing; "+
			"bind it in the `when` of a new sync, with `- %s.%s: {}` and `out: { %s }` (see the then-output error for the whole sync)",
			name, p.Concept.Name, p.Action.Name, p.OutSpan.Line, p.Concept.Name, p.Action.Name, out)
	}
	if sp, ok := sc.later[name]; ok {
		return fmt.Sprintf("`%s` is bound later in this `bind`, at line %d; entries are evaluated in order, so put that one first", name, sp.Line)
	}
	if name == "null" {
		return "expressions write null as `nil`"
	}
	if h := diag.DidYouMean(name, s.names()); h != "" {
		return h
	}
	if in, ok := sc.inner[name]; ok {
		return fmt.Sprintf("`%s` is bound inside `collect.from` at line %d, and names bound there stay inside; "+
			"list it in `fields`, then read it from the list, e.g. `map(%s, .%s)`", name, in.span.Line, in.as, name)
	}
	sources := sc.outputs[name]
	if len(sources) == 0 {
		return "bind it first: in `when` (an input or output of a matched action) or in `where` (a query's `out:`, `bind:` or `collect`)"
	}
	if len(sources) > maxSources {
		sources = append(sources[:maxSources:maxSources], "…")
	}
	return fmt.Sprintf("`%s` is returned by %s; bind it with `out: { %s }` on such an action in `when`, or on a query in `where`",
		name, strings.Join(sources, ", "), name)
}

// newSyncHint explains a then-output error with the sync to write instead.
func (sc *syncCheck) newSyncHint(p *spec.Pattern) string {
	if isQuery(p) {
		return fmt.Sprintf("%s is a query: move it to `where`, with this `out:`, where its rows bind; no sync can wait for a query", p.Key())
	}
	return fmt.Sprintf("to use what %s.%s returns, remove this `out:` and write a separate sync that waits for it:\n%s",
		p.Concept.Name, p.Action.Name, sc.suggestedSync(p))
}

// renderArgs writes a pattern's inputs back as YAML flow syntax.
func renderArgs(args []*spec.Arg) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch {
		case a.Term.Kind == spec.Var && a.Term.Name == a.Param.Name:
			parts[i] = a.Param.Name
		case a.Term.Kind == spec.Var:
			parts[i] = a.Param.Name + ": " + a.Term.Name
		case a.Term.Kind == spec.String:
			parts[i] = fmt.Sprintf("%s: %q", a.Param.Name, a.Term.Value)
		case a.Term.Kind == spec.Null:
			parts[i] = a.Param.Name + ": null"
		default:
			parts[i] = fmt.Sprintf("%s: %v", a.Param.Name, a.Term.Value)
		}
	}
	if len(parts) == 0 {
		return "{}"
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// isQuery reports whether a pattern names a query, as check resolved it.
func isQuery(p *spec.Pattern) bool { return p.Target != nil && p.Target.Query }
