package program

import (
	"slices"

	"github.com/expr-lang/expr/ast"
)

// Literal is an expression that only builds objects and lists of
// variables and constants, such as the value of a collect,
// `{"slug": slug, "author": {"username": username}}`. The engine builds
// its value straight from the frame, as the expression would, without
// running it: the objects come out sized, and no environment is filled.
type Literal struct {
	Keys  []string   // an object's keys, in order, one per item
	Items []*Literal // an object's values or a list's items
	List  bool       // a list, not an object
	Slot  int        // a variable, when Keys and Items are nil and Slot >= 0
	Value any        // a constant, when Slot < 0
}

// Build returns the literal's value for a frame: new objects and lists
// each time, as the expression gives.
func (l *Literal) Build(frame []any) any {
	switch {
	case l.List:
		out := make([]any, len(l.Items))
		for i, it := range l.Items {
			out[i] = it.Build(frame)
		}
		return out
	case l.Keys != nil:
		out := make(map[string]any, len(l.Keys))
		for i, k := range l.Keys {
			out[k] = l.Items[i].Build(frame)
		}
		return out
	case l.Slot >= 0:
		return frame[l.Slot]
	}
	return l.Value
}

// literal returns the Literal for an expression's tree, which reads the
// variables vars, or nil when the tree does more than build objects and
// lists of variables and scalar constants.
func literal(n ast.Node, vars []Field) *Literal {
	switch n := n.(type) {
	case *ast.MapNode:
		return object(n, vars)
	case *ast.ArrayNode:
		l := &Literal{List: true, Items: make([]*Literal, len(n.Nodes))}
		for i, item := range n.Nodes {
			if l.Items[i] = literal(item, vars); l.Items[i] == nil {
				return nil
			}
		}
		return l
	case *ast.IdentifierNode:
		for _, v := range vars {
			if v.Name == n.Value {
				return &Literal{Slot: v.Slot}
			}
		}
		return nil
	}
	if v, ok := scalar(n); ok {
		return &Literal{Slot: -1, Value: v}
	}
	return nil
}

// object returns the Literal of an object whose keys are all strings,
// each once (of a repeated key, the program keeps the first value).
func object(n *ast.MapNode, vars []Field) *Literal {
	l := &Literal{Keys: make([]string, len(n.Pairs)), Items: make([]*Literal, len(n.Pairs))}
	for i, p := range n.Pairs {
		pair, ok := p.(*ast.PairNode)
		if !ok {
			return nil
		}
		key, ok := pair.Key.(*ast.StringNode)
		if !ok || slices.Contains(l.Keys[:i], key.Value) {
			return nil
		}
		l.Keys[i] = key.Value
		if l.Items[i] = literal(pair.Value, vars); l.Items[i] == nil {
			return nil
		}
	}
	return l
}

// scalar returns the flow value of a constant string, number, boolean or
// nil.
func scalar(n ast.Node) (any, bool) {
	switch n := n.(type) {
	case *ast.NilNode:
		return nil, true
	case *ast.StringNode:
		return n.Value, true
	case *ast.IntegerNode:
		return float64(n.Value), true
	case *ast.FloatNode:
		return n.Value, true
	case *ast.BoolNode:
		return n.Value, true
	}
	return nil, false
}
