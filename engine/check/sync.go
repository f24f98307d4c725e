package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
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

// checkSync checks scoping, typing and patterns of one sync, walking it
// in the order it is written, and resolves its variables (Sync.Vars).
// A collect opens a scope for its `from` and its value.
func (c *checker) checkSync(s *spec.Sync) {
	sc := &syncCheck{checker: c, s: s, thenOut: map[string]*spec.Pattern{}, inner: map[string]innerName{}, early: map[string]bool{}}
	s.Vars = nil
	scopes := []*scope{newScope(s, nil)}
	var open []spec.Node // the nodes being walked whose end matters: the sync and its collects
	patterns := 0        // of the sync's own patterns, how many were seen: the when patterns come first
	spec.Inspect(s, func(n spec.Node) bool {
		cur := scopes[len(scopes)-1]
		switch n := n.(type) {
		case nil:
			if col, ok := open[len(open)-1].(*spec.Collect); ok {
				scopes = scopes[:len(scopes)-1]
				sc.endCollect(cur, scopes[len(scopes)-1], col)
			}
			open = open[:len(open)-1]
		case *spec.Sync:
			open = append(open, n)
			return true
		case *spec.Pattern: // a when or then pattern: a query checks its own
			if patterns++; patterns <= len(s.When) {
				sc.when(cur, n)
			} else {
				sc.then(cur, n)
			}
		case *spec.Query:
			sc.query(cur, n)
		case *spec.Filter:
			sc.filter(cur, n)
		case *spec.Bind:
			sc.bind(cur, n)
		case *spec.Collect:
			open, scopes = append(open, n), append(scopes, newScope(s, cur))
			return true
		case *spec.Expr: // a collect's value
			sc.expr(cur, n)
		}
		return false
	})
	sc.accidentalJoins()
	sc.unused(scopes[0])
}

// when binds every variable of a when pattern, inputs and outputs alike.
func (sc *syncCheck) when(top *scope, p *spec.Pattern) {
	sc.resolve(p, inWhen)
	origin := "`when` pattern " + p.Key()
	for _, arg := range p.In {
		sc.bindArg(top, arg, requestType(p, arg.Param.Name), origin)
		if unquotedMethod(p, arg) {
			top.lookup(arg.Term.Name).reads++ // reported as the error it is (checkMethod), not as unused
		}
	}
	for _, arg := range p.Out {
		sc.bindArg(top, arg, outputType(p, arg.Param.Name), origin)
	}
}

// then checks an invoked action: its inputs are reads, and it binds nothing.
func (sc *syncCheck) then(top *scope, p *spec.Pattern) {
	sc.resolve(p, inThen)
	for _, arg := range p.In {
		sc.readArg(top, arg, inputType(p, arg.Param.Name))
	}
	sc.quotedExpressions(top, p)
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
func (sc *syncCheck) bindArg(s *scope, arg *spec.Arg, t types.Type, origin string) {
	if arg.Term.Kind != spec.Var {
		return
	}
	name := arg.Term.Name
	v := s.lookup(name)
	if v == nil {
		arg.Term.Var = s.add(name, t, arg.Term.Span, origin+", `"+arg.Param.Name+"`").Variable
		return
	}
	arg.Term.Var = v.Variable
	v.binds++
	if !types.Compatible(t, v.Type) {
		sc.diags.Errorf(arg.Term.Span, rules.Type.ID, "use two variables if they are different things",
			"`%s` is %s here, but it was bound as %s at line %d", name, t, v.Type, v.Span.Line)
	}
	if v.Type.Kind == types.Any {
		v.Type = t
	}
}

// readArg reads a pattern variable, which must be bound.
func (sc *syncCheck) readArg(s *scope, arg *spec.Arg, want types.Type) {
	if arg.Term.Kind != spec.Var {
		return
	}
	v := sc.read(s, arg.Term.Name, arg.Term.Span)
	if v == nil {
		return
	}
	arg.Term.Var = v.Variable
	if !types.Compatible(v.Type, want) {
		hint := fmt.Sprintf("`%s` was bound at line %d (%s)", v.Name, v.Span.Line, v.Origin) + builtinNamed(v.Type, want)
		sc.diags.Errorf(arg.Term.Span, rules.Type.ID, hint, "`%s` is declared %s, but `%s` is %s", arg.Param.Name, want, v.Name, v.Type)
	}
}

// builtinNamed explains a mismatch between an entity's id and a built-in
// type, which an entity named like one (`list: List`) is: it says so, and
// how to name the entity.
func builtinNamed(got, want types.Type) string {
	var builtin types.Type
	switch {
	case got.Kind == types.ID && want.Kind != types.ID && want.Kind != types.Any:
		builtin = want
	case want.Kind == types.ID && got.Kind != types.ID && got.Kind != types.Any:
		builtin = got
	case got.Kind == types.String && (want.Kind == types.List || want.Kind == types.Object):
		builtin = want // a string, a path parameter say, where a List is declared: an entity named like one
	default:
		return ""
	}
	name := builtin.String()
	return fmt.Sprintf("; `%s` is the built-in %s type, not an entity: to pass an id of an entity, give the entity a name of its own "+
		"in the concept's spec (e.g. `Shopping%s` rather than `%s`)", name, strings.ToLower(name), name, name)
}

// read marks a variable as used, or reports it unbound, unless the
// loader lost a part of the sync that may bind it (Sync.Hidden).
func (sc *syncCheck) read(s *scope, name string, sp diag.Span) *variable {
	v := s.lookup(name)
	if v == nil && sc.s.Hidden {
		return nil
	}
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
		if v.reads == 0 && v.binds == 1 && !strings.HasPrefix(v.Name, "_") {
			sc.diags.Warnf(v.Span, rules.UnusedVariable.ID, "remove it, or start its name with `_` to keep it as documentation",
				"`%s` is bound but never used", v.Name)
		}
	}
}

// inputType is the declared type of a resolved pattern's input, or Any.
func inputType(p *spec.Pattern, name string) types.Type {
	a := p.Target
	if a == nil {
		return types.Type{}
	}
	if param := findParam(a.In, name); param != nil {
		return a.Concept.Type(param.Type.Name)
	}
	if a.Open != nil {
		return a.Concept.Type(a.Open.Type.Name)
	}
	return types.Type{}
}

// requestType is the declared type of a pattern's input (inputType),
// but, in a request pattern, what the server gives: a path parameter of
// its path is a String, and `query` an Object of Strings.
func requestType(p *spec.Pattern, name string) types.Type {
	switch {
	case !p.IsRequest():
	case name == "query":
		return types.Type{Kind: types.Object, Values: types.String}
	case slices.Contains(strings.Split(p.RequestPath(), "/"), ":"+name):
		return types.Type{Kind: types.String}
	}
	return inputType(p, name)
}

// outputType is the declared type of an output of the outcome a resolved
// pattern matches, or Any.
func outputType(p *spec.Pattern, name string) types.Type {
	if p.Outcome == nil {
		return types.Type{}
	}
	if param := findParam(p.Outcome.Params, name); param != nil {
		return p.Target.Concept.Type(param.Type.Name)
	}
	return types.Type{}
}
