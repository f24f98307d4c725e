package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// keysCollection holds the cells of the conflict keys (keys.go) that
// transactions write at their commit. Each cell records when it was last
// written (at), and a TTL index drops the cells no transaction wrote for
// keysTTL, so that the collection holds the keys of recent writes only.
const keysCollection = "_legible.keys"

// keysTTL is how long a cell no transaction writes is kept: far longer
// than a transaction lives, so that no two transactions that could
// conflict miss each other for want of it.
const keysTTL = time.Hour

// Commit writes the cells of the transaction's conflict keys (and, for an
// exclusive one, checks that it holds the lease still), then commits,
// again while the server does not know whether it did and ctx's deadline
// allows. A conflict, before or at the commit, is an error wrapping
// backend.ErrConflict; a commit whose outcome the server did not say, one
// wrapping backend.ErrUnknownOutcome.
func (s *session) Commit(ctx context.Context) error {
	if s.done {
		return errEnded
	}
	s.done = true
	defer s.end(ctx)
	sctx := s.sessionContext(ctx)
	if err := s.touch(sctx); err != nil {
		s.abort(ctx)
		return err
	}
	return s.commit(sctx)
}

// abort aborts the transaction, for at most undoTimeout, whatever ctx.
func (s *session) abort(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
	defer cancel()
	_ = s.sess.AbortTransaction(ctx)
}

// touch writes, in the transaction, a cell of each conflict key of
// what it read and wrote, and, when it holds the lease, the lease, which
// must hold it still.
func (s *session) touch(ctx context.Context) error {
	cells := s.keys.cells()
	models := make([]mongo.WriteModel, len(cells))
	update := bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}, {Key: "$currentDate", Value: bson.D{{Key: "at", Value: true}}}}
	for i, c := range cells {
		models[i] = mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: idField, Value: c}}).SetUpdate(update).SetUpsert(true)
	}
	if len(models) > 0 {
		_, err := s.b.db.Collection(keysCollection).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false))
		if err != nil {
			return keysError(err)
		}
	}
	return s.b.fenceLease(ctx, s.lease)
}

// keysError is the error of writing the cells of a transaction's keys:
// a conflict when another transaction wrote one of them (a write
// conflict, or two first writes of one cell).
func keysError(err error) error {
	if isDuplicate(err) {
		return fmt.Errorf("%w: writing the conflict keys: %w", backend.ErrConflict, err)
	}
	return conflictOr(fmt.Errorf("writing the conflict keys: %w", err))
}

// The labels the server puts on the error of a commit.
const (
	transientLabel = "TransientTransactionError"      // aborted: nothing was written
	unknownLabel   = "UnknownTransactionCommitResult" // committing again is safe, and tells
)

// commit commits the transaction. While the server does not know whether
// it committed, and ctx's deadline allows, it commits again; the driver
// makes those retries safe. An error labeled transient before any such
// answer is a conflict: nothing was written. Any other error, and a
// deadline that passes first, leaves the outcome unknown.
func (s *session) commit(ctx context.Context) error {
	unsure := false
	for attempt := 0; ; attempt++ {
		err := s.sess.CommitTransaction(ctx)
		var se mongo.ServerError
		labeled := errors.As(err, &se)
		switch {
		case err == nil:
			return nil
		case labeled && se.HasErrorLabel(transientLabel) && !unsure:
			return fmt.Errorf("%w: committing: %w", backend.ErrConflict, err)
		case labeled && se.HasErrorLabel(unknownLabel) && ctx.Err() == nil:
			unsure = true
			if storage.Backoff(ctx, attempt+1) {
				continue
			}
		}
		return fmt.Errorf("committing: %w: %w", backend.ErrUnknownOutcome, err)
	}
}

// Rollback aborts the transaction.
func (s *session) Rollback() {
	if s.done {
		return
	}
	s.done = true
	ctx := context.Background()
	s.abort(ctx)
	s.end(ctx)
}

// end ends the session and releases the lease, if held.
func (s *session) end(ctx context.Context) {
	s.sess.EndSession(context.WithoutCancel(ctx))
	s.b.releaseLease(s.lease)
}
