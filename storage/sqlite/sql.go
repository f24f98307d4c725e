package sqlite

import (
	"encoding/json"
	"strings"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// table quotes a collection's name as its table's.
func table(coll string) string { return `"` + strings.ReplaceAll(coll, `"`, `""`) + `"` }

// column is the SQL expression of a field: the id column, or the field
// of the JSON document, spelt as the indexes spell it.
func column(field string) string {
	if field == backend.ID {
		return "id"
	}
	return "json_extract(doc, '$." + field + "')"
}

// where writes the WHERE clause of q, if any, and returns its arguments.
func where(b *strings.Builder, q *backend.Query) []any {
	return conditions(b, q, column, make([]any, 0, len(q.Where)+2), " WHERE ")
}

// conditions writes q's conditions on the SQL expressions col gives for
// their fields, the first after first, the others after AND, and returns
// args with their arguments. A set is one argument, a JSON array that
// json_each reads.
func conditions(b *strings.Builder, q *backend.Query, col func(field string) string, args []any, first string) []any {
	for i, c := range q.Where {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(" AND ")
		}
		b.WriteString(col(c.Field))
		if !c.Set {
			b.WriteString(" = ?")
			args = append(args, bindable(c.Values[0]))
			continue
		}
		b.WriteString(" IN (SELECT value FROM json_each(?))")
		args = append(args, jsonArray(c.Values))
	}
	return args
}

// findSQL is the SELECT of Find.
func findSQL(coll string, q *backend.Query) (string, []any) {
	var b strings.Builder
	b.WriteString("SELECT id, doc FROM " + table(coll))
	args := where(&b, q)
	sqlgen.OrderBy(&b, q, column)
	if q.Limit > 0 || q.Offset > 0 {
		limit := q.Limit
		if limit == 0 {
			limit = -1
		}
		b.WriteString(" LIMIT ? OFFSET ?")
		args = append(args, limit, q.Offset)
	}
	return b.String(), args
}

// countSQL is the SELECT of Count.
func countSQL(coll string, q *backend.Query) (string, []any) {
	var b strings.Builder
	b.WriteString("SELECT count(*) FROM " + table(coll))
	args := where(&b, q)
	return b.String(), args
}

// valuesSQL is the SELECT of the field's distinct values that q selects,
// leaving out null, ascending, and with counted, of how many documents
// have each: Distinct's and CountBy's.
func valuesSQL(coll, field string, q *backend.Query, counted bool) (string, []any) {
	var b strings.Builder
	col := column(field)
	if counted {
		b.WriteString("SELECT " + col + ", count(*) FROM " + table(coll))
	} else {
		b.WriteString("SELECT DISTINCT " + col + ", 0 FROM " + table(coll))
	}
	args := where(&b, q)
	if len(q.Where) == 0 {
		b.WriteString(" WHERE ")
	} else {
		b.WriteString(" AND ")
	}
	b.WriteString(col + " IS NOT NULL")
	if counted {
		b.WriteString(" GROUP BY 1")
	}
	b.WriteString(" ORDER BY 1")
	return b.String(), args
}

// bindable is a query value as SQLite compares it with json_extract's:
// booleans are the integers 1 and 0.
func bindable(v any) any {
	if b, ok := v.(bool); ok {
		if b {
			return int64(1)
		}
		return int64(0)
	}
	return v
}

// jsonArray writes values, scalars, as a JSON array.
func jsonArray(values []any) string {
	data, err := json.Marshal(values)
	if err != nil {
		panic(err) // scalars always marshal
	}
	return string(data)
}
