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
	return fmt.Sprintf("to use what %s.%s returns, remove this `out:` and write a separate sync that waits for it:\n%s",
		p.Concept.Name, p.Action.Name, sc.suggestedSync(p))
}

// suggestedSync renders the sync that should replace a then action's
// `out:`: its `when` matches p's action with those outputs, joined to this
// sync's request when it has one, and its `then` takes over the later then
// actions that read them.
func (sc *syncCheck) suggestedSync(p *spec.Pattern) string {
	outs := map[string]bool{}
	var names []string
	for _, arg := range p.Out {
		if arg.Term.Kind == spec.Var {
			outs[arg.Term.Name] = true
			names = append(names, arg.Term.Name)
		}
	}
	moved, readsRequest := sc.readersAfter(p, outs)
	var b strings.Builder
	fmt.Fprintf(&b, "  %s%s:\n    when:\n", sc.s.Name.Name, upperFirst(p.Action.Name))
	for _, w := range sc.s.When {
		if path := requestPath(w); path != "" {
			fmt.Fprintf(&b, "      - Requesting.request: { path: %q }\n", path)
			if readsRequest {
				b.WriteString("        out: { request }\n")
			}
			break
		}
	}
	fmt.Fprintf(&b, "      - %s.%s: {}\n        out: { %s }\n    then:\n", p.Concept.Name, p.Action.Name, strings.Join(names, ", "))
	if len(moved) == 0 {
		b.WriteString("      - …")
	}
	for i, m := range moved {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "      - %s.%s: %s", m.Concept.Name, m.Action.Name, renderArgs(m.In))
	}
	return b.String()
}

// readersAfter returns the then patterns after p that read one of names,
// and whether any of them reads `request`.
func (sc *syncCheck) readersAfter(p *spec.Pattern, names map[string]bool) (out []*spec.Pattern, request bool) {
	after := false
	for _, t := range sc.s.Then {
		if t == p {
			after = true
			continue
		}
		if !after || !readsAny(t, names) {
			continue
		}
		out = append(out, t)
		request = request || readsAny(t, map[string]bool{"request": true})
	}
	return out, request
}

func readsAny(p *spec.Pattern, names map[string]bool) bool {
	for _, arg := range p.In {
		if arg.Term.Kind == spec.Var && names[arg.Term.Name] {
			return true
		}
	}
	return false
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

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
