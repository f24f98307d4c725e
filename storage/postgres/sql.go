package postgres

import (
	"strconv"
	"strings"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// ident quotes a name as an SQL identifier: a collection's name as its
// table's.
func ident(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// literal writes s as an SQL string literal.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// column is the SQL expression of a field: the id column, or the field of
// the JSONB document, spelt as the indexes spell it, so that queries are
// answered from them. A field's values compare and sort as JSONB values
// do: numbers as numbers, strings in the database's collation.
func column(field string) string {
	if field == backend.ID {
		return "id"
	}
	return "(doc -> " + literal(field) + ")"
}

// args collects the arguments of a statement, numbering their
// placeholders.
type args []any

// add adds an argument and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// conditions writes q's conditions on the SQL expressions col gives for
// their fields, the first after first, the others after AND, adding their
// arguments to a. A field's value is an argument of JSON text, a set one
// JSONB array argument; the id's are text.
func conditions(b *strings.Builder, q *backend.Query, col func(field string) string, a *args, first string) {
	for i, c := range q.Where {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(" AND ")
		}
		b.WriteString(col(c.Field))
		switch {
		case c.Field == backend.ID && c.Set:
			b.WriteString(" = ANY(" + a.add(strs(c.Values)) + "::text[])")
		case c.Field == backend.ID:
			b.WriteString(" = " + a.add(c.Values[0]) + "::text")
		case c.Set:
			b.WriteString(" = ANY(" + a.add(jsonTexts(c.Values)) + "::jsonb[])")
		default:
			b.WriteString(" = " + a.add(jsonText(c.Values[0])) + "::jsonb")
		}
	}
}

// where writes the WHERE clause of q, if any, adding its arguments to a.
func where(b *strings.Builder, q *backend.Query, a *args) {
	conditions(b, q, column, a, " WHERE ")
}

// findSQL is the SELECT of Find.
func findSQL(coll string, q *backend.Query) (string, args) {
	var b strings.Builder
	var a args
	b.WriteString("SELECT id, doc FROM " + ident(coll))
	where(&b, q, &a)
	sqlgen.OrderBy(&b, q, column)
	if q.Limit > 0 {
		b.WriteString(" LIMIT " + a.add(q.Limit))
	}
	if q.Offset > 0 {
		b.WriteString(" OFFSET " + a.add(q.Offset))
	}
	return b.String(), a
}

// countSQL is the SELECT of Count.
func countSQL(coll string, q *backend.Query) (string, args) {
	var b strings.Builder
	var a args
	b.WriteString("SELECT count(*) FROM " + ident(coll))
	where(&b, q, &a)
	return b.String(), a
}

// valuesSQL is the SELECT of the field's distinct values that q selects,
// strings, numbers and booleans, ascending, and with counted, of how many
// documents have each: Distinct's and CountBy's. It groups first and
// leaves out the other values after: testing each document's value would
// take it out of the document a second time, which cost as much as the
// grouping (OFFSET 0 keeps PostgreSQL from moving the test into the scan).
func valuesSQL(coll, field string, q *backend.Query, counted bool) (string, args) {
	var b strings.Builder
	var a args
	n := "0"
	if counted {
		n = "count(*)"
	}
	b.WriteString("SELECT v, n FROM (SELECT " + column(field) + " AS v, " + n + " AS n FROM " + ident(coll))
	where(&b, q, &a)
	b.WriteString(" GROUP BY 1 OFFSET 0) g WHERE jsonb_typeof(v) IN ('string', 'number', 'boolean') ORDER BY 1")
	return b.String(), a
}

// holderSQL is the SELECT of whether a document other than doc holds
// doc's values of the unique index ix.
func holderSQL(coll string, ix backend.Index, doc backend.Raw) (string, args) {
	var b strings.Builder
	a := args{doc.ID, doc.Data}
	b.WriteString("SELECT EXISTS (SELECT 1 FROM " + ident(coll) + " WHERE id <> $1")
	for _, f := range ix.Fields {
		b.WriteString(" AND " + column(f) + " = ($2::jsonb -> " + literal(f) + ")")
	}
	b.WriteString(")")
	return b.String(), a
}
