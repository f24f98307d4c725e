package backend

import (
	"fmt"
	"strings"
)

// ID names a document's id in a Cond or an Order, as if it were a field.
const ID = "_id"

// Query selects documents of a collection: those that meet every Cond of
// Where, in the order of Sort and then by id, Offset skipped, at most
// Limit of them (no limit when 0). Package storage has checked it: every
// field it names is held by an index of the collection, or is ID, and its
// values are strings, booleans, int64 for whole numbers and float64.
type Query struct {
	Where  []Cond
	Sort   []Order
	Limit  int
	Offset int
}

// Cond is a condition on one field: that it equals one of Values.
type Cond struct {
	Field  string
	Values []any
	// Set is true for a membership: an empty list selects nothing.
	Set bool
}

// Order sorts by one field, ascending unless Desc.
type Order struct {
	Field string
	Desc  bool
}

// Empty reports whether q selects nothing for sure: it has a membership
// with no values.
func (q *Query) Empty() bool {
	for _, c := range q.Where {
		if c.Set && len(c.Values) == 0 {
			return true
		}
	}
	return false
}

// OnlyOn reports whether every condition of q is on the field (so, too,
// when q has none).
func (q *Query) OnlyOn(field string) bool {
	for _, c := range q.Where {
		if c.Field != field {
			return false
		}
	}
	return true
}

// Descending reports whether ties are broken by id from the largest: when
// the last order is descending, so that one index serves the whole order.
func (q *Query) Descending() bool { return len(q.Sort) > 0 && q.Sort[len(q.Sort)-1].Desc }

// TieBreak reports whether a backend orders ties by id after q's orders:
// unless one of them is on ID already.
func (q *Query) TieBreak() bool {
	for _, o := range q.Sort {
		if o.Field == ID {
			return false
		}
	}
	return true
}

// String writes q for error messages.
func (q *Query) String() string {
	var b strings.Builder
	for i, c := range q.Where {
		if i > 0 {
			b.WriteString(" and ")
		}
		if c.Set {
			fmt.Fprintf(&b, "%s in %v", c.Field, c.Values)
		} else {
			fmt.Fprintf(&b, "%s = %v", c.Field, c.Values[0])
		}
	}
	return b.String()
}
