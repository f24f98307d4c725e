// Package sqlgen holds what the SQL backends (SQLite and PostgreSQL)
// write and read alike: the ORDER BY of a query, the CREATE INDEX of a
// declared index and its error when the documents break it, and the
// reading of (id, doc) rows. Each backend passes what differs: how a
// field becomes a column expression, how a name is quoted, and whether
// an error is a unique violation.
package sqlgen

import (
	"fmt"
	"strings"

	"github.com/legible/legible/storage/backend"
)

// OrderBy writes the ORDER BY clause of q: its orders, then the id when q
// breaks ties by it. column gives a field's expression.
func OrderBy(b *strings.Builder, q *backend.Query, column func(field string) string) {
	sort := q.Sort
	if q.TieBreak() {
		sort = append(sort[:len(sort):len(sort)], backend.Order{Field: backend.ID, Desc: q.Descending()})
	}
	b.WriteString(" ORDER BY ")
	for i, o := range sort {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(column(o.Field))
		if o.Desc {
			b.WriteString(" DESC")
		}
	}
}

// CreateIndex is the CREATE INDEX of ix, named index, on table (both
// quoted already): on the fields' expressions, and, unless unique, the
// id, which orders ties. create is what comes before the name: "INDEX"
// or "INDEX IF NOT EXISTS".
func CreateIndex(create, index, table string, ix backend.Index, column func(field string) string) string {
	cols := make([]string, 0, len(ix.Fields)+1)
	for _, f := range ix.Fields {
		cols = append(cols, column(f))
	}
	unique := "UNIQUE "
	if !ix.Unique {
		cols = append(cols, "id")
		unique = ""
	}
	return "CREATE " + unique + create + " " + index + " ON " + table + " (" + strings.Join(cols, ", ") + ")"
}

// IndexError explains an index of coll that could not be made: taken
// says that the documents already break it, being a unique index.
func IndexError(coll string, ix backend.Index, err error, taken bool) error {
	if taken {
		return fmt.Errorf("creating the unique index %s of %s: two documents have the same %s; make them differ, "+
			"or declare the index without Unique", ix.Name(), coll, strings.Join(ix.Fields, " and "))
	}
	return fmt.Errorf("creating the index %s of %s: %w", ix.Name(), coll, err)
}

// Rows are the rows of a query, as database/sql and pgx give them.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Docs reads the rows of a SELECT of id and doc. The caller closes rows.
func Docs(rows Rows) ([]backend.Raw, error) {
	var out []backend.Raw
	for rows.Next() {
		var d backend.Raw
		if err := rows.Scan(&d.ID, &d.Data); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Values returns the values of groups, in their order: what Distinct
// answers, from what CountBy's query reads without counting.
func Values(groups []backend.Group) []any {
	out := make([]any, len(groups))
	for i, g := range groups {
		out[i] = g.Value
	}
	return out
}
