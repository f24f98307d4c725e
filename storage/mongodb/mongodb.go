// Package mongodb is storage's Backend on MongoDB, through the official
// Go driver v2, for apps that outgrow one machine: several `legible serve`
// replicas share one MongoDB replica set (or Atlas).
//
// Each collection is a MongoDB collection of the same name; a document's
// id is its _id, and its JSON fields are BSON fields (whole numbers as
// int64). Each declared index is a MongoDB index of that name on those
// fields (and _id, for a non-unique index, so that it also orders ties).
// A counted index (storage.CountedOn) is such an index too: Count and
// CountBy count from it, as they do without one. Kept counts would be
// documents that concurrent writes update, and a server without
// transactions, FerretDB among them, loses such updates.
//
// On a replica set or a sharded cluster, a transaction's writes run in a
// session transaction. To make transactions serializable, and not only
// snapshot-isolated, each commit also increments a counter document, in
// the collection "_legible.commits", for every collection the transaction
// read or wrote after its first write: two transactions that overlap on a
// collection then conflict, and the later one runs again.
//
// A standalone server has no transactions, and neither has FerretDB v1,
// which the tests run against. There each write is atomic on its own and
// applied at once, and a transaction that rolls back undoes its writes,
// newest first, as well as it can: a crash in between leaves them.
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

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
)

// DefaultDB is the database name when Options.DB is empty.
const DefaultDB = "legible"

// undoTimeout bounds the undoing of a transaction's writes on a server
// without transactions.
const undoTimeout = 5 * time.Second

// commitsCollection holds one counter per collection, which every commit
// of a session transaction increments for the collections it used.
const commitsCollection = "_legible.commits"

// Options say which database to use, and how.
type Options struct {
	// DB is the database name; DefaultDB when empty.
	DB string
	// PoolSize caps the client's connections; the driver's default (100)
	// when 0.
	PoolSize uint64
	// Logger receives what cannot be returned: a write that a rollback
	// without transactions could not undo. Nil means slog.Default().
	Logger *slog.Logger
}

// Backend is a MongoDB database.
type Backend struct {
	client *mongo.Client
	db     *mongo.Database
	uri    string // redacted
	atomic bool   // the server has session transactions
	log    *slog.Logger

	mu     sync.Mutex
	unique map[string][]backend.Index // the unique indexes of each collection, from Setup
}

// Open connects to the MongoDB at uri, checks that it answers and whether
// it has transactions, and returns it as a storage.DB.
func Open(ctx context.Context, uri string, o Options) (*storage.DB, error) {
	b, err := OpenBackend(ctx, uri, o)
	if err != nil {
		return nil, err
	}
	return storage.New(b), nil
}

// OpenBackend connects to the MongoDB at uri as a Backend.
func OpenBackend(ctx context.Context, uri string, o Options) (*Backend, error) {
	if o.DB == "" {
		o.DB = DefaultDB
	}
	opts := options.Client().ApplyURI(uri)
	if o.PoolSize > 0 {
		opts.SetMaxPoolSize(o.PoolSize)
	}
	client, err := mongo.Connect(opts)
	if err == nil {
		err = client.Ping(ctx, nil)
	}
	if err != nil {
		if client != nil {
			_ = client.Disconnect(context.WithoutCancel(ctx))
		}
		return nil, fmt.Errorf("connecting to MONGODB_URI %s: %w; check that MongoDB runs there, "+
			"or unset MONGODB_URI to use the embedded store", redact(uri), err)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	b := &Backend{client: client, db: client.Database(o.DB), uri: redact(uri), log: o.Logger}
	if b.atomic, err = hasTransactions(ctx, client); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	return b, nil
}

// hasTransactions reports whether the server is a replica set member or a
// mongos, which have session transactions.
func hasTransactions(ctx context.Context, client *mongo.Client) (bool, error) {
	var hello struct {
		SetName string `bson:"setName"`
		Msg     string `bson:"msg"`
	}
	err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&hello)
	if err != nil {
		return false, fmt.Errorf("asking the MongoDB server what it is (hello): %w", err)
	}
	return hello.SetName != "" || hello.Msg == "isdbgrid", nil
}

// redact hides the password in a connection string.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(unparsable URI)"
	}
	return u.Redacted()
}

