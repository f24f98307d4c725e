// Package mongodb is storage's Backend on MongoDB, through the official
// Go driver v2, for apps that outgrow one machine: several `legible serve`
// replicas share one MongoDB replica set (or Atlas).
//
// Each collection is a MongoDB collection of the same name; a document's
// id is its _id, and its JSON fields are BSON fields (whole numbers as
// int64). Documents that another program wrote read as JSON too: a date
// as RFC 3339 text, an ObjectId as its hex, a Decimal128 as a number.
// Each declared index is a MongoDB index named "legible:" and the index's
// name (and holding _id after its fields, for a non-unique index, so that
// it also orders ties). Setup never drops an index that it did not make,
// nor a unique one (see Setup). A counted index (storage.CountedOn) is
// such an index too: Count and CountBy count from it.
//
// # Transactions
//
// Open tries a transaction. Where the server has them (a replica set, a
// single-member one will do, or a sharded cluster), a transaction's
// writes run in a session transaction, with snapshot reads, majority
// writes, and the primary to read from whatever the URI's readPreference
// says. MongoDB transactions are snapshot-isolated; to make them
// serializable, each one also writes, at its commit, the conflict keys
// of what it read and wrote (see keys.go): two transactions conflict
// when one read what the other wrote, and the later one runs again. A
// Get conflicts with writes of its ids only, a query with writes of the
// documents it selects, before or after, and only a query with no
// condition with every write of its collection. A commit is bounded by
// its context: one whose outcome the server does not say in time is an
// error wrapping backend.ErrUnknownOutcome. A transaction that must not
// conflict again (backend.Exclusive) takes a lease, a document of
// "_legible.lease" that one transaction holds at a time, which new
// transactions of every replica wait for. Reads outside a transaction,
// those of read-only flows, are snapshot reads of one session, so that
// they see one state of the data.
//
// # Conflict keys
//
// A MongoDB transaction is snapshot-isolated: two transactions conflict
// only when both write one document. So that a transaction that read
// something conflicts with one that changed it, each transaction also
// writes, at its commit, the documents of conflict keys ("cells", in the
// collection "_legible.keys") that stand for what it read and wrote. A
// key names what a read depends on, or what a write changes:
//
//   - the id key of a document (collection, id): a Get of the id reads it;
//     a write of the document writes it;
//   - a field key (collection, field, value), for each field that an index
//     holds: a query that selects by the field reads the keys of the values
//     it selects; a write writes the keys of the document's values of every
//     indexed field, before and after the write;
//   - the scan key of a collection: a query with no condition reads it;
//     every write to the collection writes it.
//
// Each key is a grid of cells, rows by columns. A transaction that reads
// a key writes the cells of one row of it, the same row in every key,
// picked at random when it starts; a write of a document writes the
// cells of one column of each of its keys, the column its id hashes to.
// A row and a column always cross, so a reader and a writer of one key
// always write a cell in common, and MongoDB lets only one of them
// commit; two readers meet only when they picked the same row, and the
// writers of two documents only when their ids hash to the same column
// (the writers of one document conflict on the document anyway). The
// grids fit how keys are used: an id key is read far more often than its
// document is written (every authenticated flow reads its user), so it
// is a single column of 4 cells; a field key, read by queries and written
// by the documents of its value, is 4 rows by 8 columns; the scan key,
// which every write of the collection writes and only a query without
// conditions reads, is a single row of 64 cells, so that writers of
// different documents rarely meet there. A TTL index drops the cells that
// no transaction wrote for an hour.
//
// This covers every way a write can change what a read returned. A Get
// of ids returns other documents only if one of those ids is written. A
// query's result changes only when a document that it selects, before or
// after the write, is written; such a document has, for the field of the
// condition the query's key comes from (by ID, or an indexed field), one
// of the values the condition selects, before or after; the write writes
// that id key, or the field key of that value. Documents that enter a
// result (phantoms) are covered as those that leave it are, by their new
// values. A query with no condition reads the scan key, which every write
// writes. Sort, limit and offset only choose among the documents that the
// conditions select. Counts, distinct values and counts by value are
// answers of the same queries.
// A transaction never waits for another here: MongoDB aborts the later
// of two that conflict, and the engine runs its flow again, after a
// pause, and exclusively after two conflicts.
//
// # Without transactions
//
// A standalone server has no transactions, and neither has FerretDB v1,
// which the tests run against. Open refuses such a server unless
// Options.AcceptNoTransactions, as the risks are real: each write is
// atomic on its own and applied at once; a concurrent read-modify-write
// can lose an update; a crash between two writes of a flow leaves the
// first; a rolled-back transaction undoes its writes, newest first, but
// only where no one wrote the document since (each write marks the
// document, in the field "_w", and the undo matches the mark), so that an
// undo never overwrites another flow's write: what it cannot undo, it
// says, in an error wrapping backend.ErrUnknownOutcome, and in the log.
// Inserts by id and into unique indexes are atomic on every server, so a
// unique key is never held twice.
package mongodb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage"
)

// DefaultDB is the database name when Options.DB is empty.
const DefaultDB = "legible"

