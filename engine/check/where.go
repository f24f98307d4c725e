package check

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// steps checks where steps in order; each sees what the earlier ones bound.
func (sc *syncCheck) steps(s *scope, steps []spec.Step) {
	for _, st := range steps {
		switch st := st.(type) {
		case *spec.Query:
			sc.query(s, st)
		case *spec.Filter:
			if t := sc.expr(s, st.Expr); t.Kind != Boolean && t.Kind != Any {
				sc.diags.Errorf(st.Expr.Span, rules.Type.ID, "a filter keeps the frames where it is true; compare with ==, <, in, …",
					"a filter must be a Boolean, but this is %s", t)
			}
		case *spec.Bind:
			sc.bind(s, st)
		case *spec.Collect:
			sc.collect(s, st)
		}
	}
}

// query checks a join with a concept query: inputs are reads, outputs bind.
func (sc *syncCheck) query(s *scope, q *spec.Query) {
	r := sc.resolve(q.Pattern, inWhere)
	for _, arg := range q.Pattern.In {
		sc.readArg(s, arg, r.inputType(arg.Param.Name))
	}
	origin := "`where` query " + q.Pattern.Concept.Name + "." + q.Pattern.Action.Name
	for _, arg := range q.Pattern.Out {
		if arg.Term.Kind == spec.Var && s.lookup(arg.Term.Name) != nil {
			sc.readArg(s, arg, r.outputType(arg.Param.Name)) // already bound: a join condition
			continue
		}
		sc.bindArg(s, arg, r.outputType(arg.Param.Name), origin)
	}
}

// bind checks a bind step's entries in order; each sees the ones before it.
func (sc *syncCheck) bind(s *scope, b *spec.Bind) {
	defer func() { sc.later = nil }()
	for i, e := range b.Entries {
		sc.later = map[string]diag.Span{}
		for _, l := range b.Entries[i+1:] {
			sc.later[l.Name.Name] = l.Name.Span
		}
		t := sc.expr(s, e.Expr)
		sc.bindNew(s, e.Name, t, "`bind`")
	}
}

// collect checks a collect step: `from` runs in a scope of its own.
func (sc *syncCheck) collect(s *scope, c *spec.Collect) {
	inner := newScope(s)
	sc.steps(inner, c.From)
	for _, f := range c.Fields {
		sc.read(inner, f.Name, f.Span)
	}
	if c.Value != nil {
		sc.expr(inner, c.Value)
	}
	sc.unused(inner)
	for _, v := range inner.order {
		sc.inner[v.name] = innerName{v.span, c.As.Name}
	}
	sc.bindNew(s, c.As, Type{Kind: List}, "`collect`")
}

// bindNew binds a name computed by bind or collect, which must be fresh.
func (sc *syncCheck) bindNew(s *scope, id spec.Ident, t Type, origin string) {
	if v := s.lookup(id.Name); v != nil {
		sc.diags.Errorf(id.Span, rules.Duplicate.ID, "choose another name; a variable keeps one value for the whole sync",
			"`%s` is already bound at line %d (%s)", id.Name, v.span.Line, v.origin)
		return
	}
	if v := s.add(id.Name, t, id.Span, origin); sc.early[id.Name] {
		v.reads++
	}
}
