package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/engine/spec"
)

// suggestedSync renders the sync that should replace a then action's
// `out:`, so that it lints clean pasted into the app: its `when` keeps this
// sync's patterns, so it fires in the same flows, and adds p's action with
// those outputs; its `where` keeps the queries and binds that bind what it
// reads; its `then` takes over the later then actions that read p's
// outputs. Variables it would not use are left out of the patterns it
// keeps, and the request is bound when a moved action reads it.
func (sc *syncCheck) suggestedSync(p *spec.Pattern) string {
	outs := outVars(p)
	moved := Moved(sc.s, p)
	need := map[string]bool{}
	for _, m := range moved {
		for _, arg := range m.In {
			if arg.Term.Kind == spec.Var && !outs[arg.Term.Name] {
				need[arg.Term.Name] = true
			}
		}
	}
	where := whereFor(sc.s.Where, need)
	keep := joinVars(sc.s.When)
	for name := range need {
		keep[name] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %s:\n    when:\n", sc.suggestedName(p, moved))
	for _, w := range sc.s.When {
		out := kept(w.Out, keep)
		if w.IsRequest() && need["request"] && !bindsAny(out, map[string]bool{"request": true}) {
			out = append(out, &spec.Arg{Param: spec.Ident{Name: "request"}, Term: spec.Term{Kind: spec.Var, Name: "request"}})
		}
		writePattern(&b, w.Concept.Name+"."+w.Action.Name, kept(w.In, keep), out)
	}
	writePattern(&b, p.Concept.Name+"."+p.Action.Name, nil, p.Out)
	if len(where) > 0 {
		b.WriteString("    where:\n")
		for _, st := range where {
			b.WriteString(st)
		}
	}
	b.WriteString("    then:")
	if len(moved) == 0 {
		b.WriteString("\n      - …")
	}
	for _, m := range moved {
		fmt.Fprintf(&b, "\n      - %s.%s: %s", m.Concept.Name, m.Action.Name, renderArgs(m.In))
	}
	return b.String()
}

// suggestedName names the suggested sync after this one and the first
// action it takes over ("LoginCreate"), or the action it waits for, so
// that it repeats no word and no sync's name.
func (sc *syncCheck) suggestedName(p *spec.Pattern, moved []*spec.Pattern) string {
	base := sc.s.Name.Name
	next := "After" + upperFirst(p.Action.Name)
	if len(moved) > 0 {
		next = upperFirst(moved[0].Action.Name)
	}
	if strings.HasSuffix(base, next) {
		next = "Then" + next
	}
	name := base + next
	for i := 2; slices.ContainsFunc(sc.sp.Syncs, func(s *spec.Sync) bool { return s.Name.Name == name }); i++ {
		name = fmt.Sprintf("%s%s%d", base, next, i)
	}
	return name
}

// whereFor writes, as YAML, the query and bind steps of where that bind a
// name in need, and those they read in turn, in their order; it adds what
// they read to need.
func whereFor(where []spec.Step, need map[string]bool) []string {
	var out []string
	for i := len(where) - 1; i >= 0; i-- {
		switch st := where[i].(type) {
		case *spec.Query:
			if bindsAny(st.Pattern.Out, need) {
				out = append(out, queryStep(st))
				for _, a := range st.Pattern.In {
					if a.Term.Kind == spec.Var {
						need[a.Term.Name] = true
					}
				}
			}
		case *spec.Bind:
			if b := neededBinds(st, need); b != "" {
				out = append(out, b)
			}
		}
	}
	slices.Reverse(out)
	return out
}

// neededBinds writes the entries of a bind step that bind a needed name,
// as a bind step in YAML, adding the names they read to need; "" when
// none does.
func neededBinds(st *spec.Bind, need map[string]bool) string {
	var parts []string
	for i := len(st.Entries) - 1; i >= 0; i-- {
		e := st.Entries[i]
		if !need[e.Name.Name] {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %s", e.Name.Name, quoteExpr(e.Expr.Source)))
		for _, v := range e.Expr.Reads {
			need[v.Name] = true
		}
	}
	if parts == nil {
		return ""
	}
	slices.Reverse(parts)
	return fmt.Sprintf("      - bind: { %s }\n", strings.Join(parts, ", "))
}

// bindsAny reports whether a pattern's outputs bind a name in names.
func bindsAny(args []*spec.Arg, names map[string]bool) bool {
	return slices.ContainsFunc(args, func(a *spec.Arg) bool { return a.Term.Kind == spec.Var && names[a.Term.Name] })
}

// queryStep writes a where query as YAML.
func queryStep(st *spec.Query) string {
	var b strings.Builder
	fmt.Fprintf(&b, "      - %s: %s\n", st.Pattern.Key(), renderArgs(st.Pattern.In))
	if len(st.Pattern.Out) > 0 {
		fmt.Fprintf(&b, "        out: %s\n", renderArgs(st.Pattern.Out))
	}
	if st.Optional {
		b.WriteString("        optional: true\n")
	}
	return b.String()
}

// quoteExpr writes an expression as a YAML single-quoted string.
func quoteExpr(src string) string {
	return "'" + strings.ReplaceAll(src, "'", "''") + "'"
}

// upperFirst capitalizes a name's first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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

// outVars returns the variables a pattern's `out:` names.
func outVars(p *spec.Pattern) map[string]bool {
	outs := map[string]bool{}
	for _, arg := range p.Out {
		if arg.Term.Kind == spec.Var {
			outs[arg.Term.Name] = true
		}
	}
	return outs
}

// Moved returns the then actions that the sync suggested for the
// then-output error of p (a then pattern of s with an `out:`) takes
// over: those after p that read one of p's outputs. A fix that writes
// that sync removes them from s.
func Moved(s *spec.Sync, p *spec.Pattern) (out []*spec.Pattern) {
	names := outVars(p)
	after := false
	for _, t := range s.Then {
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
