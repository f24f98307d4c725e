package flow

import (
	"context"
	"errors"

	"github.com/legible/legible/storage"
)

// InStorage returns the Transactions that run each attempt of a flow in a
// transaction of db: its reads and writes, through db's collections, commit
// together or not at all, and a conflict with a concurrent flow runs it
// again.
func InStorage(db *storage.DB) Transactions { return transactions{db} }

// transactions runs each attempt of a flow in a transaction of a database.
type transactions struct{ db *storage.DB }

// Begin begins a transaction of the database; an exclusive one starts
// writing at once, exclusively (storage.StartExclusive). When that fails,
// the transaction fails at its first use with the same error.
func (t transactions) Begin(ctx context.Context, exclusive bool) (context.Context, Transaction) {
	ctx, tx := t.db.Begin(ctx)
	if exclusive {
		_ = storage.StartExclusive(ctx)
	}
	return ctx, transaction{tx}
}

// Retry reports whether err is a conflict with a concurrent transaction
// that left nothing written.
func (transactions) Retry(err error) bool {
	return errors.Is(err, storage.ErrConflict) && !errors.Is(err, storage.ErrUnknownOutcome)
}

// transaction is a transaction of the database, for an attempt.
type transaction struct{ tx *storage.Tx }

// Commit commits, and says what became of the writes.
func (t transaction) Commit(ctx context.Context) (string, error) {
	wrote, discarded := t.tx.Wrote(), t.tx.Discarded()
	if err := t.tx.Commit(ctx); err != nil {
		return "", err
	}
	switch {
	case discarded:
		return "rolled back: Requesting.respond asked so (rollback: true)", nil
	case wrote:
		return "committed", nil
	}
	return "read only", nil
}

// Rollback rolls back.
func (t transaction) Rollback() error { return t.tx.Rollback() }
