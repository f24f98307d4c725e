// Package postgres is storage's Backend on PostgreSQL, through pgx, for
// apps that outgrow one machine: several `legible serve` replicas share
// one database (DATABASE_URL=postgres://…).
//
// Each collection is a table of (id, doc): the id as the primary key, the
// document as JSONB. Each declared index is an expression index on the
// fields' values in the document, doc -> 'field' (and the id, for a
// non-unique index, so that it also orders ties), and queries compare
// those very expressions, so every query is answered from an index.
// Indexes are named "legible:COLLECTION/NAME" (backend.Index.Name), and
// Setup drops only indexes of that prefix that the collection no longer
// declares: an index an operator added stays.
//
// Counts are counted from the indexes, counted ones (Index.Counted) too:
// a kept count would be a row that every write of a collection updates,
// so that concurrent writers, which SERIALIZABLE lets run side by side,
// would all conflict on it.
//
// The writing part of a transaction (a flow's, from its first write) is
// a SERIALIZABLE transaction; a serialization failure (SQLSTATE 40001) or
// a deadlock (40P01) is backend.ErrConflict, after which nothing of it is
// written and the flow runs again. A read is a REPEATABLE READ, READ ONLY
// transaction: one snapshot, which waits for no writer. (Such a snapshot
// may, in rare interleavings, show a state that no serial order of the
// writing transactions passes through, the read-only anomaly that only
// SERIALIZABLE READ ONLY DEFERRABLE avoids, at the price of waiting for
// writers; a flow that goes on to write reads again in its SERIALIZABLE
// transaction, which is checked.) A transaction's BEGIN goes out in one
// round trip with its first statement, as a pipelined batch, and one
// that runs no statement sends nothing. A write that hits a unique index leaves
// the transaction usable: inserts skip a conflict (ON CONFLICT DO NOTHING)
// and a replacement runs under a savepoint.
//
// Reads, writes and the locks of exclusive writes (see WriteExclusive)
// take connections from three pools, so that a flow that holds a read
// while it waits for the lock, or the lock while it waits to write, never
// waits for a flow that waits for what it holds: each pool has
// Options.Conns connections at most.
//
// It uses plain SQL that wire-compatible distributed engines also speak:
// no advisory locks, no LISTEN/NOTIFY, no triggers or stored procedures.
// Only PostgreSQL 15 was tried; CockroachDB and YugabyteDB were not.
package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// DefaultConns is the number of connections of each of the three pools,
// reads', writes' and locks', when neither Options.Conns nor the URL's
// pool_max_conns says otherwise.
const DefaultConns = 8

// Options tune the backend.
type Options struct {
	// Conns caps the connections of each pool, the reads', the writes'
	// and the locks': a server opens up to three times as many. When 0,
	// the URL's pool_max_conns, or else DefaultConns.
	Conns int32
	// Logger receives what cannot be returned: a unique index that Setup
	// keeps though no longer declared. Nil means slog.Default().
	Logger *slog.Logger
}

// Backend is a PostgreSQL database.
type Backend struct {
	reads, writes, locks *pgxpool.Pool
	where                string // for messages: the database and its server, without the password
	log                  *slog.Logger

	mu     sync.Mutex
	unique map[string][]backend.Index // the unique indexes of each collection, from Setup
}

// Open connects to the PostgreSQL database of url, checks that it
// answers, and returns it as a storage.DB.
func Open(ctx context.Context, url string, o Options) (*storage.DB, error) {
	b, err := OpenBackend(ctx, url, o)
	if err != nil {
		return nil, err
	}
	return storage.New(b), nil
}

// OpenBackend connects to the PostgreSQL database of url as a Backend.
func OpenBackend(ctx context.Context, url string, o Options) (*Backend, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("reading the PostgreSQL URL: %w; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE", err)
	}
	switch {
	case o.Conns > 0:
		cfg.MaxConns = o.Conns
	case !strings.Contains(url, "pool_max_conns="):
		cfg.MaxConns = DefaultConns
	}
	b := &Backend{where: describe(cfg.ConnConfig), log: o.Logger}
	if b.log == nil {
		b.log = slog.Default()
	}
	for _, p := range []**pgxpool.Pool{&b.reads, &b.writes, &b.locks} {
		if err == nil {
			*p, err = pgxpool.NewWithConfig(ctx, cfg.Copy())
		}
	}
	if err == nil {
		err = b.Ping(ctx)
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("connecting to %s: %w; check that PostgreSQL runs there and that DATABASE_URL is right, "+
			"or unset DATABASE_URL to use the embedded store", b.where, err)
	}
	return b, nil
}

// describe names the database of cfg, its server, and the search path
// when the URL sets one, leaving the password out.
func describe(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if !strings.HasPrefix(host, "/") {
		host += ":" + strconv.Itoa(int(cfg.Port))
	}
	d := fmt.Sprintf("PostgreSQL database %s at %s as %s", cfg.Database, host, cfg.User)
	if sp := cfg.RuntimeParams["search_path"]; sp != "" {
		d += " with search_path " + sp
	}
	return d
}

// Describe says which database it is.
func (b *Backend) Describe() string { return b.where }

// Atomic reports true: a transaction's writes commit together.
func (b *Backend) Atomic() bool { return true }

// Ping checks that the server answers.
func (b *Backend) Ping(ctx context.Context) error {
	if err := b.reads.Ping(ctx); err != nil {
		return fmt.Errorf("pinging %s: %w", b.where, err)
	}
	return nil
}

// Close closes the connections; closing again does nothing.
func (b *Backend) Close() error {
	for _, p := range []*pgxpool.Pool{b.reads, b.writes, b.locks} {
		if p != nil {
			p.Close()
		}
	}
	return nil
}

// uniqueIndexes returns the unique indexes of a collection, and whether
// Setup saw the collection.
func (b *Backend) uniqueIndexes(coll string) ([]backend.Index, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ixs, ok := b.unique[coll]
	return ixs, ok
}
