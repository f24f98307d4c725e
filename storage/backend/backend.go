// Package backend is the contract between package storage and the
// databases it keeps collections in: the embedded SQLite store (package
// storage/sqlite), PostgreSQL (storage/postgres) and MongoDB
// (storage/mongodb). It sits beside storage as
// database/sql/driver sits beside database/sql: concept authors never
// import it; a backend implements it, and the conformance suite in
// storage/storagetest checks that it does.
//
// Documents cross it as JSON objects (Raw.Data) without the id, which
// travels beside them. Reads may run on any goroutine; a Reader or Writer
// is used by one goroutine at a time.
package backend

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// Backend is a database that a storage.DB keeps its collections in.
type Backend interface {
	// Describe says what the backend is, for logs: "SQLite in /data".
	Describe() string
	// Atomic reports whether a Writer's writes commit together or not at
	// all. A backend that is not atomic applies each write at once and
	// undoes them, as well as it can, on Rollback.
	Atomic() bool
	// Setup creates the collections and their indexes, and drops indexes
	// that it made and that are no longer declared, where that is safe; it
	// never drops an index it did not make. It is idempotent, and several
	// processes may run it at once on one database.
	Setup(ctx context.Context, colls []Collection) error
	// Read starts a read: on a backend that can, all of its reads see one
	// snapshot of the data. Close it when done.
	Read(ctx context.Context) (Reader, error)
	// Write starts the writing part of a transaction. On an atomic backend
	// nothing it does is seen by others until Commit; while it is open, no
	// other Writer of this backend commits in between its reads and its
	// writes (a lock, or a conflict at Commit).
	Write(ctx context.Context) (Writer, error)
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// KeepSecret returns the secret of the name that the database keeps,
	// storing fresh as that secret first when it keeps none. Of callers
	// that race, through this Backend or another on the same database,
	// all get the secret stored first. A kept secret that others may read,
	// or whose length is not len(fresh), is an error that says what to do.
	KeepSecret(ctx context.Context, name string, fresh []byte) (Secret, error)
	// Close releases the database; Readers and Writers must be done.
	Close() error
}

// ErrTaken says that a write hit a unique key: the id, or the values of a
// unique index, belong to another document. Insert and Put return errors
// that wrap it.
var ErrTaken = errors.New("duplicate key")

// ErrConflict says that a transaction read data that another one changed
// before it could write: its writes were not made, and it may run again.
var ErrConflict = errors.New("conflict with a concurrent transaction")

// ErrUnknownOutcome says that a commit may or may not have made its
// writes: the database did not answer in time, or answered that it did
// not know, or a transaction that could not commit as one could not undo
// all of its writes. Running the transaction again may make its writes
// twice; check the data first.
var ErrUnknownOutcome = errors.New("the outcome of the commit is unknown: its writes may or may not have been kept")

// Undoer is a Writer of a backend that is not Atomic: its writes are made
// at once, and Undo, which storage calls instead of Rollback, undoes them,
// newest first. It never overwrites what another transaction wrote since:
// a write that it cannot undo so stays, and its error, which wraps
// ErrUnknownOutcome, says which.
type Undoer interface {
	Writer
	Undo(ctx context.Context) error
}

// Exclusive is a Backend whose Writers are not one at a time by
// themselves, and that can start one that is: while it is open, no other
// exclusive Writer of the database starts, in this process or another,
// and the next one sees what it committed. MongoDB holds every other
// Writer off as well (a writers' lease), so that it conflicts with none
// that starts after it; PostgreSQL lets the others run beside it
// (SERIALIZABLE), and it may still conflict with one of those. Storage
// starts one for a transaction that conflicted again and again. The
// embedded store, whose every Writer is alone, need not implement it.
type Exclusive interface {
	WriteExclusive(ctx context.Context) (Writer, error)
}

// Lifetime is a Backend that limits how long a transaction may live.
type Lifetime interface {
	// MaxTransaction returns how long a transaction may live, from its
	// first read after Write to the end of its Commit; 0 for no limit.
	MaxTransaction() time.Duration
}

// Collection is a collection as its concept declares it.
type Collection struct {
	Name    string
	Indexes []Index
}

