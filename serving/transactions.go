package serving

import (
	"context"
	"errors"

	"legible/engine/flow"
	"legible/storage"
)

// transactions runs each attempt of a flow in a transaction of the
// database.
type transactions struct{ db *storage.DB }

// Begin begins a transaction of the database.
func (t transactions) Begin(ctx context.Context) (context.Context, flow.Transaction) {
	ctx, tx := t.db.Begin(ctx)
	return ctx, transaction{tx}
}

// Retry reports whether err is a conflict with a concurrent transaction.
func (transactions) Retry(err error) bool { return errors.Is(err, storage.ErrConflict) }

// transaction is a transaction of the database, for the flow engine.
type transaction struct{ tx *storage.Tx }

// Commit commits, and says what became of the writes.
func (t transaction) Commit(ctx context.Context) (string, error) {
	wrote, discarded := t.tx.Wrote(), t.tx.Discarded()
	if err := t.tx.Commit(ctx); err != nil {
		return "", err
	}
	switch {
	case discarded:
		return "rolled back: a respond asked so", nil
	case wrote:
		return "committed", nil
	}
	return "read only", nil
}

// Rollback rolls back.
func (t transaction) Rollback() { t.tx.Rollback() }
