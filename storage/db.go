package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/legible/legible/storage/backend"
)

// DB is the database concepts keep their state in: named collections of
// documents on a backend. Open one with sqlite.Open or mongodb.Open. It
// is safe for concurrent use.
type DB struct {
	b        backend.Backend
	mu       sync.Mutex
	declared map[string]*meta
}

// New returns the DB on the backend b; backends' Open functions call it.
func New(b backend.Backend) *DB { return &DB{b: b, declared: map[string]*meta{}} }

// declare records the collection m, for Setup. A name declared again must
// come with the same indexes.
func (db *DB) declare(m *meta) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if old, ok := db.declared[m.coll.Name]; ok && !slices.EqualFunc(old.coll.Indexes, m.coll.Indexes, sameIndex) {
		panic(fmt.Sprintf("storage.NewCollection: %s is declared twice, with other indexes; declare each collection once",
			m.coll.Name))
	}
	db.declared[m.coll.Name] = m
}

// sameIndex reports whether two indexes are the same.
func sameIndex(a, b backend.Index) bool {
	return a.Unique == b.Unique && a.Counted == b.Counted && slices.Equal(a.Fields, b.Fields)
}

// Setup creates the collections declared on db and their indexes, and
// drops the indexes it made that they no longer declare, where that is
// safe (backend.Backend.Setup). It is idempotent, and replicas may run it
// at once: serve runs it at every start, after building the concepts.
func (db *DB) Setup(ctx context.Context) error {
	db.mu.Lock()
	specs := make([]backend.Collection, 0, len(db.declared))
	for _, m := range db.declared {
		specs = append(specs, m.coll)
	}
	db.mu.Unlock()
	slices.SortFunc(specs, func(a, b backend.Collection) int { return strings.Compare(a.Name, b.Name) })
	return db.b.Setup(ctx, specs)
}

// Describe says what the database is, for logs.
func (db *DB) Describe() string { return db.b.Describe() }

// Atomic reports whether a transaction's writes commit together or not at
// all. On a backend that is not (MongoDB without replica set), each write
// is atomic on its own, and a transaction's writes are undone, when it
// rolls back, where no other transaction wrote their documents since.
func (db *DB) Atomic() bool { return db.b.Atomic() }

// MaxTransaction returns how long the database lets a transaction live,
// or 0 when it sets no limit: MongoDB aborts a transaction older than its
// transactionLifetimeLimitSeconds, 60 s unless its operator changed it.
// A flow's transaction lives as long as the flow, and its commit up to
// CommitGrace longer.
func (db *DB) MaxTransaction() time.Duration {
	if l, ok := db.b.(backend.Lifetime); ok {
		return l.MaxTransaction()
	}
	return 0
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.b.Ping(ctx) }

// Close closes the database.
func (db *DB) Close() error { return db.b.Close() }

// errNoDB is the error of a collection made on a nil DB.
var errNoDB = errors.New("the concept was built without a database (for checking it against its spec); build it on a storage.DB to use it")

// read runs a read in the transaction of ctx, or on its own.
func (m *meta) read(ctx context.Context, op *readOp) (result, error) {
	if m.db == nil {
		return result{}, errNoDB
	}
	if tx := m.db.txOf(ctx); tx != nil {
		return tx.read(ctx, op)
	}
	r, err := m.db.b.Read(ctx)
	if err != nil {
		return result{}, err
	}
	defer r.Close()
	return op.run(ctx, r)
}

// write runs a write in the transaction of ctx, or in one of its own.
func (m *meta) write(ctx context.Context, op *writeOp) (bool, error) {
	if m.db == nil {
		return false, errNoDB
	}
	if tx := m.db.txOf(ctx); tx != nil {
		return tx.write(ctx, op)
	}
	return alone(ctx, m.db, op)
}

// aloneAttempts bounds the tries of a write on its own that conflicts
// (at the write itself too, as a SERIALIZABLE transaction may).
const aloneAttempts = 10

// alone runs one write in a transaction of its own, again when it
// conflicts, in the write or in its commit, after a pause.
func alone(ctx context.Context, db *DB, op *writeOp) (bool, error) {
	var err error
	for attempt := range aloneAttempts {
		if attempt > 0 && !Backoff(ctx, attempt) {
			return false, err
		}
		var w backend.Writer
		if w, err = db.writer(ctx, false); err != nil {
			return false, err
		}
		found, werr := op.run(ctx, w)
		if werr != nil {
			if err = also(werr, rollback(w)); errors.Is(err, ErrUnknownOutcome) {
				return false, err
			}
		} else {
			cctx, cancel := commitContext(ctx)
			err = w.Commit(cctx)
			cancel()
			if err == nil {
				return found, nil
			}
		}
		if !errors.Is(err, ErrConflict) {
			return false, err
		}
	}
	return false, err
}

// writer starts a Writer of the backend: an exclusive one when asked and
// the backend has them (backend.Exclusive).
func (db *DB) writer(ctx context.Context, exclusive bool) (backend.Writer, error) {
	if x, ok := db.b.(backend.Exclusive); ok && exclusive {
		return x.WriteExclusive(ctx)
	}
	return db.b.Write(ctx)
}
