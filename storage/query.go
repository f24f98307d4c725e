package storage

import (
	"fmt"
	"math"

	"github.com/legible/legible/storage/backend"
)

// ID names a document's id in a Cond or an Order, as if it were a field.
const ID = backend.ID

// Query selects documents of a collection: those that meet every Cond of
// Where, in the order of Sort and then by id, Offset skipped, at most
// Limit of them (no limit when 0). Every field it names must be a field
// of one of the collection's indexes, or ID, so that every query is
// answered from an index.
type Query struct {
	Where  []Cond
	Sort   []Order
	Limit  int
	Offset int
}

// Where returns the query of the documents that meet every cond, in id
// order.
func Where(conds ...Cond) Query { return Query{Where: conds} }

// Cond is a condition on one field: that it equals one of Values (one,
// for Eq). Make it with Eq or In.
type Cond struct {
	Field  string
	Values []any
	// Set is true for In: the field is one of Values, and an empty list
	// selects nothing.
	Set bool
}

// Eq is the condition that field equals v: a string, a number or a
// boolean.
func Eq(field string, v any) Cond { return Cond{Field: field, Values: []any{v}} }

// In is the condition that field equals one of vs; no vs selects nothing.
func In[V any](field string, vs []V) Cond {
	values := make([]any, len(vs))
	for i, v := range vs {
		values[i] = v
	}
	return Cond{Field: field, Values: values, Set: true}
}

// Order sorts by one field, ascending unless Desc.
type Order struct {
	Field string
	Desc  bool
}

// Asc sorts by field, smallest first.
func Asc(field string) Order { return Order{Field: field} }

// Desc sorts by field, largest first.
func Desc(field string) Order { return Order{Field: field, Desc: true} }

// check checks q against the collection m, and makes its values the
// scalars backends take: strings, booleans, int64 and float64.
func (q Query) check(m *meta) (*backend.Query, error) {
	s, fields := &m.coll, m.indexed
	out := &backend.Query{Where: make([]backend.Cond, len(q.Where)), Limit: q.Limit, Offset: q.Offset}
	for i, c := range q.Where {
		if !fields[c.Field] {
			return nil, unindexed(s, c.Field, "filters on")
		}
		values := make([]any, len(c.Values))
		for j, v := range c.Values {
			n, err := scalar(v)
			if err != nil {
				return nil, fmt.Errorf("a query of %s on %s: %w", s.Name, c.Field, err)
			}
			values[j] = n
		}
		out.Where[i] = backend.Cond{Field: c.Field, Values: values, Set: c.Set}
	}
	for _, o := range q.Sort {
		if !fields[o.Field] {
			return nil, unindexed(s, o.Field, "sorts by")
		}
		out.Sort = append(out.Sort, backend.Order(o))
	}
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("a query of %s has limit %d and offset %d; neither may be negative", s.Name, q.Limit, q.Offset)
	}
	return out, nil
}

// unindexed is the error of a query that filters on, or sorts by, a
// field no index of s holds.
func unindexed(s *backend.Collection, field, doing string) error {
	return fmt.Errorf("a query of %s %s %s, which no index of it holds; declare an index on %s in NewCollection",
		s.Name, doing, field, field)
}

// scalar makes v a value backends take alike: a string, a boolean, an
// int64, or a float64 for a number that is not whole.
func scalar(v any) (any, error) {
	switch v := v.(type) {
	case string, bool, int64:
		return v, nil
	case int:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v), nil
		}
		return v, nil
	}
	return nil, fmt.Errorf("a query value must be a string, a number or a boolean, not %T", v)
}
