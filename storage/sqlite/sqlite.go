// Package sqlite is legible's embedded store: storage's Backend on one
// SQLite file in a data directory, through the pure-Go driver
// modernc.org/sqlite, so that nothing else has to run or be installed.
//
// Each collection is a table of (id, doc): the id as the primary key, the
// document as JSON text. Each declared index is an SQL index on the
// fields' json_extract expressions (and the id, for a non-unique index, so
// that it also orders ties), and queries compare those very expressions,
// so every query is answered from an index.
//
// The file is in WAL mode, with synchronous=NORMAL: a commit is in the
// log when it returns, so killing the process loses no committed write,
// and reads never wait for writes. (A power cut may lose the last commits,
// never the file's consistency.) Reads run on a pool of connections, each
// read of a transaction in one snapshot; writes run on one connection, in
// BEGIN IMMEDIATE transactions that one transaction at a time holds.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/legible/legible/storage"
)

// File is the name of the database file in the data directory.
const File = "legible.db"

// DefaultReaders is the number of read connections when Options.Readers
// is 0.
const DefaultReaders = 16

// Options tune the store.
type Options struct {
	// Readers is how many connections serve reads at once; a transaction
	// holds one from its first read until its first write or its end.
	// DefaultReaders when 0.
	Readers int
}

// Backend is the embedded store on one data directory.
type Backend struct {
	dir     string
	db      *sql.DB
	lock    *os.File      // held while open, so that one process uses the directory
	writer  *conn         // the one connection that writes
	wlock   chan struct{} // a token per writing transaction: one at a time
	readers pool
	counted atomic.Pointer[map[string][]string] // by collection, the fields it counts, from Setup

	closeOnce sync.Once
	closeErr  error
}

// Open opens the store in dir, creating the directory and the file when
// missing, and returns it as a storage.DB.
func Open(dir string, o Options) (*storage.DB, error) {
	b, err := OpenBackend(dir, o)
	if err != nil {
		return nil, err
	}
	return storage.New(b), nil
}

// OpenBackend opens the store in dir as a Backend.
func OpenBackend(dir string, o Options) (*Backend, error) {
	abs, err := dataDir(dir)
	if err != nil {
		return nil, err
	}
	lock, err := lockDir(abs)
	if err != nil {
		return nil, err
	}
	b, err := open(abs, lock, o)
	if err != nil {
		_ = lock.Close()
		return nil, err
	}
	return b, nil
}

// open opens the database file of the directory abs, which lock holds.
func open(abs string, lock *os.File, o Options) (*Backend, error) {
	if o.Readers <= 0 {
		o.Readers = DefaultReaders
	}
	db, err := sql.Open("sqlite", dsn(filepath.Join(abs, File)))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", abs, err)
	}
	db.SetMaxOpenConns(o.Readers + 1)
	db.SetMaxIdleConns(o.Readers + 1)
	b := &Backend{dir: abs, db: db, lock: lock, wlock: make(chan struct{}, 1)}
	b.readers = pool{db: db, free: make(chan *conn, o.Readers), size: o.Readers}
	ctx := context.Background()
	if b.writer, err = newConn(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("opening the database file in %s: %w; check that it is a legible data directory and writable", abs, err)
	}
	if err := b.checkWAL(ctx); err != nil {
		_ = b.Close()
		return nil, err
	}
	return b, nil
}

// dsn is the driver's name of the database file: WAL, NORMAL sync, and
// waiting up to 10 s for a lock another process holds (a backup, say).
func dsn(file string) string {
	q := url.Values{"_pragma": {"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(0)"}}
	return (&url.URL{Scheme: "file", Path: file, RawQuery: q.Encode()}).String()
}

// checkWAL checks that the file is in WAL mode, which readers that never
// wait for the writer need.
func (b *Backend) checkWAL(ctx context.Context) error {
	var mode string
	if err := b.writer.c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("reading the journal mode of %s: %w", b.file(), err)
	}
	if mode != "wal" {
		return fmt.Errorf("%s is in journal mode %s, not wal; the file system of %s may not support WAL (a network share?): choose another --data", b.file(), mode, b.dir)
	}
	return nil
}

// file is the path of the database file.
func (b *Backend) file() string { return filepath.Join(b.dir, File) }

// Describe says where the store is.
func (b *Backend) Describe() string { return "SQLite in " + b.dir }

// Dir returns the data directory.
func (b *Backend) Dir() string { return b.dir }

// Atomic reports true: a transaction's writes commit together.
func (b *Backend) Atomic() bool { return true }

// Ping checks that the file answers a query.
func (b *Backend) Ping(ctx context.Context) error {
	c, err := b.readers.get(ctx)
	if err != nil {
		return err
	}
	defer b.readers.put(c)
	var one int
	if err := c.c.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("reading %s: %w", b.file(), err)
	}
	return nil
}

// Close closes the connections and the file, and releases the directory.
// Closing again does nothing.
func (b *Backend) Close() error {
	b.closeOnce.Do(func() {
		var errs []error
		if b.writer != nil {
			_, _ = b.writer.c.ExecContext(context.Background(), "PRAGMA optimize")
			errs = append(errs, b.writer.close())
		}
		errs = append(errs, b.readers.close(), b.db.Close(), b.lock.Close())
		b.closeErr = errors.Join(errs...)
	})
	return b.closeErr
}
