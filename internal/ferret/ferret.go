// Package ferret runs an embedded FerretDB v1 server on SQLite, the
// stand-in for MongoDB that the tests of the MongoDB backend run against
// (no MongoDB server installs on these machines). Only tests import it,
// so the legible binary does not link FerretDB.
//
// What FerretDB v1.24.2 does differently from MongoDB, measured: it has
// no transactions; its updates read, modify and write without a lock;
// only a filter that is exactly {_id: value} reaches SQL, other filters
// scan the collection in Go; and a duplicate key from an update is an
// InternalError carrying SQLite's "UNIQUE constraint failed", not E11000.
package ferret

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Server is a running embedded FerretDB.
type Server struct {
	// URI is where it listens, as a MongoDB connection string.
	URI    string
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned
}

// Start starts FerretDB with its SQLite data in dir, listening on a free
// port of 127.0.0.1; its warnings and errors go to logger, when not nil.
func Start(dir string, logger *slog.Logger) (*Server, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    quiet(logger),
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}).String(),
	})
	if err != nil {
		return nil, fmt.Errorf("starting FerretDB in %s: %w", abs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{URI: f.MongoDBURI(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx) // always nil: Run returns when ctx is cancelled
	}()
	return s, nil
}

// Stop stops the server and waits until it has closed its listener,
// connections and files. Disconnect clients first: FerretDB waits seconds
// for open connections to end.
func (s *Server) Stop() {
	s.cancel()
	<-s.done
}

// quiet returns the logger FerretDB logs to: l, or a discarding logger
// when l is nil, passing only warnings and errors, and not the warnings
// that dump a failed command's response (the client gets that error
// anyway).
func quiet(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(quietHandler{l.Handler()}).With(slog.String("component", "ferretdb"))
}

// quietHandler is a slog handler that drops records below warnings, and
// FerretDB's warnings about failed commands.
type quietHandler struct{ next slog.Handler }

// Enabled reports whether records at level l may be logged.
func (h quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.next.Enabled(ctx, l)
}

// Handle logs r unless it is a failed command's response dump.
func (h quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelError && failedCommand(r.Message) {
		return nil
	}
	return h.next.Handle(ctx, r)
}

// WithAttrs returns the handler with attributes added, still filtered.
func (h quietHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietHandler{h.next.WithAttrs(attrs)}
}

// WithGroup returns the handler with a group opened, still filtered.
func (h quietHandler) WithGroup(name string) slog.Handler {
	return quietHandler{h.next.WithGroup(name)}
}

// failedCommand reports whether a FerretDB log message is the header or
// the body of a response that it logs at warning level because the
// command failed.
func failedCommand(msg string) bool {
	return strings.HasPrefix(msg, "Response header: ") || strings.HasPrefix(msg, "Response message:\n")
}
