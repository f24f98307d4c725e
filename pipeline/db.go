package pipeline

import (
	"context"
	"log/slog"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/mongodb"
	"github.com/legible/legible/storage/sqlite"
)

// DBOptions say which database to open.
type DBOptions struct {
	// Data is the embedded store's folder, created if missing; ignored
	// when MongoURI is set.
	Data string
	// MongoURI is a MongoDB to use instead of the embedded store (usually
	// $MONGODB_URI), and MongoDB its database (usually $MONGODB_DB;
	// mongodb.DefaultDB when empty).
	MongoURI, MongoDB string
	// MongoPool caps the MongoDB client's connections; the driver's
	// default when 0.
	MongoPool uint64
}

// OpenDB opens the MongoDB of o.MongoURI, or else the embedded store in
// o.Data. A MongoDB without transactions is said so on log.
func OpenDB(ctx context.Context, o DBOptions, log *slog.Logger) (*storage.DB, error) {
	if o.MongoURI == "" {
		return sqlite.Open(o.Data, sqlite.Options{})
	}
	db, err := mongodb.Open(ctx, o.MongoURI, mongodb.Options{DB: o.MongoDB, PoolSize: o.MongoPool, Logger: log})
	if err == nil && !db.Atomic() {
		log.Warn("this MongoDB has no transactions (a standalone server, or FerretDB): each write is atomic, "+
			"but a flow's writes are not atomic together, and a crash in the middle of a flow leaves what it wrote; "+
			"run a replica set (a single-member one will do) for atomic flows", "database", db.Describe())
	}
	return db, err
}
