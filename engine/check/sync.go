package check

import (
	"fmt"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// syncCheck is the state of checking one sync.
type syncCheck struct {
	*checker
	s *spec.Sync
	// thenOut maps a name written in a then action's `out:` to that action,
	// to explain why reading it later finds nothing bound.
	thenOut map[string]*spec.Pattern
	// inner maps a name bound inside a collect's `from` to that collect.
	inner map[string]innerName
	// later maps the names of the entries after the one being checked in a
	// bind step to where they are, while that step is checked.
	later map[string]diag.Span
	// early holds names read before a later entry of the same bind binds
	// them; that read is reported, and counts as a use of the binding.
	early map[string]bool
}

// innerName is a variable bound inside a collect, and the collect's list.
type innerName struct {
	span diag.Span
	as   string
}

// checkSync checks scoping, typing and patterns of one sync.
func (c *checker) checkSync(s *spec.Sync) {
	sc := &syncCheck{checker: c, s: s, thenOut: map[string]*spec.Pattern{}, inner: map[string]innerName{}, early: map[string]bool{}}
	top := newScope(nil)
	for _, p := range s.When {
		sc.when(top, p)
	}
	sc.steps(top, s.Where)
	for _, p := range s.Then {
		sc.then(top, p)
	}
	sc.unused(top)
}

// when binds every variable of a when pattern, inputs and outputs alike.
func (sc *syncCheck) when(top *scope, p *spec.Pattern) {
	r := sc.resolve(p, inWhen)
	origin := "`when` pattern " + p.Concept.Name + "." + p.Action.Name
	for _, arg := range p.In {
		sc.bindArg(top, arg, r.inputType(arg.Param.Name), origin)
		if unquotedMethod(p, arg) {
			top.lookup(arg.Term.Name).reads++ // reported as the error it is (checkMethod), not as unused
		}
	}
	for _, arg := range p.Out {
		sc.bindArg(top, arg, r.outputType(arg.Param.Name), origin)
	}
}

// then checks an invoked action: its inputs are reads, and it binds nothing.
func (sc *syncCheck) then(top *scope, p *spec.Pattern) {
	r := sc.resolve(p, inThen)
	for _, arg := range p.In {
		sc.readArg(top, arg, r.inputType(arg.Param.Name))
	}
	if p.HasOut {
		sc.diags.Errorf(p.OutSpan, rules.ThenOutput.ID, sc.newSyncHint(p),
			"`out:` on a `then` action binds nothing: `then` only invokes %s.%s", p.Concept.Name, p.Action.Name)
		for _, arg := range p.Out {
			if arg.Term.Kind == spec.Var {
				sc.thenOut[arg.Term.Name] = p
			}
		}
	}
}

// bindArg binds a pattern variable, or joins on it when already bound.
func (sc *syncCheck) bindArg(s *scope, arg *spec.Arg, t Type, origin string) {
	if arg.Term.Kind != spec.Var {
		return
	}
	name := arg.Term.Name
	v := s.lookup(name)
	if v == nil {
		s.add(name, t, arg.Term.Span, origin+", `"+arg.Param.Name+"`")
		return
	}
	v.binds++
	if !compatible(t, v.typ) {
		sc.diags.Errorf(arg.Term.Span, rules.Type.ID, "use two variables if they are different things",
			"`%s` is %s here, but it was bound as %s at line %d", name, t, v.typ, v.span.Line)
	}
	if v.typ.Kind == Any {
		v.typ = t
	}
}

// readArg reads a pattern variable, which must be bound.
func (sc *syncCheck) readArg(s *scope, arg *spec.Arg, want Type) {
	if arg.Term.Kind != spec.Var {
		return
	}
	v := sc.read(s, arg.Term.Name, arg.Term.Span)
	if v != nil && !compatible(v.typ, want) {
		hint := fmt.Sprintf("`%s` was bound at line %d (%s)", v.name, v.span.Line, v.origin) + builtinNamed(v.typ, want)
		sc.diags.Errorf(arg.Term.Span, rules.Type.ID, hint, "`%s` is declared %s, but `%s` is %s", arg.Param.Name, want, v.name, v.typ)
	}
}

// builtinNamed explains a mismatch between an entity's id and a built-in
// type, which an entity named like one (`list: List`) is: it says so, and
// how to name the entity.
func builtinNamed(got, want Type) string {
	builtin := got
	if got.Kind == ID {
		builtin = want
	}
	if (got.Kind == ID) == (want.Kind == ID) || builtin.Kind == Any {
		return ""
	}
	name := builtin.String()
	return fmt.Sprintf("; `%s` is the built-in %s type, not an entity: to pass an id of an entity, give the entity a name of its own "+
		"in the concept's spec (e.g. `Shopping%s` rather than `%s`)", name, strings.ToLower(name), name, name)
}

// read marks a variable as used, or reports it unbound.
func (sc *syncCheck) read(s *scope, name string, sp diag.Span) *variable {
	v := s.lookup(name)
	if v == nil {
		if _, ok := sc.later[name]; ok {
			sc.early[name] = true
		}
		sc.diags.Errorf(sp, rules.UnboundVariable.ID, sc.unboundHint(s, name),
			"`%s` is read here, but nothing binds it", name)
		return nil
	}
	v.reads++
	return v
}

// unused warns about variables bound once and never read. A sync the
// loader could not read whole is skipped: the reads may be in what it lost.
func (sc *syncCheck) unused(s *scope) {
	if sc.s.Damaged {
		return
	}
	for _, v := range s.order {
		if v.reads == 0 && v.binds == 1 && !strings.HasPrefix(v.name, "_") {
			sc.diags.Warnf(v.span, rules.UnusedVariable.ID, "remove it, or start its name with `_` to keep it as documentation",
				"`%s` is bound but never used", v.name)
		}
	}
}

// inputType is the declared type of a pattern's input, or Any.
func (r resolved) inputType(name string) Type {
	if r.action == nil {
		return Type{}
	}
	if p := findParam(r.action.In, name); p != nil {
		return typeOf(r.action.Concept, p.Type.Name)
	}
	if r.action.Open != nil {
		return typeOf(r.action.Concept, r.action.Open.Type.Name)
	}
	return Type{}
}

// outputType is the declared type of an output of the matched outcome.
func (r resolved) outputType(name string) Type {
	if r.outcome == nil {
		return Type{}
	}
	if p := findParam(r.outcome.Params, name); p != nil {
		return typeOf(r.action.Concept, p.Type.Name)
	}
	return Type{}
}
