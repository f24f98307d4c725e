package check

import (
	"fmt"
	"strings"

	"legible/engine/diag"
	"legible/engine/spec"
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
	if p, ok := sc.thenOut[name]; ok {
		return fmt.Sprintf("`%s` is in the `out:` of %s.%s at line %d, but `then` actions bind nothing; "+
			"bind it in the `when` of a new sync, with `- %s.%s: {}` and `out: { %s }` (see the then-output error for the whole sync)",
			name, p.Concept.Name, p.Action.Name, p.OutSpan.Line, p.Concept.Name, p.Action.Name, name)
	}
	if h := diag.DidYouMean(name, s.names()); h != "" {
		return h
	}
	if sp, ok := sc.inner[name]; ok {
		return fmt.Sprintf("`%s` is bound inside `collect.from` at line %d, and names bound there stay inside; list it in `fields` or `value`", name, sp.Line)
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
	var names []string
	for _, arg := range p.Out {
		if arg.Term.Kind == spec.Var {
			names = append(names, arg.Term.Name)
		}
	}
	return fmt.Sprintf("to use what %s.%s returns, remove this `out:` and write a separate sync that waits for it:\n%s",
		p.Concept.Name, p.Action.Name, sc.suggestedSync(p, strings.Join(names, ", ")))
}

// suggestedSync renders a sync whose `when` matches p's action with the
// given outputs, joined to this sync's request when it has one.
func (sc *syncCheck) suggestedSync(p *spec.Pattern, outs string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n  %s%s:\n    when:\n", sc.s.Name.Name, upperFirst(p.Action.Name))
	for _, w := range sc.s.When {
		if path := requestPath(w); path != "" {
			fmt.Fprintf(&b, "      - Requesting.request: { path: %q }\n        out: { request }\n", path)
			break
		}
	}
	fmt.Fprintf(&b, "      - %s.%s: {}\n        out: { %s }\n    then:\n      - …", p.Concept.Name, p.Action.Name, outs)
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
