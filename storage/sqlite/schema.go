package sqlite

import (
	"context"
	"fmt"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// Setup creates the tables and indexes of the collections, and drops the
// indexes of those tables that are no longer declared, in one
// transaction.
func (b *Backend) Setup(ctx context.Context, colls []backend.Collection) error {
	w, err := b.Write(ctx)
	if err != nil {
		return err
	}
	c := w.(*writer).c
	for _, setup := range []func(context.Context, *conn) error{setupCounts, setupCountsByTable} {
		if err := setup(ctx, c); err != nil {
			w.Rollback()
			return err
		}
	}
	for _, s := range colls {
		if err := setupTable(ctx, c, s); err != nil {
			w.Rollback()
			return err
		}
	}
	if err := w.Commit(ctx); err != nil {
		return err
	}
	b.countFields(colls)
	return nil
}

// setupTable creates the table of a collection and its indexes.
func setupTable(ctx context.Context, c *conn, s backend.Collection) error {
	t := table(s.Name)
	if _, err := c.c.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+t+" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)"); err != nil {
		return fmt.Errorf("creating the collection %s: %w", s.Name, err)
	}
	if err := setupCount(ctx, c, s.Name); err != nil {
		return err
	}
	if err := setupCountsBy(ctx, c, s); err != nil {
		return err
	}
	have, err := indexes(ctx, c, s.Name)
	if err != nil {
		return err
	}
	for _, ix := range s.Indexes {
		name := indexName(s.Name, ix)
		if have[name] {
			delete(have, name)
			continue
		}
		if _, err := c.c.ExecContext(ctx, sqlgen.CreateIndex("INDEX", table(name), table(s.Name), ix, column)); err != nil {
			return sqlgen.IndexError(s.Name, ix, err, isTaken(err))
		}
	}
	for name := range have { // declared no more
		if _, err := c.c.ExecContext(ctx, "DROP INDEX "+table(name)); err != nil {
			return fmt.Errorf("dropping the index %s that %s no longer declares: %w", name, s.Name, err)
		}
	}
	return nil
}

// indexName names the SQL index of a collection's index.
func indexName(coll string, ix backend.Index) string { return coll + "/" + ix.Name() }

// indexes returns the names of the indexes on a collection's table that
// Setup made (not SQLite's own, such as the primary key's).
func indexes(ctx context.Context, c *conn, coll string) (map[string]bool, error) {
	rows, err := c.c.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", coll)
	if err != nil {
		return nil, fmt.Errorf("listing the indexes of %s: %w", coll, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		have[name] = true
	}
	return have, rows.Err()
}
