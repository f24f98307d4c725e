package storagetest

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// Counting is a backend.Backend that counts the operations that reach the
// backend under it: each Get (of one id or many), Find, Count, Distinct,
// CountBy, Insert, Put and Delete is one. It also counts the values its
// reads handle: the ids and condition values they name, and the
// documents, values, groups and counts they return.
type Counting struct {
	backend.Backend
	reads, writes, values atomic.Int64
}

// Counted opens a fresh embedded store behind a Counting, closed when the
// test ends.
func Counted(t testing.TB) (*storage.DB, *Counting) {
	t.Helper()
	var c *Counting
	db := sqliteUnder(t, func(b backend.Backend) backend.Backend { c = &Counting{Backend: b}; return c })
	return db, c
}

// Ops returns the reads and writes counted so far, and starts again from
// zero.
func (c *Counting) Ops() (reads, writes int64) { return c.reads.Swap(0), c.writes.Swap(0) }

// Values returns the values the reads handled so far, and starts again
// from zero: what a read costs beyond its round trip, as a page of 20
// documents handles 20 and a read of 1,000 ids handles 1,000.
func (c *Counting) Values() int64 { return c.values.Swap(0) }

// Read starts a counted read.
func (c *Counting) Read(ctx context.Context) (backend.Reader, error) {
	r, err := c.Backend.Read(ctx)
	if err != nil {
		return nil, err
	}
	return countedReader{countedReads{r, c}, r}, nil
}

// Write starts a counted writer.
func (c *Counting) Write(ctx context.Context) (backend.Writer, error) {
	w, err := c.Backend.Write(ctx)
	if err != nil {
		return nil, err
	}
	return countedWriter{countedReads{w, c}, w}, nil
}

// countedReads counts the reads of a Reader or a Writer.
type countedReads struct {
	r backend.Reads
	c *Counting
}

// Get counts a get.
func (r countedReads) Get(ctx context.Context, coll string, ids []string) ([]backend.Raw, error) {
	docs, err := r.r.Get(ctx, coll, ids)
	r.count(len(ids) + len(docs))
	return docs, err
}

// Find counts a find.
func (r countedReads) Find(ctx context.Context, coll string, q *backend.Query) ([]backend.Raw, error) {
	docs, err := r.r.Find(ctx, coll, q)
	r.count(named(q) + len(docs))
	return docs, err
}

// Count counts a count.
func (r countedReads) Count(ctx context.Context, coll string, q *backend.Query) (int64, error) {
	r.count(named(q) + 1)
	return r.r.Count(ctx, coll, q)
}

// Distinct counts a distinct.
func (r countedReads) Distinct(ctx context.Context, coll, field string, q *backend.Query) ([]any, error) {
	values, err := r.r.Distinct(ctx, coll, field, q)
	r.count(named(q) + len(values))
	return values, err
}

// CountBy counts a count by values.
func (r countedReads) CountBy(ctx context.Context, coll, field string, q *backend.Query) ([]backend.Group, error) {
	groups, err := r.r.CountBy(ctx, coll, field, q)
	r.count(named(q) + len(groups))
	return groups, err
}

// count counts a read that handled n values.
func (r countedReads) count(n int) {
	r.c.reads.Add(1)
	r.c.values.Add(int64(n))
}

// named returns how many values the conditions of q name.
func named(q *backend.Query) int {
	n := 0
	for _, c := range q.Where {
		n += len(c.Values)
	}
	return n
}

// countedReader is a Reader whose reads are counted.
type countedReader struct {
	countedReads
	r backend.Reader
}

// Close ends the read.
func (r countedReader) Close() { r.r.Close() }

// countedWriter is a Writer whose reads and writes are counted.
type countedWriter struct {
	countedReads
	w backend.Writer
}

// Insert counts an insert.
func (w countedWriter) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	w.c.writes.Add(1)
	return w.w.Insert(ctx, coll, doc)
}

// Put counts a put.
func (w countedWriter) Put(ctx context.Context, coll string, doc backend.Raw) error {
	w.c.writes.Add(1)
	return w.w.Put(ctx, coll, doc)
}

// Delete counts a delete.
func (w countedWriter) Delete(ctx context.Context, coll, id string) (bool, error) {
	w.c.writes.Add(1)
	return w.w.Delete(ctx, coll, id)
}

// Commit commits.
func (w countedWriter) Commit(ctx context.Context) error { return w.w.Commit(ctx) }

// Rollback rolls back.
func (w countedWriter) Rollback() { w.w.Rollback() }
