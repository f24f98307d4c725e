package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/storage/backend"
)

// countsByTable holds, for each counted field of a collection (a counted
// index's first field), how many documents have each value of it that is
// a string, a number or a boolean: a row per value, kept by triggers in
// the transactions that write the documents, and gone when no document
// has the value. The value is stored as json_extract gives it, so it
// compares and sorts as the field does in queries.
const countsByTable = "_legible_counts_by"

// setupCountsByTable makes the table of the kept counts, if missing.
func setupCountsByTable(ctx context.Context, c *conn) error {
	_, err := c.c.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+countsByTable+
		" (coll TEXT NOT NULL, field TEXT NOT NULL, value NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (coll, field, value)) WITHOUT ROWID")
	if err != nil {
		return fmt.Errorf("creating %s: %w", countsByTable, err)
	}
	return nil
}

// setupCountsBy makes the triggers that keep the counts of the fields the
// collection counts, counting the documents there are for a field it did
// not count before, and drops the triggers and the counts of the fields it
// counts no more.
func setupCountsBy(ctx context.Context, c *conn, s backend.Collection) error {
	have, err := countedFields(ctx, c, s.Name)
	if err != nil {
		return err
	}
	want := s.Counted()
	for _, f := range want {
		if !slices.Contains(have, f) {
			if err := startCounting(ctx, c, s.Name, f); err != nil {
				return fmt.Errorf("counting the documents of %s by %s: %w", s.Name, f, err)
			}
		}
	}
	for _, f := range have {
		if !slices.Contains(want, f) {
			if err := stopCounting(ctx, c, s.Name, f); err != nil {
				return fmt.Errorf("dropping the counts of %s by %s, which it no longer counts: %w", s.Name, f, err)
			}
		}
	}
	return nil
}

// countEvents are the events of the triggers that keep the counts of a
// field, named "COLL/countby:FIELD:EVENT" (triggerName).
var countEvents = []string{"insert", "delete", "update"}

// triggerPrefix begins the names of the triggers that keep the counts of
// a collection's fields.
func triggerPrefix(coll string) string { return coll + "/countby:" }

// countedFields returns the fields whose counts triggers keep for coll.
func countedFields(ctx context.Context, c *conn, coll string) ([]string, error) {
	prefix := triggerPrefix(coll)
	rows, err := c.c.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "+
		"AND substr(name, 1, ?) = ?", coll, len(prefix), prefix)
	if err != nil {
		return nil, fmt.Errorf("listing the counted fields of %s: %w", coll, err)
	}
	defer rows.Close()
	var fields []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if f, ok := strings.CutSuffix(strings.TrimPrefix(name, prefix), ":insert"); ok {
			fields = append(fields, f)
		}
	}
	return fields, rows.Err()
}

// startCounting counts the documents of coll by the field, and makes the
// triggers that keep the counts.
func startCounting(ctx context.Context, c *conn, coll, field string) error {
	key, v := keyOf(coll, field), column(field)
	stmts := []string{
		"DELETE FROM " + countsByTable + " WHERE " + key,
		"INSERT INTO " + countsByTable + " (coll, field, value, n) SELECT " + quote(coll) + ", " + quote(field) + ", " + v +
			", count(*) FROM " + table(coll) + " WHERE " + scalar("doc", field) + " GROUP BY 3",
		trigger(coll, field, "insert", "AFTER INSERT ON "+table(coll), add(coll, field, "NEW")),
		trigger(coll, field, "delete", "AFTER DELETE ON "+table(coll), remove(coll, field, "OLD")),
		trigger(coll, field, "update", "AFTER UPDATE OF doc ON "+table(coll)+" WHEN "+jsonField("OLD", field)+" IS NOT "+
			jsonField("NEW", field), remove(coll, field, "OLD")+" "+add(coll, field, "NEW")),
	}
	for _, stmt := range stmts {
		if _, err := c.c.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// stopCounting drops the triggers that keep the counts of coll by the
// field, and the counts.
func stopCounting(ctx context.Context, c *conn, coll, field string) error {
	for _, event := range countEvents {
		if _, err := c.c.ExecContext(ctx, "DROP TRIGGER IF EXISTS "+triggerName(coll, field, event)); err != nil {
			return err
		}
	}
	_, err := c.c.ExecContext(ctx, "DELETE FROM "+countsByTable+" WHERE "+keyOf(coll, field))
	return err
}

// triggerName is the quoted name of the trigger that keeps the counts of
// coll by the field on the event.
func triggerName(coll, field, event string) string {
	return table(triggerPrefix(coll) + field + ":" + event)
}

// trigger is the CREATE TRIGGER that runs body on the event of coll's
// table, at when.
func trigger(coll, field, event, when, body string) string {
	return "CREATE TRIGGER " + triggerName(coll, field, event) + " " + when + " BEGIN " + body + " END"
}

// jsonField is the field of the document row (NEW or OLD) in a trigger.
func jsonField(row, field string) string { return "json_extract(" + row + ".doc, '$." + field + "')" }

// scalar is the condition that the field of the document doc (a column,
// or a row's in a trigger: NEW.doc) is a string, a number or a boolean:
// the values that are counted.
func scalar(doc, field string) string {
	return "json_type(" + doc + ", '$." + field + "') IN ('text', 'integer', 'real', 'true', 'false')"
}

// keyOf is the condition on the rows of the counts of coll by the field.
func keyOf(coll, field string) string {
	return "coll = " + quote(coll) + " AND field = " + quote(field)
}

// add is the statement of a trigger that counts the document row (NEW)
// under its value of the field, if that is a scalar.
func add(coll, field, row string) string {
	return "INSERT INTO " + countsByTable + " (coll, field, value, n) SELECT " + quote(coll) + ", " + quote(field) + ", " +
		jsonField(row, field) + ", 1 WHERE " + scalar(row+".doc", field) + " ON CONFLICT (coll, field, value) DO UPDATE SET n = n + 1;"
}

// remove is the statements of a trigger that uncount the document row
// (OLD), if its value of the field is a scalar, dropping the count of the
// value when it reaches zero.
func remove(coll, field, row string) string {
	where := " WHERE " + keyOf(coll, field) + " AND value = " + jsonField(row, field) + " AND " + scalar(row+".doc", field)
	return "UPDATE " + countsByTable + " SET n = n - 1" + where + "; DELETE FROM " + countsByTable + where + " AND n <= 0;"
}

// keptSQL is the SELECT of the kept counts of coll by the field that q
// selects, every condition of q being on the field: of each value,
// ascending, or with total, of all of them together.
func keptSQL(coll, field string, q *backend.Query, total bool) (string, []any) {
	var b strings.Builder
	if total {
		b.WriteString("SELECT coalesce(sum(n), 0) FROM ")
	} else {
		b.WriteString("SELECT value, n FROM ")
	}
	b.WriteString(countsByTable + " WHERE coll = ? AND field = ?")
	args := conditions(&b, q, func(string) string { return "value" }, []any{coll, field}, " AND ")
	if !total {
		b.WriteString(" ORDER BY value")
	}
	return b.String(), args
}

// countFields notes the fields that the collections count, which Setup
// has just made the triggers of.
func (b *Backend) countFields(colls []backend.Collection) {
	counted := map[string][]string{}
	for _, s := range colls {
		counted[s.Name] = s.Counted()
	}
	b.counted.Store(&counted)
}

// keeps reports whether the counts of coll by the field are kept.
func (b *Backend) keeps(coll, field string) bool {
	counted := b.counted.Load()
	return counted != nil && slices.Contains((*counted)[coll], field)
}
