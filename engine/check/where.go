package check

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// query checks a join with a concept query: inputs are reads, outputs bind.
func (sc *syncCheck) query(s *scope, q *spec.Query) {
	p := q.Pattern
	sc.resolve(p, inWhere)
	for _, arg := range p.In {
		sc.readArg(s, arg, inputType(p, arg.Param.Name))
	}
	sc.quotedExpressions(s, p)
	origin := "`where` query " + p.Key()
	for _, arg := range p.Out {
		if arg.Term.Kind == spec.Var && s.lookup(arg.Term.Name) != nil {
			sc.readArg(s, arg, outputType(p, arg.Param.Name)) // already bound: a join condition
			continue
		}
		sc.bindArg(s, arg, outputType(p, arg.Param.Name), origin)
	}
}

// filter checks a filter's expression, which must be a Boolean.
func (sc *syncCheck) filter(s *scope, f *spec.Filter) {
	if t := sc.expr(s, f.Expr); t.Kind != types.Boolean && t.Kind != types.Any {
		sc.diags.Errorf(f.Expr.Span, rules.Type.ID, "a filter keeps the frames where it is true; compare with ==, <, in, …",
			"a filter must be a Boolean, but this is %s", t)
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
		e.Var = sc.bindNew(s, e.Name, t, "`bind`")
	}
}

// endCollect ends the check of a collect whose `from` and value inner
// saw: it reads the fields there, then binds the list in s, the scope
// around it. Names bound in inner do not escape.
func (sc *syncCheck) endCollect(inner, s *scope, c *spec.Collect) {
	c.FieldVars = make([]*spec.Variable, len(c.Fields))
	for i, f := range c.Fields {
		if v := sc.read(inner, f.Name, f.Span); v != nil {
			c.FieldVars[i] = v.Variable
		}
	}
	sc.unused(inner)
	for _, v := range inner.order {
		sc.inner[v.Name] = innerName{v.Span, c.As.Name}
	}
	c.Var = sc.bindNew(s, c.As, types.Type{Kind: types.List}, "`collect`")
}

// bindNew binds a name computed by bind or collect, which must be fresh,
// and returns its variable (nil when the name is taken).
func (sc *syncCheck) bindNew(s *scope, id spec.Ident, t types.Type, origin string) *spec.Variable {
	if v := s.lookup(id.Name); v != nil {
		sc.diags.Errorf(id.Span, rules.Duplicate.ID, "choose another name; a variable keeps one value for the whole sync",
			"`%s` is already bound at line %d (%s)", id.Name, v.Span.Line, v.Origin)
		return nil
	}
	v := s.add(id.Name, t, id.Span, origin)
	if sc.early[id.Name] {
		v.reads++
	}
	return v.Variable
}