// Describe says which database it is, and whether it has transactions.
func (b *Backend) Describe() string {
	if b.atomic {
		return "MongoDB database " + b.db.Name() + " at " + b.uri
	}
	return "MongoDB database " + b.db.Name() + " at " + b.uri + " (no transactions)"
}

// Atomic reports whether the server has session transactions.
func (b *Backend) Atomic() bool { return b.atomic }

// Ping checks that the server answers.
func (b *Backend) Ping(ctx context.Context) error {
	if err := b.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("pinging MongoDB at %s: %w", b.uri, err)
	}
	return nil
}

// Close disconnects.
func (b *Backend) Close() error { return b.client.Disconnect(context.Background()) }

// uniqueIndexes returns the unique indexes of a collection.
func (b *Backend) uniqueIndexes(coll string) []backend.Index {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.unique[coll]
}

// Drop drops the whole database: for tests.
func (b *Backend) Drop(ctx context.Context) error { return b.db.Drop(ctx) }

// Read starts a read: MongoDB reads are not from one snapshot outside a
// transaction, so each read is on its own.
func (b *Backend) Read(context.Context) (backend.Reader, error) {
	return reader{reads{b: b}}, nil
}

// reader reads outside any transaction.
type reader struct{ reads }

// Close does nothing.
func (reader) Close() {}

// Write starts the writing part of a transaction: a session transaction
// when the server has them, else writes applied at once and undone on
// Rollback.
func (b *Backend) Write(ctx context.Context) (backend.Writer, error) {
	if b.atomic {
		return b.beginSession(ctx)
	}
	return &loose{writes: writes{reads{b: b}}}, nil
}

// namespaceExists is the server's error code for creating a collection
// that exists.
const namespaceExists = 48

// Setup creates the collections and their indexes, and drops the indexes
// no longer declared.
func (b *Backend) Setup(ctx context.Context, colls []backend.Collection) error {
	b.mu.Lock()
	b.unique = map[string][]backend.Index{}
	for _, s := range colls {
		for _, ix := range s.Indexes {
			if ix.Unique {
				b.unique[s.Name] = append(b.unique[s.Name], ix)
			}
		}
	}
	b.mu.Unlock()
	for _, s := range append(colls, backend.Collection{Name: commitsCollection}) {
		err := b.db.CreateCollection(ctx, s.Name)
		var ce mongo.CommandError
		if err != nil && !(errors.As(err, &ce) && ce.Code == namespaceExists) {
			return fmt.Errorf("creating the collection %s: %w", s.Name, err)
		}
		if err := b.setupIndexes(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// setupIndexes creates a collection's indexes and drops those it no
// longer declares.
func (b *Backend) setupIndexes(ctx context.Context, s backend.Collection) error {
	coll := b.db.Collection(s.Name)
	have, err := indexNames(ctx, coll)
	if err != nil {
		return err
	}
	for _, ix := range s.Indexes {
		if have[ix.Name()] {
			delete(have, ix.Name())
			continue
		}
		if _, err := coll.Indexes().CreateOne(ctx, indexModel(ix)); err != nil {
			return fmt.Errorf("creating the index %s of %s: %w", ix.Name(), s.Name, err)
		}
	}
	for name := range have {
		if err := coll.Indexes().DropOne(ctx, name); err != nil {
			return fmt.Errorf("dropping the index %s that %s no longer declares: %w", name, s.Name, err)
		}
	}
	return nil
}

// indexModel is the MongoDB index of ix.
func indexModel(ix backend.Index) mongo.IndexModel {
	keys := bson.D{}
	for _, f := range ix.Fields {
		keys = append(keys, bson.E{Key: f, Value: 1})
	}
	if !ix.Unique {
		keys = append(keys, bson.E{Key: idField, Value: 1})
	}
	return mongo.IndexModel{Keys: keys, Options: options.Index().SetName(ix.Name()).SetUnique(ix.Unique)}
}

// indexNames returns the names of a collection's indexes but _id's.
func indexNames(ctx context.Context, coll *mongo.Collection) (map[string]bool, error) {
	specs, err := coll.Indexes().ListSpecifications(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the indexes of %s: %w", coll.Name(), err)
	}
	have := map[string]bool{}
	for _, s := range specs {
		if s.Name != "_id_" {
			have[s.Name] = true
		}
	}
	return have, nil
}
