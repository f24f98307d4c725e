package program

import (
	"github.com/legible/legible/engine/spec"
)

// Arg is one compiled argument: a literal, or a variable's slot.
type Arg struct {
	Param string
	Slot  int // the variable's slot, or -1 for a literal
	Value any // the literal's value
	Bind  bool
}

// IsLiteral reports whether the argument is a literal.
func (a Arg) IsLiteral() bool { return a.Slot < 0 }

// Pattern is a compiled when pattern. In `Bind` arguments the variable
// takes the record's value; in the others the record must hold the
// variable's (or the literal's) value.
type Pattern struct {
	Key   string
	Index int // the pattern's place in the sync's `when`
	In    []Arg
	Out   []Arg
	Error bool // matches error outcomes; otherwise successes
}

// Anchor is a sync to try when the action of one of its when patterns
// completes. Order holds its patterns in matching order: first the one the
// completed record must match, then the others, each compiled for that
// order (a variable is bound by the first pattern that names it).
type Anchor struct {
	Sync  *Sync
	Order []*Pattern
}

// anchors compiles one anchor per when pattern of s.
func (c *compiler) anchors(s *Sync, when []*spec.Pattern) []*Anchor {
	out := make([]*Anchor, len(when))
	for i := range when {
		order := append([]int{i}, others(len(when), i)...)
		bound := map[int]bool{}
		a := &Anchor{Sync: s}
		for _, j := range order {
			a.Order = append(a.Order, c.pattern(when[j], j, bound))
		}
		out[i] = a
	}
	return out
}

// others returns 0..n-1 without i.
func others(n, i int) []int {
	out := make([]int, 0, n-1)
	for j := range n {
		if j != i {
			out = append(out, j)
		}
	}
	return out
}

// pattern compiles a when pattern; bound holds the slots bound before it.
func (c *compiler) pattern(p *spec.Pattern, index int, bound map[int]bool) *Pattern {
	cp := &Pattern{Key: p.Key(), Index: index}
	cp.In = c.args(p.In, bound, true)
	cp.Out = c.args(p.Out, bound, true)
	for _, a := range p.Out {
		cp.Error = cp.Error || a.Param.Name == "error"
	}
	return cp
}

// args compiles arguments. With binding, a variable not yet in bound is
// bound here; otherwise every variable must already be bound (a read).
func (c *compiler) args(args []*spec.Arg, bound map[int]bool, binding bool) []Arg {
	out := make([]Arg, 0, len(args))
	for _, a := range args {
		arg := Arg{Param: a.Param.Name, Slot: -1, Value: a.Term.Value}
		if a.Term.Kind == spec.Var {
			arg.Slot = a.Term.Var.Slot
			arg.Bind = binding && !bound[arg.Slot]
			bound[arg.Slot] = true
		}
		out = append(out, arg)
	}
	return out
}
