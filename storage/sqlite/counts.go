package sqlite

import (
	"context"
	"fmt"
)

// countsTable holds the number of documents of each collection, kept by
// triggers in the transactions that insert and delete them, so that
// counting a whole collection reads one row, not every document: listing
// the newest page of 5,000 articles costs what it costs for 1,000.
const countsTable = "_legible_counts"

// setupCounts makes the counts table, if missing.
func setupCounts(ctx context.Context, c *conn) error {
	_, err := c.c.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+countsTable+" (coll TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL)")
	if err != nil {
		return fmt.Errorf("creating %s: %w", countsTable, err)
	}
	return nil
}

// setupCount makes the triggers that count the documents of a
// collection, and counts those it holds when it has no count yet.
func setupCount(ctx context.Context, c *conn, coll string) error {
	t, name := table(coll), quote(coll)
	stmts := []string{
		"INSERT OR IGNORE INTO " + countsTable + " (coll, n) SELECT " + name + ", count(*) FROM " + t,
		"CREATE TRIGGER IF NOT EXISTS " + table(coll+"/count+") + " AFTER INSERT ON " + t +
			" BEGIN UPDATE " + countsTable + " SET n = n + 1 WHERE coll = " + name + "; END",
		"CREATE TRIGGER IF NOT EXISTS " + table(coll+"/count-") + " AFTER DELETE ON " + t +
			" BEGIN UPDATE " + countsTable + " SET n = n - 1 WHERE coll = " + name + "; END",
	}
	for _, stmt := range stmts {
		if _, err := c.c.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("counting the documents of %s: %w", coll, err)
		}
	}
	return nil
}

// quote writes s as an SQL string literal.
func quote(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}

// countAllSQL is the SELECT of the count of a whole collection.
const countAllSQL = "SELECT n FROM " + countsTable + " WHERE coll = ?"
