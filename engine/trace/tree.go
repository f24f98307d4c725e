package trace

// Node is a record in a flow's causal tree.
type Node struct {
	Record   *Record
	Sync     string  // the sync that invoked the record; empty for a root
	Children []*Node // the records this one's completion caused, in completion order
}

// Tree returns the causal tree of a flow: a record's parent is the record
// named by its Cause.Parent, and the roots are the records without a cause
// or whose parent is missing (a root whose parent is missing keeps its
// Sync). Roots and children are in completion order.
//
// A parent always completes before the records its completion causes, so
// a cause naming a later record (or the record itself) counts as a missing
// parent; this keeps the tree acyclic even for hand-built flows. Should ids
// repeat, a cause names the latest earlier record with that id.
func Tree(f *Flow) []*Node {
	if f == nil {
		return nil
	}
	byID := make(map[string]*Node, len(f.Records))
	var roots []*Node
	for _, r := range f.Records {
		if r == nil {
			continue
		}
		n := &Node{Record: r}
		if r.Cause != nil {
			n.Sync = r.Cause.Sync
		}
		if parent := parentOf(r, byID); parent != nil {
			parent.Children = append(parent.Children, n)
		} else {
			roots = append(roots, n)
		}
		byID[r.ID] = n
	}
	return roots
}

// parentOf returns the node of r's parent among the earlier records.
func parentOf(r *Record, earlier map[string]*Node) *Node {
	if r.Cause == nil {
		return nil
	}
	return earlier[r.Cause.Parent]
}
