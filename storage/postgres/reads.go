package postgres

import (
	"context"
	"fmt"

	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// reads answers backend.Reads in one transaction.
type reads struct {
	s *session
}

// Get reads documents by id.
func (r reads) Get(ctx context.Context, coll string, ids []string) ([]backend.Raw, error) {
	if len(ids) == 1 {
		return r.docs(ctx, coll, "SELECT id, doc FROM "+ident(coll)+" WHERE id = $1", ids[0])
	}
	return r.docs(ctx, coll, "SELECT id, doc FROM "+ident(coll)+" WHERE id = ANY($1::text[])", ids)
}

// Find runs a query.
func (r reads) Find(ctx context.Context, coll string, q *backend.Query) ([]backend.Raw, error) {
	query, a := findSQL(coll, q)
	return r.docs(ctx, coll, query, a...)
}

// Count counts what a query selects.
func (r reads) Count(ctx context.Context, coll string, q *backend.Query) (int64, error) {
	query, a := countSQL(coll, q)
	var n int64
	err := r.s.scan(ctx, query, a, &n)
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
	query, a := valuesSQL(coll, field, q, counted)
	rows, err := r.s.query(ctx, query, a...)
	if err != nil {
		return nil, readError(coll, err)
	}
	defer rows.Close()
	var out []backend.Group
	for rows.Next() {
		var raw []byte
		var g backend.Group
		if err := rows.Scan(&raw, &g.N); err != nil {
			return nil, readError(coll, err)
		}
		if g.Value, err = scalar(raw); err != nil {
			return nil, fmt.Errorf("reading the values of %s in %s: %w", field, coll, err)
		}
		out = append(out, g)
	}
	return out, readError(coll, rows.Err())
}

// docs runs a SELECT of id and doc.
func (r reads) docs(ctx context.Context, coll, query string, a ...any) ([]backend.Raw, error) {
	rows, err := r.s.query(ctx, query, a...)
	if err != nil {
		return nil, readError(coll, err)
	}
	defer rows.Close()
	out, err := sqlgen.Docs(rows)
	return out, readError(coll, err)
}

// reader is a read: a REPEATABLE READ, READ ONLY transaction, so that all
// its reads see one snapshot, and it waits for no writer.
type reader struct{ reads }

// beginRead begins a read's transaction.
const beginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

// Read begins a read on a connection of the reads' pool, waiting for one
// until ctx is done. Its BEGIN goes out with its first statement.
func (b *Backend) Read(ctx context.Context) (backend.Reader, error) {
	s, err := newSession(ctx, b.reads, beginRead)
	if err != nil {
		return nil, fmt.Errorf("beginning a read of %s: %w", b.where, err)
	}
	return &reader{reads{s: s}}, nil
}

// Close ends the read and gives the connection back.
func (r *reader) Close() { r.s.end() }
