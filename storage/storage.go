// Package storage is the database concepts keep their state in: a MongoDB
// database, reached through the official Go driver.
//
// With no URI, Open starts an embedded MongoDB-compatible server in the
// process — FerretDB v1.24.2 on SQLite, its files in a data directory — so
// a fresh machine needs nothing installed. With a URI, Open connects to
// that MongoDB instead. See DESIGN.md §5 for what FerretDB can and cannot
// do, and why the embedded server gets a single connection.
package storage

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// DefaultDataDir is where the embedded server keeps its files when
// Options.DataDir is empty.
const DefaultDataDir = "./data"

// DefaultDB is the database name used when Options.DB is empty.
const DefaultDB = "legible"

// Options say which database to open.
type Options struct {
	// DataDir is the embedded server's data directory, created if missing;
	// DefaultDataDir when empty. Ignored when URI is set.
	DataDir string
	// URI is a MongoDB connection string (usually $MONGODB_URI); empty
	// starts the embedded server.
	URI string
	// DB is the database name (usually $MONGODB_DB); DefaultDB when empty.
	DB string
	// Logger receives the embedded server's warnings and errors; nil
	// discards them.
	Logger *slog.Logger
}

// Store is an open database: a connected client and, when embedded, the
// server it talks to.
type Store struct {
	client *mongo.Client
	db     *mongo.Database
	server *server // nil when connected to a URI

	closeOnce sync.Once
	closeErr  error
}

// Open connects to the database o describes, starting the embedded server
// when o.URI is empty, and checks that it answers. Close the Store when
// done.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.DB == "" {
		o.DB = DefaultDB
	}
	if o.URI != "" {
		return openURI(ctx, o)
	}
	return openEmbedded(ctx, o)
}

// openURI connects to the MongoDB at o.URI with the driver's normal pool.
func openURI(ctx context.Context, o Options) (*Store, error) {
	client, err := connect(ctx, o.URI, 0)
	if err != nil {
		return nil, fmt.Errorf("connecting to MONGODB_URI %s: %w; check that MongoDB runs there, "+
			"or unset MONGODB_URI to use the embedded database", redact(o.URI), err)
	}
	return &Store{client: client, db: client.Database(o.DB)}, nil
}

// openEmbedded starts the embedded server and connects one single-connection
// client to it.
func openEmbedded(ctx context.Context, o Options) (*Store, error) {
	srv, err := startServer(o.DataDir, o.Logger)
	if err != nil {
		return nil, err
	}
	client, err := connect(ctx, srv.uri, 1)
	if err != nil {
		srv.stop()
		return nil, fmt.Errorf("connecting to the embedded database in %s: %w; "+
			"check that the directory is readable and writable", srv.dir, err)
	}
	return &Store{client: client, db: client.Database(o.DB), server: srv}, nil
}

// Database returns the database concepts keep their state in.
func (s *Store) Database() *mongo.Database { return s.db }

// Embedded reports whether the database is the embedded server.
func (s *Store) Embedded() bool { return s.server != nil }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("pinging the database: %w; check that it is running and reachable", err)
	}
	return nil
}

// Close disconnects the client and then, when embedded, stops the server
// and waits for it to release its files. Closing again does nothing and
// returns the first Close's result.
func (s *Store) Close(ctx context.Context) error {
	s.closeOnce.Do(func() { s.closeErr = s.close(ctx) })
	return s.closeErr
}

// close disconnects first: a server stopped under an open client waits
// seconds for its connections to end (DESIGN.md §5).
func (s *Store) close(ctx context.Context) error {
	err := s.client.Disconnect(ctx)
	if s.server != nil {
		s.server.stop()
	}
	if err != nil {
		return fmt.Errorf("disconnecting from the database: %w", err)
	}
	return nil
}
