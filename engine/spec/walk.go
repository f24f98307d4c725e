package spec

// Node is a node of a sync's tree that Inspect visits: *Sync, *Pattern,
// *Query, *Filter, *Bind, *BindEntry, *Collect or *Expr.
type Node interface{ node() }

func (*Sync) node()      {}
func (*Pattern) node()   {}
func (*Query) node()     {}
func (*Filter) node()    {}
func (*Bind) node()      {}
func (*BindEntry) node() {}
func (*Collect) node()   {}
func (*Expr) node()      {}

// Inspect walks the tree of n in the order its parts are written, as
// go/ast.Inspect does: it calls f(n); when f returns true, it walks each
// child of n, then calls f(nil). The children of a sync are its when
// patterns, its where steps and its then patterns; of a query, its
// pattern; of a filter, its expression; of a bind, its entries, and of an
// entry its expression; of a collect, its from steps, then its value.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch n := n.(type) {
	case *Sync:
		for _, p := range n.When {
			Inspect(p, f)
		}
		for _, st := range n.Where {
			Inspect(st, f)
		}
		for _, p := range n.Then {
			Inspect(p, f)
		}
	case *Query:
		Inspect(n.Pattern, f)
	case *Filter:
		Inspect(n.Expr, f)
	case *Bind:
		for _, e := range n.Entries {
			Inspect(e, f)
		}
	case *BindEntry:
		Inspect(n.Expr, f)
	case *Collect:
		for _, st := range n.From {
			Inspect(st, f)
		}
		if n.Value != nil {
			Inspect(n.Value, f)
		}
	}
	f(nil)
}
