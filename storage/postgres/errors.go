package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/legible/legible/storage/backend"
)

// The SQLSTATEs the backend tells apart.
const (
	uniqueViolation      = "23505"
	serializationFailure = "40001"
	deadlockDetected     = "40P01"
	undefinedTable       = "42P01"
	duplicateTable       = "42P07"
	duplicateObject      = "42710"
	queryCanceled        = "57014"
)

// state returns the SQLSTATE of a server's error, or "".
func state(err error) string {
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		return pe.Code
	}
	return ""
}

// constraint returns the name of the constraint or index that a server's
// error names, or "".
func constraint(err error) string {
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		return pe.ConstraintName
	}
	return ""
}

// catalogDuplicate reports whether err is a unique violation in a system
// catalog (whose indexes are named pg_*), which two sessions creating one
// object at once can give, rather than in a table of legible's.
func catalogDuplicate(err error) bool {
	pe, ok := errors.AsType[*pgconn.PgError](err)
	return ok && pe.Code == uniqueViolation && strings.HasPrefix(pe.ConstraintName, "pg_")
}

// isConflict reports whether err says that the transaction could not be
// serialized with concurrent ones, or was chosen to break a deadlock: in
// both cases nothing it did stays, and running it again may succeed.
func isConflict(err error) bool {
	s := state(err)
	return s == serializationFailure || s == deadlockDetected
}

// ctxErr reports whether err is the end of a context: a cancelled or
// timed-out request, whose statements the server was told to stop.
func ctxErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || state(err) == queryCanceled
}

// conflict wraps err, a serialization failure or a deadlock, in
// backend.ErrConflict, naming what was being done.
func conflict(doing string, err error) error {
	return fmt.Errorf("%w: %s: %v", backend.ErrConflict, doing, err)
}

// noTable is the error of doing something to a collection whose table
// does not exist.
func noTable(doing, coll string) error {
	return fmt.Errorf("%s %s: the collection does not exist; DB.Setup makes the collections the concepts declare, "+
		"and serve runs it at start", doing, coll)
}

// readError names the collection in an error of reading it; nil stays
// nil.
func readError(coll string, err error) error {
	switch {
	case err == nil:
		return nil
	case isConflict(err):
		return conflict("reading "+coll, err)
	case state(err) == undefinedTable:
		return noTable("reading", coll)
	case ctxErr(err):
		return err
	}
	return fmt.Errorf("reading %s: %w", coll, err)
}

// writeError names the collection and the document in an error of doing
// something to it, wrapping backend.ErrTaken for a unique key and
// backend.ErrConflict for a serialization failure; nil stays nil.
func writeError(doing, coll, id string, err error) error {
	switch {
	case err == nil:
		return nil
	case state(err) == uniqueViolation:
		return fmt.Errorf("%s %s, document %s: %w", doing, coll, id, backend.ErrTaken)
	case isConflict(err):
		return conflict(doing+" "+coll, err)
	case state(err) == undefinedTable:
		return noTable(doing, coll)
	case ctxErr(err):
		return err
	}
	return fmt.Errorf("%s %s, document %s: %w", doing, coll, id, err)
}

// commitError explains an error of COMMIT. The server's answer says that
// nothing was written: a serialization failure is a conflict, to run
// again. An error before the COMMIT left says the same. Any other, a
// connection lost while the COMMIT was on its way or its answer was, leaves
// the outcome unknown: the writes may have been made.
func commitError(where string, err error) error {
	switch {
	case isConflict(err):
		return conflict("committing to "+where, err)
	case state(err) != "" || errors.Is(err, pgx.ErrTxCommitRollback):
		return fmt.Errorf("committing to %s: %w; nothing was written", where, err)
	case pgconn.SafeToRetry(err):
		return fmt.Errorf("committing to %s: %w; the commit was not sent, nothing was written", where, err)
	}
	return fmt.Errorf("%w: committing to %s: %v; the connection failed after the commit was sent, so the writes may "+
		"or may not have been made: read the data to see which", backend.ErrUnknownOutcome, where, err)
}
