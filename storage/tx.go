package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/legible/legible/storage/backend"
)

// ErrTaken says that a write hit a unique key: the id, or the values of a
// unique index, belong to another document. Insert and Put return errors
// that wrap it, for errors.Is.
var ErrTaken = backend.ErrTaken

// ErrConflict says that a transaction read data that another one changed
// before it could write: its writes were not made, and it should run
// again from the start. Flows do so by themselves.
var ErrConflict = backend.ErrConflict

// ErrUnknownOutcome says that a commit may or may not have made its
// writes: the database did not say in time, or a backend without
// transactions could not undo all of a transaction's writes. Running the
// transaction again may make its writes twice: a client told so should
// check the data before it retries.
var ErrUnknownOutcome = backend.ErrUnknownOutcome

// CommitGrace is the least time a commit is given: a commit that begins
// less than CommitGrace before its context's deadline may run until
// CommitGrace after it began, so that a flow that ends just in time can
// still commit. A commit without a deadline is given commitBudget.
const CommitGrace = 2 * time.Second

// commitBudget bounds a commit whose context has no deadline.
const commitBudget = 30 * time.Second

// undoTimeout bounds the undoing of a transaction's writes on a backend
// without transactions.
const undoTimeout = 5 * time.Second

// Tx is a transaction: the reads and writes of one flow, which commit
// together or not at all, serializably with every other Tx of its DB.
//
// Until its first write, a Tx reads from a snapshot, on a backend that
// has them, without waiting for anyone, and keeps what each read
// returned. Its first write starts the backend's Writer, which only one
// transaction at a time holds on the embedded store; the Tx then runs its
// reads again there and compares: when one no longer returns what it did,
// another transaction changed it meanwhile, and the Tx fails with
// ErrConflict, to run again. From then on its reads and writes go to the
// Writer, until Commit. A read that the Tx made already it answers from
// what that returned, until it writes the read's collection (on a backend
// with transactions, whose answer cannot change meanwhile). So a check
// made in a read and the write that
// depends on it cannot interleave with another transaction's writes; a
// transaction that never writes never waits for one that does; and slow
// work done before the first write, such as hashing a password, holds no
// lock.
//
// A Tx is used by one goroutine at a time.
type Tx struct {
	db      *DB
	reader  backend.Reader
	writer  backend.Writer
	reads   []*readOp // the reads before the first write
	seen    seen      // what its reads returned, on a backend with transactions
	err     error     // a conflict, or the end: every later use fails with it
	discard bool
}

// errEnded is the error of using a transaction after Commit or Rollback.
var errEnded = errors.New("storage: the transaction has ended; begin a new one")

// txKey is the context key of the transaction a context carries.
type txKey struct{}

// Begin starts a transaction and returns it with a context that carries
// it: reads and writes of db's collections with that context run in it.
// It touches the database only at the first read. End it with Commit or
// Rollback.
func (db *DB) Begin(ctx context.Context) (context.Context, *Tx) {
	tx := &Tx{db: db}
	if db.b.Atomic() {
		tx.seen = seen{}
	}
	return context.WithValue(ctx, txKey{}, tx), tx
}

// txOf returns the transaction of db that ctx carries, or nil.
func (db *DB) txOf(ctx context.Context) *Tx {
	if tx, ok := ctx.Value(txKey{}).(*Tx); ok && tx.db == db {
		return tx
	}
	return nil
}

// DiscardWrites makes the transaction that ctx carries roll back when it
// ends, instead of committing: the flow goes on, its reads still see its
// writes, and then none of them stays. It reports whether ctx carries a
// transaction. Requesting.respond with rollback: true calls it, so that a
// request refused after a write leaves nothing behind.
func DiscardWrites(ctx context.Context) bool {
	tx, ok := ctx.Value(txKey{}).(*Tx)
	if ok {
		tx.discard = true
	}
	return ok
}

// StartWriting makes the transaction that ctx carries start writing now,
// if it has not: the reads that follow see the latest data, and on the
// embedded store no other transaction writes before this one ends. Call
// it before reading a document that the transaction will write back, such
// as a counter, so that concurrent transactions wait for each other there
// instead of conflicting (on PostgreSQL and MongoDB, whose transactions
// write side by side, they may still conflict, and run again). It fails
// with ErrConflict when a read made so far no longer holds; without a
// transaction it does nothing.
func StartWriting(ctx context.Context) error { return startWriting(ctx, false) }

// StartExclusive is StartWriting for a transaction that must not conflict
// again, as the engine asks for a flow that conflicted again and again:
// until it ends, no other exclusive transaction of the database starts
// writing, in this process or, on a backend shared by several, in another
// (on MongoDB, no other transaction at all; see backend.Exclusive). On
// the embedded store, whose writer is one at a time, it is StartWriting.
func StartExclusive(ctx context.Context) error { return startWriting(ctx, true) }

// startWriting starts writing the transaction of ctx, if any and not yet.
func startWriting(ctx context.Context, exclusive bool) error {
	tx, ok := ctx.Value(txKey{}).(*Tx)
	switch {
	case !ok:
		return nil
	case tx.err != nil:
		return tx.err
	case tx.writer == nil:
		return tx.startWriting(ctx, exclusive)
	}
	return nil
}

// Wrote reports whether the transaction has written, or started to.
func (tx *Tx) Wrote() bool { return tx.writer != nil }

// Discarded reports whether DiscardWrites asked the transaction to roll
// back at its end.
func (tx *Tx) Discarded() bool { return tx.discard }