// NoTransactionsEnv is the environment variable that, set to
// AcceptNoTransactions, has `legible serve` accept a MongoDB without
// transactions (Options.AcceptNoTransactions).
const NoTransactionsEnv = "LEGIBLE_MONGODB_NO_TRANSACTIONS"

// AcceptNoTransactions is the value of NoTransactionsEnv that accepts.
const AcceptNoTransactions = "accept"

// DefaultSetupTimeout bounds Setup when Options.SetupTimeout is 0.
const DefaultSetupTimeout = 2 * time.Minute

// Options say which database to use, and how.
type Options struct {
	// DB is the database name; DefaultDB when empty.
	DB string
	// PoolSize caps the client's connections; the driver's default (100)
	// when 0.
	PoolSize uint64
	// Logger receives what cannot be returned: a write that a rollback
	// without transactions could not undo, an index that Setup keeps
	// though no longer declared. Nil means slog.Default().
	Logger *slog.Logger
	// AcceptNoTransactions lets Open use a server without transactions,
	// accepting what it cannot promise (see the package documentation);
	// without it, Open refuses one.
	AcceptNoTransactions bool
	// SetupTimeout bounds Setup, index builds included; DefaultSetupTimeout
	// when 0.
	SetupTimeout time.Duration
}

// Backend is a MongoDB database.
type Backend struct {
	client *mongo.Client
	db     *mongo.Database
	uri    string // redacted
	log    *slog.Logger
	server server
	setup  time.Duration

	mu    sync.Mutex
	colls map[string]*collInfo // from Setup
}

// Open connects to the MongoDB at uri, checks that it answers and tries a
// transaction, and returns it as a storage.DB.
func Open(ctx context.Context, uri string, o Options) (*storage.DB, error) {
	b, err := OpenBackend(ctx, uri, o)
	if err != nil {
		return nil, err
	}
	return storage.New(b), nil
}

// OpenBackend connects to the MongoDB at uri as a Backend. A server
// without transactions is an error unless o.AcceptNoTransactions.
func OpenBackend(ctx context.Context, uri string, o Options) (*Backend, error) {
	if o.DB == "" {
		o.DB = DefaultDB
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.SetupTimeout <= 0 {
		o.SetupTimeout = DefaultSetupTimeout
	}
	opts := options.Client().ApplyURI(uri)
	if o.PoolSize > 0 {
		opts.SetMaxPoolSize(o.PoolSize)
	}
	client, err := mongo.Connect(opts)
	if err == nil {
		err = client.Ping(ctx, nil)
	}
	b := &Backend{client: client, uri: redact(uri), log: o.Logger, setup: o.SetupTimeout, colls: map[string]*collInfo{}}
	if err != nil {
		return nil, b.fail(ctx, fmt.Errorf("connecting to MONGODB_URI %s: %w; check that MongoDB runs there, "+
			"or unset MONGODB_URI to use the embedded store", b.uri, err))
	}
	b.db = client.Database(o.DB)
	if b.server, err = probe(ctx, client, b.db, opts); err != nil {
		return nil, b.fail(ctx, err)
	}
	if !b.server.transactions && !o.AcceptNoTransactions {
		return nil, b.fail(ctx, b.refusal())
	}
	return b, nil
}

// fail disconnects, and returns err.
func (b *Backend) fail(ctx context.Context, err error) error {
	if b.client != nil {
		_ = b.client.Disconnect(context.WithoutCancel(ctx))
	}
	return err
}

// refusal is the error of opening a server without transactions without
// accepting it.
func (b *Backend) refusal() error {
	return fmt.Errorf("the MongoDB at %s has no transactions (%s): a flow's writes would not commit together, "+
		"a failed or refused flow could leave writes behind, concurrent updates of one document could be lost, "+
		"and a crash in the middle of a flow would leave half of it; run a replica set instead (a single-member one "+
		"will do: start mongod with --replSet rs0, then run rs.initiate() once), or set %s=%s to serve anyway, "+
		"accepting those risks (README, State)", b.uri, b.server.why, NoTransactionsEnv, AcceptNoTransactions)
}

// redact hides the password in a connection string.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(unparsable URI)"
	}
	return u.Redacted()
}

// Describe says which database it is, whether it has transactions, and
// what reads outside transactions read.
func (b *Backend) Describe() string {
	return "MongoDB database " + b.db.Name() + " at " + b.uri + " (" + b.server.describe() + ")"
}

// Atomic reports whether the server has session transactions.
func (b *Backend) Atomic() bool { return b.server.transactions }

// MaxTransaction returns how long the server lets a transaction live
// (transactionLifetimeLimitSeconds); 0 without transactions.
func (b *Backend) MaxTransaction() time.Duration {
	if !b.server.transactions {
		return 0
	}
	return b.server.lifetime
}

// Ping checks that the server answers.
func (b *Backend) Ping(ctx context.Context) error {
	if err := b.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("pinging MongoDB at %s: %w", b.uri, err)
	}
	return nil
}

// Close disconnects.
func (b *Backend) Close() error { return b.client.Disconnect(context.Background()) }

// Drop drops the whole database: for tests.
func (b *Backend) Drop(ctx context.Context) error { return b.db.Drop(ctx) }

// errEnded is the error of using a Writer that has ended.
var errEnded = errors.New("mongodb: the transaction has ended")
