package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/legible/legible/storage/backend"
)

// endTimeout bounds a rollback, which runs without the request's context.
const endTimeout = 5 * time.Second

// writer is the writing part of a transaction: a SERIALIZABLE transaction
// on a connection of the writes' pool, held until Commit or Rollback.
type writer struct {
	reads
	b    *Backend
	lock *session // the transaction that holds the write lock, for an exclusive writer
	done bool
}

// beginWrite begins a writing transaction.
const beginWrite = "BEGIN ISOLATION LEVEL SERIALIZABLE READ WRITE"

// Write begins a SERIALIZABLE transaction on a connection of the writes'
// pool, waiting for one until ctx is done. Its BEGIN goes out with its
// first statement.
func (b *Backend) Write(ctx context.Context) (backend.Writer, error) {
	s, err := newSession(ctx, b.writes, beginWrite)
	if err != nil {
		return nil, fmt.Errorf("beginning a write to %s: %w", b.where, err)
	}
	return &writer{reads: reads{s: s}, b: b}, nil
}

// Insert inserts a document. A unique key that another document holds
// inserts nothing, so that the transaction goes on.
func (w *writer) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	tag, err := w.s.exec(ctx, "INSERT INTO "+ident(coll)+" (id, doc) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING",
		doc.ID, doc.Data)
	if err == nil && tag.RowsAffected() == 0 {
		return fmt.Errorf("inserting into %s, document %s: %w", coll, doc.ID, backend.ErrTaken)
	}
	return writeError("inserting into", coll, doc.ID, err)
}

// Put inserts or replaces a document. In a collection with a unique index
// it does so under a savepoint, which a unique key that another document
// holds rolls back to, so that the transaction goes on.
func (w *writer) Put(ctx context.Context, coll string, doc backend.Raw) error {
	put := "INSERT INTO " + ident(coll) + " (id, doc) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc"
	unique, known := w.b.uniqueIndexes(coll)
	if known && len(unique) == 0 {
		_, err := w.s.exec(ctx, put, doc.ID, doc.Data)
		return writeError("storing in", coll, doc.ID, err)
	}
	batch := &pgx.Batch{}
	batch.Queue("SAVEPOINT legible_put")
	batch.Queue(put, doc.ID, doc.Data)
	batch.Queue("RELEASE SAVEPOINT legible_put")
	err := w.s.batch(ctx, batch)
	if state(err) == uniqueViolation {
		err = w.taken(ctx, coll, doc, unique, err)
	}
	return writeError("storing in", coll, doc.ID, err)
}

// taken rolls a Put back to its savepoint after err, a unique violation,
// and tells what it was. When a document that this transaction sees holds
// the values of the unique index, they are taken: err stays. When none
// does, a concurrent transaction is storing them, maybe in the document
// of this very id, which no serial order would refuse: a conflict, to run
// again.
func (w *writer) taken(ctx context.Context, coll string, doc backend.Raw, unique []backend.Index, err error) error {
	if _, rerr := w.s.exec(ctx, "ROLLBACK TO SAVEPOINT legible_put"); rerr != nil {
		return rerr
	}
	name := constraint(err)
	for _, ix := range unique {
		if indexName(coll, ix) != name {
			continue
		}
		var held bool
		query, a := holderSQL(coll, ix, doc)
		if qerr := w.s.scan(ctx, query, a, &held); qerr != nil {
			return qerr
		}
		if !held {
			return conflict("storing in "+coll+": a concurrent transaction stores the same "+strings.Join(ix.Fields, " and "), err)
		}
	}
	return err
}

// Delete deletes a document.
func (w *writer) Delete(ctx context.Context, coll, id string) (bool, error) {
	tag, err := w.s.exec(ctx, "DELETE FROM "+ident(coll)+" WHERE id = $1", id)
	if err != nil {
		return false, writeError("deleting from", coll, id, err)
	}
	return tag.RowsAffected() > 0, nil
}

// Commit commits the transaction and gives the connection back.
func (w *writer) Commit(ctx context.Context) error {
	if w.done {
		return errors.New("postgres: the transaction has ended")
	}
	w.done = true
	defer w.unlock()
	if err := w.s.commit(ctx); err != nil {
		return commitError(w.b.where, err)
	}
	return nil
}

// Rollback rolls the transaction back and gives the connection back.
func (w *writer) Rollback() {
	if !w.done {
		w.done = true
		w.s.end()
		w.unlock()
	}
}

// unlock lets the next exclusive writer in, when w is one.
func (w *writer) unlock() {
	if w.lock != nil {
		w.lock.end()
	}
}
