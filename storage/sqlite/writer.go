package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/legible/legible/storage/backend"
)

// writer is the writing transaction: the one write connection, in a
// BEGIN IMMEDIATE transaction, held until Commit or Rollback.
type writer struct {
	reads
	done bool
}

// Write waits for the write connection, until ctx is done, and begins an
// immediate transaction on it.
func (b *Backend) Write(ctx context.Context) (backend.Writer, error) {
	select {
	case b.wlock <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting to write to %s: %w", b.file(), ctx.Err())
	}
	if _, err := b.writer.exec(ctx, "BEGIN IMMEDIATE"); err != nil {
		<-b.wlock
		return nil, fmt.Errorf("beginning a write to %s: %w", b.file(), err)
	}
	return &writer{reads: reads{c: b.writer, b: b}}, nil
}

// Insert inserts a document.
func (w *writer) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	_, err := w.c.exec(ctx, "INSERT INTO "+table(coll)+" (id, doc) VALUES (?, ?)", doc.ID, string(doc.Data))
	return writeError("inserting into", coll, doc.ID, err)
}

// Put inserts or replaces a document.
func (w *writer) Put(ctx context.Context, coll string, doc backend.Raw) error {
	_, err := w.c.exec(ctx, "INSERT INTO "+table(coll)+" (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
		doc.ID, string(doc.Data))
	return writeError("storing in", coll, doc.ID, err)
}

// Delete deletes a document.
func (w *writer) Delete(ctx context.Context, coll, id string) (bool, error) {
	res, err := w.c.exec(ctx, "DELETE FROM "+table(coll)+" WHERE id = ?", id)
	if err != nil {
		return false, writeError("deleting from", coll, id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Commit commits the transaction and lets the next writer in.
func (w *writer) Commit(ctx context.Context) error {
	if w.done {
		return errors.New("sqlite: the transaction has ended")
	}
	w.done = true
	defer func() { <-w.b.wlock }()
	if _, err := w.c.exec(ctx, "COMMIT"); err != nil {
		_, _ = w.c.exec(context.Background(), "ROLLBACK")
		return fmt.Errorf("committing to %s: %w; nothing was written", w.b.file(), err)
	}
	return nil
}

// Rollback rolls the transaction back and lets the next writer in.
func (w *writer) Rollback() {
	if w.done {
		return
	}
	w.done = true
	_, _ = w.c.exec(context.Background(), "ROLLBACK")
	<-w.b.wlock
}

// writeError names the collection and the document in an error of doing
// something to it, wrapping backend.ErrTaken for a unique key; nil stays
// nil.
func writeError(doing, coll, id string, err error) error {
	switch {
	case err == nil:
		return nil
	case isTaken(err):
		return fmt.Errorf("%s %s, document %s: %w", doing, coll, id, backend.ErrTaken)
	case isNoTable(err):
		return noTable(doing, coll)
	case ctxErr(err):
		return err
	}
	return fmt.Errorf("%s %s, document %s: %w", doing, coll, id, err)
}