// read runs a read in the transaction, or answers it with what the same
// read returned before in it (see seen).
func (tx *Tx) read(ctx context.Context, op *readOp) (result, error) {
	if tx.err != nil {
		return result{}, tx.err
	}
	if tx.seen == nil {
		return tx.run(ctx, op)
	}
	key := op.key()
	if res, ok := tx.seen.answer(key); ok {
		return res, nil
	}
	res, err := tx.run(ctx, op)
	if err == nil {
		tx.seen[key] = seenRead{coll: op.coll, res: res}
	}
	return res, err
}

// run runs a read on the database, in the Writer once the transaction
// writes, else in its snapshot, which it keeps for running again.
func (tx *Tx) run(ctx context.Context, op *readOp) (result, error) {
	if tx.writer != nil {
		res, err := op.run(ctx, tx.writer)
		tx.failOn(err)
		return res, err
	}
	if tx.reader == nil {
		r, err := tx.db.b.Read(ctx)
		if err != nil {
			return result{}, err
		}
		tx.reader = r
	}
	res, err := op.run(ctx, tx.reader)
	if err == nil {
		op.res = res
		tx.reads = append(tx.reads, op)
	}
	return res, err
}

// write runs a write in the transaction, starting the Writer first if
// this is the first.
func (tx *Tx) write(ctx context.Context, op *writeOp) (bool, error) {
	if tx.err != nil {
		return false, tx.err
	}
	if tx.writer == nil {
		if err := tx.startWriting(ctx, false); err != nil {
			return false, err
		}
	}
	tx.seen.wrote(op.coll)
	found, err := op.run(ctx, tx.writer)
	tx.failOn(err)
	return found, err
}

// startWriting starts the Writer and checks that every read made so far
// still returns what it did; when one does not, the transaction has
// conflicted. A Writer that cannot start ends the transaction.
func (tx *Tx) startWriting(ctx context.Context, exclusive bool) error {
	w, err := tx.db.writer(ctx, exclusive)
	if err != nil {
		tx.fail(err)
		return err
	}
	for _, op := range tx.reads {
		res, err := op.run(ctx, w)
		if err != nil {
			w.Rollback()
			return err
		}
		if !res.same(op.res) {
			w.Rollback()
			tx.fail(fmt.Errorf("%w: %s changed after this flow read it and before it wrote; it runs again",
				ErrConflict, op))
			return tx.err
		}
	}
	tx.reads = nil
	tx.closeReader()
	tx.writer = w
	return nil
}

// Commit ends the transaction: it commits its writes, or rolls them back
// when DiscardWrites asked so. An error wrapping ErrConflict means that
// nothing was written and the transaction should run again; one wrapping
// ErrUnknownOutcome, that the writes may have been made or not.
// Committing once the context is done rolls back and returns its error: a
// flow that timed out changes nothing. A commit, once begun, is not
// cancelled with its context, but it ends by the context's deadline, or
// CommitGrace after it began when that is later.
func (tx *Tx) Commit(ctx context.Context) error {
	if tx.err != nil {
		return also(tx.err, tx.Rollback())
	}
	if err := ctx.Err(); err != nil {
		return also(err, tx.Rollback())
	}
	if tx.writer == nil || tx.discard {
		return tx.Rollback()
	}
	w := tx.writer
	tx.writer = nil
	tx.fail(errEnded)
	cctx, cancel := commitContext(ctx)
	defer cancel()
	return w.Commit(cctx)
}

// also returns err, joined with more when there is more.
func also(err, more error) error {
	if more == nil {
		return err
	}
	return errors.Join(err, more)
}

// commitContext is the context a commit runs with: ctx's values, not its
// cancellation, and a deadline of ctx's deadline or CommitGrace from now,
// whichever is later; commitBudget from now without a deadline.
func commitContext(ctx context.Context) (context.Context, context.CancelFunc) {
	end, ok := ctx.Deadline()
	if least := time.Now().Add(CommitGrace); !ok {
		end = time.Now().Add(commitBudget)
	} else if end.Before(least) {
		end = least
	}
	return context.WithDeadline(context.WithoutCancel(ctx), end)
}

// Rollback ends the transaction, discarding its writes. It does nothing
// after Commit or another Rollback. On a backend without transactions it
// undoes the writes already made where it can: its error, which wraps
// ErrUnknownOutcome, names those that stay.
func (tx *Tx) Rollback() error {
	tx.closeReader()
	var err error
	if tx.writer != nil {
		err = rollback(tx.writer)
		tx.writer = nil
	}
	tx.reads = nil
	tx.fail(errEnded)
	return err
}

// rollback ends w without its writes: it undoes them, for at most
// undoTimeout, on a backend that made them already (backend.Undoer).
func rollback(w backend.Writer) error {
	u, ok := w.(backend.Undoer)
	if !ok {
		w.Rollback()
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
	defer cancel()
	return u.Undo(ctx)
}

// fail makes every later use of the transaction fail with err, unless it
// fails already.
func (tx *Tx) fail(err error) {
	if tx.err == nil {
		tx.err = err
	}
}

// failOn makes the transaction fail when a write, or a read in the
// Writer, failed other than on a unique key, or on a conflict: the
// database may have rolled the writes back already, and nothing may run
// outside it.
func (tx *Tx) failOn(err error) {
	if err != nil && (errors.Is(err, ErrConflict) || !errors.Is(err, ErrTaken)) {
		tx.fail(err)
	}
}

// closeReader ends the snapshot read, if one is open.
func (tx *Tx) closeReader() {
	if tx.reader != nil {
		tx.reader.Close()
		tx.reader = nil
	}
}