// Counted returns the fields whose counts the collection keeps: the first
// field of each counted index, once each, in the order declared.
func (c Collection) Counted() []string {
	var fields []string
	for _, ix := range c.Indexes {
		if ix.Counted && !slices.Contains(fields, ix.Fields[0]) {
			fields = append(fields, ix.Fields[0])
		}
	}
	return fields
}

// Index is an index of a collection, on top-level fields of its
// documents, in order; a unique one holds each combination of values once.
type Index struct {
	Fields []string
	Unique bool
	// Counted says that the collection is counted by the first field
	// (Count and CountBy that select by it alone), so that a backend that
	// can keep those counts exactly keeps them: it updates them in the
	// transactions that write the documents, and answers from them (see
	// Reads). Setup counts the documents there are when a collection
	// starts counting a field, and forgets the counts when it stops. The
	// embedded store does, under its one writer; MongoDB counts from the
	// index, as for any Count: there a kept count would be a document that
	// concurrent writes update, which a server without transactions can
	// lose updates of.
	Counted bool
}

// Name names the index after its fields, joined by "+", and "unique:"
// before them for a unique index: backends name their indexes so.
func (ix Index) Name() string {
	name := strings.Join(ix.Fields, "+")
	if ix.Unique {
		return "unique:" + name
	}
	return name
}

// Raw is a stored document: its id, and its fields as a JSON object.
type Raw struct {
	ID   string
	Data []byte
}

// Secret is a secret a database keeps, as KeepSecret returns it.
type Secret struct {
	Value   []byte // the secret
	Where   string // where it is kept, for logs: a file's path, or a collection of a database
	Created bool   // this call stored it, rather than reading the one kept before
}

// Reads are the reads a backend answers. Queries are checked against the
// collection's indexes before they reach it.
type Reads interface {
	// Get returns the documents of coll with the ids, in any order; an id
	// with no document is left out.
	Get(ctx context.Context, coll string, ids []string) ([]Raw, error)
	// Find returns the documents of coll that q selects, in q's order.
	Find(ctx context.Context, coll string, q *Query) ([]Raw, error)
	// Count returns how many documents of coll q selects, ignoring its
	// sort, limit and offset. When every condition of q is on a counted
	// field (Index.Counted), a backend that keeps its counts reads them,
	// not the documents.
	Count(ctx context.Context, coll string, q *Query) (int64, error)
	// Distinct returns the distinct values of the field among the
	// documents q selects, ascending; documents without it are left out.
	// Values are strings, int64 for whole numbers, float64 for others,
	// and, where the backend keeps them, booleans.
	Distinct(ctx context.Context, coll, field string, q *Query) ([]any, error)
	// CountBy counts the documents q selects by their values of the
	// field, ascending by value; documents without it are left out.
	// Values are as for Distinct. When the field is counted
	// (Index.Counted) and every condition of q is on it, a backend that
	// keeps its counts reads them: one per value, not one per document.
	CountBy(ctx context.Context, coll, field string, q *Query) ([]Group, error)
}

// Group is one value of a field and how many documents have it.
type Group struct {
	Value any
	N     int64
}

// Reader is a read that a transaction, or a single read, runs.
type Reader interface {
	Reads
	// Close ends the read.
	Close()
}

// Writer is the writing part of a transaction: its reads see its own
// writes.
type Writer interface {
	Reads
	// Insert stores a new document; an id that exists, or values that a
	// unique index holds already, give an error wrapping ErrTaken.
	Insert(ctx context.Context, coll string, doc Raw) error
	// Put stores the document, replacing the one with its id if any;
	// values that a unique index holds for another document give an
	// error wrapping ErrTaken.
	Put(ctx context.Context, coll string, doc Raw) error
	// Delete deletes the document with the id and reports whether there
	// was one.
	Delete(ctx context.Context, coll, id string) (bool, error)
	// Commit makes the writes durable and visible, within ctx's deadline.
	// An error wrapping ErrConflict means that another transaction got in
	// the way: nothing was written, and running the transaction again may
	// succeed. One wrapping ErrUnknownOutcome means that the writes may
	// have been made: the database did not say. Any other error means
	// that nothing was written.
	Commit(ctx context.Context) error
	// Rollback discards the writes.
	Rollback()
}
