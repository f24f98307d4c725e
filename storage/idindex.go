package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"

	"go.mongodb.org/mongo-driver/v2/mongo"
	_ "modernc.org/sqlite" // the SQLite driver FerretDB links, to add indexes to its tables
)

// idExpr is the expression FerretDB 1.24.2's SQLite backend compares when
// a filter is one `_id`. Its own `_id` index is on another spelling of the
// path (`->"_id"`), which SQLite cannot match to this one, so without an
// index on this expression every lookup by `_id` scans the table.
const idExpr = `_ferretdb_sjson->'$._id'`

// IndexIDs makes lookups by `_id` use an index on the embedded server: it
// adds an index on idExpr to the table of each collection that exists.
// Measured at 5,000 documents: 14.8 ms per lookup before, 0.56 ms after.
// Run it after the concepts' Setup has created their collections (see
// Create); it is idempotent. On a MongoDB server it does nothing.
func (s *Store) IndexIDs(ctx context.Context) error {
	if s.server == nil {
		return nil
	}
	file := filepath.Join(s.server.dir, s.db.Name()+".sqlite")
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: file, RawQuery: "_pragma=busy_timeout(10000)"}).String())
	if err != nil {
		return fmt.Errorf("opening %s to index `_id`s: %w", file, err)
	}
	defer db.Close()
	tables, err := collectionTables(ctx, db)
	if err != nil {
		return fmt.Errorf("listing the collections in %s: %w; check that it is FerretDB data", file, err)
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (%s)`, t+"_legible_id", t, idExpr)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("indexing `_id` in %s of %s: %w", t, file, err)
		}
	}
	return nil
}

// collectionTables returns the names of the tables that FerretDB keeps
// collections in.
func collectionTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, rows.Err()
}

// Create creates each collection that does not exist yet, so that
// IndexIDs indexes it before the first document arrives. Concepts call it
// from Setup with all their collections.
func Create(ctx context.Context, colls ...*mongo.Collection) error {
	for _, c := range colls {
		err := c.Database().CreateCollection(ctx, c.Name())
		var ce mongo.CommandError
		if err != nil && !(errors.As(err, &ce) && ce.Code == namespaceExists) {
			return fmt.Errorf("creating the collection %s: %w; check that the database is reachable", c.Name(), err)
		}
	}
	return nil
}

// namespaceExists is the server's error code for creating a collection
// that exists.
const namespaceExists = 48
