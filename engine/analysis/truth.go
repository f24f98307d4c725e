package analysis

import (
	"github.com/expr-lang/expr/ast"

	"github.com/legible/legible/engine/spec"
)

// value is what a scenario knows of a value in a filter: nothing, that it
// is null, that it is not, or what it is.
type value struct {
	known int // unknown, null, notNull or literal
	lit   any
}

// The kinds of knowledge of a value.
const (
	unknown = iota
	null
	notNull
	literal
)

// maxDepth bounds how deep binds of binds are worked out.
const maxDepth = 16

// truth returns what the scenario knows of a condition of s in route r:
// a literal true or false, or unknown.
func (sc *scenario) truth(n ast.Node, s *syncInfo, r *spec.Route) value {
	return asBool(sc.eval(n, s, r, 0))
}

// eval works out what the scenario knows of an expression of s: the
// request's path and method in the route, the outputs of the lookups (nil
// when one finds nothing, not nil when it finds rows), constants, and the
// logic and comparisons of those; anything else is unknown.
func (sc *scenario) eval(n ast.Node, s *syncInfo, r *spec.Route, depth int) value {
	if depth > maxDepth {
		return value{}
	}
	switch n := n.(type) {
	case *ast.NilNode:
		return value{known: null}
	case *ast.StringNode:
		return value{known: literal, lit: n.Value}
	case *ast.IntegerNode:
		return value{known: literal, lit: float64(n.Value)}
	case *ast.FloatNode:
		return value{known: literal, lit: n.Value}
	case *ast.BoolNode:
		return value{known: literal, lit: n.Value}
	case *ast.IdentifierNode:
		return sc.variable(n.Value, s, r, depth)
	case *ast.UnaryNode:
		if n.Operator == "!" || n.Operator == "not" {
			return not(asBool(sc.eval(n.Node, s, r, depth)))
		}
	case *ast.BinaryNode:
		return sc.binary(n, s, r, depth)
	case *ast.ConditionalNode:
		switch c := asBool(sc.eval(n.Cond, s, r, depth)); {
		case c.lit == true:
			return sc.eval(n.Exp1, s, r, depth)
		case c.lit == false:
			return sc.eval(n.Exp2, s, r, depth)
		}
	}
	return value{}
}

// variable works out a variable of s.
func (sc *scenario) variable(name string, s *syncInfo, r *spec.Route, depth int) value {
	v, ok := s.vars[name]
	switch {
	case !ok:
		return value{}
	case v.route == "path":
		return value{known: literal, lit: r.Path}
	case v.route == "method" && r.Method != "":
		return value{known: literal, lit: r.Method}
	case v.lookup != nil && sc.loose:
		return value{}
	case v.lookup != nil && sc.empty[*v.lookup]:
		return value{known: null}
	case v.lookup != nil || v.found:
		return value{known: notNull}
	case v.bind != nil:
		return sc.eval(v.bind, s, r, depth+1)
	}
	return value{}
}

// binary works out a logical operator or a comparison.
func (sc *scenario) binary(n *ast.BinaryNode, s *syncInfo, r *spec.Route, depth int) value {
	l, rt := sc.eval(n.Left, s, r, depth), sc.eval(n.Right, s, r, depth)
	switch n.Operator {
	case "&&", "and":
		l, rt = asBool(l), asBool(rt)
		if l.lit == false || rt.lit == false {
			return boolean(false)
		}
		if l.lit == true && rt.lit == true {
			return boolean(true)
		}
	case "||", "or":
		l, rt = asBool(l), asBool(rt)
		if l.lit == true || rt.lit == true {
			return boolean(true)
		}
		if l.lit == false && rt.lit == false {
			return boolean(false)
		}
	case "==":
		return equal(l, rt)
	case "!=":
		return not(equal(l, rt))
	}
	return value{}
}

// equal works out whether two values are equal.
func equal(a, b value) value {
	switch {
	case a.known == literal && b.known == literal:
		return boolean(a.lit == b.lit)
	case a.known == null && b.known == null:
		return boolean(true)
	case a.known == null && (b.known == notNull || b.known == literal && b.lit != nil),
		b.known == null && (a.known == notNull || a.known == literal && a.lit != nil):
		return boolean(false)
	}
	return value{}
}

// asBool keeps a known boolean; anything else is unknown.
func asBool(v value) value {
	if _, ok := v.lit.(bool); ok && v.known == literal {
		return v
	}
	return value{}
}

// not negates a known boolean.
func not(v value) value {
	if b, ok := v.lit.(bool); ok && v.known == literal {
		return boolean(!b)
	}
	return value{}
}

// boolean is a known boolean.
func boolean(b bool) value { return value{known: literal, lit: b} }
