package sqlite

import (
	"context"
	"fmt"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// reads answers backend.Reads on one connection of b.
type reads struct {
	c *conn
	b *Backend
}

// Get reads documents by id: one with =, several with json_each.
func (r reads) Get(ctx context.Context, coll string, ids []string) ([]backend.Raw, error) {
	if len(ids) == 1 {
		return r.docs(ctx, coll, "SELECT id, doc FROM "+table(coll)+" WHERE id = ?", ids[0])
	}
	return r.docs(ctx, coll, "SELECT id, doc FROM "+table(coll)+" WHERE id IN (SELECT value FROM json_each(?))",
		jsonArray(anys(ids)))
}

// anys makes ids values of a JSON array.
func anys(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// Find runs a query.
func (r reads) Find(ctx context.Context, coll string, q *backend.Query) ([]backend.Raw, error) {
	query, args := findSQL(coll, q)
	return r.docs(ctx, coll, query, args...)
}

// Count counts what a query selects.
func (r reads) Count(ctx context.Context, coll string, q *backend.Query) (int64, error) {
	query, args := countSQL(coll, q)
	switch {
	case len(q.Where) == 0:
		query, args = countAllSQL, []any{coll}
	case r.b.keeps(coll, q.Where[0].Field) && q.OnlyOn(q.Where[0].Field):
		query, args = keptSQL(coll, q.Where[0].Field, q, true)
	}
	rows, err := r.c.query(ctx, query, args...)
	if err != nil {
		return 0, readError(coll, err)
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		err = rows.Scan(&n)
	}
	if err == nil {
		err = rows.Err()
	}
	return n, readError(coll, err)
}

// Distinct reads the distinct values of a field.
func (r reads) Distinct(ctx context.Context, coll, field string, q *backend.Query) ([]any, error) {
	groups, err := r.values(ctx, coll, field, q, false)
	return sqlgen.Values(groups), err
}

// CountBy counts the documents by the values of a field.
func (r reads) CountBy(ctx context.Context, coll, field string, q *backend.Query) ([]backend.Group, error) {
	return r.values(ctx, coll, field, q, true)
}

// values reads the distinct values of a field, and, counted, how many
// documents have each.
func (r reads) values(ctx context.Context, coll, field string, q *backend.Query, counted bool) ([]backend.Group, error) {
	query, args := valuesSQL(coll, field, q, counted)
	if counted && r.b.keeps(coll, field) && q.OnlyOn(field) {
		query, args = keptSQL(coll, field, q, false)
	}
	rows, err := r.c.query(ctx, query, args...)
	if err != nil {
		return nil, readError(coll, err)
	}
	defer rows.Close()
	var out []backend.Group
	for rows.Next() {
		var g backend.Group
		if err := rows.Scan(&g.Value, &g.N); err != nil {
			return nil, readError(coll, err)
		}
		if b, ok := g.Value.([]byte); ok { // TEXT may arrive as bytes
			g.Value = string(b)
		}
		out = append(out, g)
	}
	return out, readError(coll, rows.Err())
}

// docs runs a SELECT of id and doc.
func (r reads) docs(ctx context.Context, coll, query string, args ...any) ([]backend.Raw, error) {
	rows, err := r.c.query(ctx, query, args...)
	if err != nil {
		return nil, readError(coll, err)
	}
	defer rows.Close()
	out, err := sqlgen.Docs(rows)
	return out, readError(coll, err)
}

// readError names the collection in an error of reading it; nil stays
// nil.
func readError(coll string, err error) error {
	switch {
	case err == nil:
		return nil
	case isNoTable(err):
		return noTable("reading", coll)
	case ctxErr(err):
		return err
	}
	return fmt.Errorf("reading %s: %w", coll, err)
}

// reader is a read: a connection of the pool in a read transaction, so
// that all its reads see one snapshot.
type reader struct{ reads }

// Read takes a read connection and begins a read transaction on it.
func (b *Backend) Read(ctx context.Context) (backend.Reader, error) {
	c, err := b.readers.get(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := c.exec(ctx, "BEGIN"); err != nil {
		b.readers.put(c)
		return nil, fmt.Errorf("beginning a read of %s: %w", b.file(), err)
	}
	return &reader{reads: reads{c: c, b: b}}, nil
}

// Close ends the read transaction and gives the connection back.
func (r *reader) Close() {
	if _, err := r.c.exec(context.Background(), "ROLLBACK"); err != nil && !noTransaction(err) {
		_ = r.c.close() // a connection in an unknown state is not reused
		r.b.readers.replace(r.c)
		return
	}
	r.b.readers.put(r.c)
}
