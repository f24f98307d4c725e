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
	if p, ok := sc.thenOut[name]; ok {
		return fmt.Sprintf("`%s` is in the `out:` of %s.%s at line %d, but `then` actions bind nothing; "+
			"bind it in the `when` of a new sync, with `- %s.%s: {}` and `out: { %s }` (see the then-output error for the whole sync)",
			name, p.Concept.Name, p.Action.Name, p.OutSpan.Line, p.Concept.Name, p.Action.Name, name)
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
	return fmt.Sprintf("to use what %s.%s returns, remove this `out:` and write a separate sync that waits for it:\n%s",
		p.Concept.Name, p.Action.Name, sc.suggestedSync(p))
}

// suggestedSync renders the sync that should replace a then action's
// `out:`: its `when` keeps this sync's patterns, so it fires in the same
// flows, and adds p's action with those outputs; its `then` takes over the
// later then actions that read them. Variables the new sync would not use
// are left out of the patterns it keeps.
func (sc *syncCheck) suggestedSync(p *spec.Pattern) string {
	outs := map[string]bool{}
	for _, arg := range p.Out {
		if arg.Term.Kind == spec.Var {
			outs[arg.Term.Name] = true
		}
	}
	moved := sc.readersAfter(p, outs)
	keep := joinVars(sc.s.When)
	for _, m := range moved {
		for _, arg := range m.In {
			keep[arg.Term.Name] = true
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %s%s:\n    when:\n", sc.s.Name.Name, upperFirst(p.Action.Name))
	for _, w := range sc.s.When {
		writePattern(&b, w.Concept.Name+"."+w.Action.Name, kept(w.In, keep), kept(w.Out, keep))
	}
	writePattern(&b, p.Concept.Name+"."+p.Action.Name, nil, p.Out)
	b.WriteString("    then:")
	if len(moved) == 0 {
		b.WriteString("\n      - …")
	}
	for _, m := range moved {
		fmt.Fprintf(&b, "\n      - %s.%s: %s", m.Concept.Name, m.Action.Name, renderArgs(m.In))
	}
	return b.String()
}

// joinVars returns the variables that occur more than once in patterns.
func joinVars(patterns []*spec.Pattern) map[string]bool {
	count := map[string]int{}
	for _, p := range patterns {
		for _, arg := range append(p.In[:len(p.In):len(p.In)], p.Out...) {
			if arg.Term.Kind == spec.Var {
				count[arg.Term.Name]++
			}
		}
	}
	out := map[string]bool{}
	for name, n := range count {
		out[name] = n > 1
	}
	return out
}

// kept returns the literal arguments, and the variables named in keep.
func kept(args []*spec.Arg, keep map[string]bool) []*spec.Arg {
	var out []*spec.Arg
	for _, a := range args {
		if a.Term.Kind != spec.Var || keep[a.Term.Name] {
			out = append(out, a)
		}
	}
	return out
}

// writePattern writes a when pattern with its inputs and outputs.
func writePattern(b *strings.Builder, action string, in, out []*spec.Arg) {
	fmt.Fprintf(b, "      - %s: %s\n", action, renderArgs(in))
	if len(out) > 0 {
		fmt.Fprintf(b, "        out: %s\n", renderArgs(out))
	}
}

// readersAfter returns the then patterns after p that read one of names.
func (sc *syncCheck) readersAfter(p *spec.Pattern, names map[string]bool) (out []*spec.Pattern) {
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
	}
	return out
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
