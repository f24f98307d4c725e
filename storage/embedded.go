package storage

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// server is a running embedded FerretDB.
type server struct {
	dir    string // absolute data directory
	uri    string // where it listens, as a MongoDB connection string
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned
}

// startServer starts FerretDB with the SQLite handler on dir, listening on
// a free port of 127.0.0.1.
func startServer(dir string, logger *slog.Logger) (*server, error) {
	abs, err := dataDir(dir)
	if err != nil {
		return nil, err
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    quiet(logger),
		Handler:   "sqlite",
		SQLiteURL: sqliteURL(abs),
	})
	if err != nil {
		return nil, fmt.Errorf("starting the embedded database in %s: %w; check that the directory is writable "+
			"and holds FerretDB data, or set MONGODB_URI to use a MongoDB server", abs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{dir: abs, uri: f.MongoDBURI(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx) // always nil: Run returns when ctx is cancelled
	}()
	return s, nil
}

// stop stops the server and waits until it has closed its listener,
// connections and files.
func (s *server) stop() {
	s.cancel()
	<-s.done
}

// dataDir returns dir (DefaultDataDir when empty) as an absolute path,
// creating the directory if missing.
func dataDir(dir string) (string, error) {
	if dir == "" {
		dir = DefaultDataDir
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolving the data directory %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", fmt.Errorf("creating the data directory: %w; choose a writable directory with --data", err)
	}
	return abs, nil
}

// sqliteURL is the FerretDB SQLite URI of the directory abs: a file: URL
// whose path ends with a slash.
func sqliteURL(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}
	return u.String()
}
