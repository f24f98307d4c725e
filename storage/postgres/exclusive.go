package postgres

import (
	"context"
	"fmt"

	"github.com/legible/legible/storage/backend"
)

// locksTable holds the rows that exclusive writers lock: one, named
// writeLock, which every server on the database shares.
const locksTable = "_legible_locks"

// writeLock names the row of locksTable that exclusive writers lock.
const writeLock = "write"

// locksTableSQL creates locksTable; lockRowSQL puts the row of writeLock
// in it.
const (
	locksTableSQL = "CREATE TABLE IF NOT EXISTS " + locksTable + " (name TEXT PRIMARY KEY)"
	lockRowSQL    = "INSERT INTO " + locksTable + " (name) VALUES ('" + writeLock + "') ON CONFLICT DO NOTHING"
)

// WriteExclusive begins a Writer that no other exclusive one runs beside,
// on this server or another on the database: on a connection of the
// locks' pool, a READ COMMITTED transaction locks the row writeLock (FOR
// UPDATE, waiting for the exclusive writer that holds it to end, until
// ctx is done), and holds it until the Writer, begun after that and so
// seeing what the one before committed, ends. A row lock taken in the
// SERIALIZABLE transaction itself would come too late: its snapshot would
// be the one from before the wait.
func (b *Backend) WriteExclusive(ctx context.Context) (backend.Writer, error) {
	lock, err := newSession(ctx, b.locks, "BEGIN ISOLATION LEVEL READ COMMITTED")
	if err == nil {
		_, err = lock.exec(ctx, "SELECT name FROM "+locksTable+" WHERE name = $1 FOR UPDATE", writeLock)
		if err != nil {
			lock.end()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("waiting to write alone to %s: %w", b.where, err)
	}
	w, err := b.Write(ctx)
	if err != nil {
		lock.end()
		return nil, err
	}
	w.(*writer).lock = lock
	return w, nil
}
