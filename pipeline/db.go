package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/mongodb"
	"github.com/legible/legible/storage/postgres"
	"github.com/legible/legible/storage/sqlite"
)

// DBOptions say which database to open.
type DBOptions struct {
	// Data is the embedded store's folder, created if missing; ignored
	// when MongoURI or PostgresURL is set.
	Data string
	// MongoURI is a MongoDB to use instead of the embedded store (usually
	// $MONGODB_URI), and MongoDB its database (usually $MONGODB_DB;
	// mongodb.DefaultDB when empty).
	MongoURI, MongoDB string
	// MongoPool caps the MongoDB client's connections; the driver's
	// default when 0.
	MongoPool uint64
	// MongoNoTransactions accepts a MongoDB without transactions (a
	// standalone server, FerretDB), and what it cannot promise (usually
	// $LEGIBLE_MONGODB_NO_TRANSACTIONS=accept); without it, such a
	// MongoDB is refused.
	MongoNoTransactions bool
	// PostgresURL is a PostgreSQL database to use instead of the embedded
	// store (usually $DATABASE_URL): postgres://USER:PASSWORD@HOST:PORT/DATABASE.
	PostgresURL string
}

// OpenDB opens the PostgreSQL database of o.PostgresURL, or the MongoDB
// of o.MongoURI, or else the embedded store in o.Data; both URLs at once
// are an error. A MongoDB without transactions is refused, unless
// o.MongoNoTransactions accepts it, which log then warns of.
func OpenDB(ctx context.Context, o DBOptions, log *slog.Logger) (*storage.DB, error) {
	switch {
	case o.MongoURI != "" && o.PostgresURL != "":
		return nil, errors.New("both MONGODB_URI and DATABASE_URL are set, and legible keeps its state in one database: " +
			"unset the one you do not mean")
	case o.PostgresURL != "":
		if err := checkPostgresURL(o.PostgresURL); err != nil {
			return nil, err
		}
		return postgres.Open(ctx, o.PostgresURL, postgres.Options{Logger: log})
	case o.MongoURI == "":
		return sqlite.Open(o.Data, sqlite.Options{})
	}
	db, err := mongodb.Open(ctx, o.MongoURI, mongodb.Options{DB: o.MongoDB, PoolSize: o.MongoPool, Logger: log,
		AcceptNoTransactions: o.MongoNoTransactions})
	if err == nil && !db.Atomic() {
		log.Warn("serving on a MongoDB without transactions, as "+mongodb.NoTransactionsEnv+" accepts: a flow's writes "+
			"do not commit together, a failed flow's writes are undone only where no one wrote since, concurrent updates "+
			"of one document can be lost, and a crash in the middle of a flow leaves half of it; "+
			"run a replica set (a single-member one will do) for flows that commit as one", "database", db.Describe())
	}
	return db, err
}

// checkPostgresURL checks that DATABASE_URL is a PostgreSQL URL; when it
// is not, it says so without repeating more of it than its scheme, which
// holds no password.
func checkPostgresURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Scheme == "":
		return errors.New("DATABASE_URL is not a URL; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE")
	case !strings.EqualFold(u.Scheme, "postgres") && !strings.EqualFold(u.Scheme, "postgresql"):
		return fmt.Errorf("DATABASE_URL is a %s:// URL, and legible keeps its state only in PostgreSQL there: "+
			"write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to use the embedded store", u.Scheme)
	}
	return nil
}

// NoTransactions reads the value of mongodb.NoTransactionsEnv: true for
// "accept", false when unset, and an error that says what to write for
// anything else.
func NoTransactions(value string) (bool, error) {
	switch value {
	case mongodb.AcceptNoTransactions:
		return true, nil
	case "":
		return false, nil
	}
	return false, fmt.Errorf("%s=%q: set it to %q to accept a MongoDB without transactions, or unset it",
		mongodb.NoTransactionsEnv, value, mongodb.AcceptNoTransactions)
}
