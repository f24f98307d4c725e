// Package serving assembles a served app from its specs: it checks the
// specs (errors stop it, warnings are printed), opens the database (the
// embedded SQLite store, or MongoDB), builds the app's concepts from the
// binary's catalog and checks them against their specs, sets the database
// up for them, compiles the syncs, and puts the flow engine behind the
// HTTP server, each flow in a transaction of the database. `legible serve`
// and the end-to-end tests in e2e serve apps through it.
package serving

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"sync/atomic"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/server"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/mongodb"
	"github.com/legible/legible/storage/sqlite"
)

// Options say which app to serve, and how.
type Options struct {
	// Specs is the folder holding the app's app.yaml, concepts/ and syncs/.
	Specs string
	// Concepts is the catalog of the concepts the binary serves: legible's
	// library, and the app's own (catalog.New).
	Concepts *catalog.Catalog
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
	// AdminToken opens GET /_legible/flows/ID outside Dev to requests that
	// send it as a Bearer token (usually $LEGIBLE_ADMIN_TOKEN).
	AdminToken string
	// Dev opens flow traces to everyone, adds them to timeout replies,
	// and reloads the specs when they change (see App.Serve).
	Dev bool
	// Level is how much the flow engine logs.
	Level flow.Level
	// Limits bound the connections clients may hold (server.Limits; zero
	// fields take its defaults).
	Limits server.Limits
	// Logger receives the access log, the flow log and the database's
	// warnings; nil means text lines on Stderr.
	Logger *slog.Logger
	// Stderr receives the spec and conformance diagnostics; nil discards
	// them.
	Stderr io.Writer
}

// App is an app ready to serve: checked, on an open database.
type App struct {
	db     *storage.DB
	front  *server.Front
	spec   atomic.Pointer[spec.Spec]
	traces *trace.Store // shared by the programs a reload replaces
	o      Options
	log    *slog.Logger
}

// UnreadableError is a specs folder that cannot be read: missing, or
// holding no spec files. `legible` treats it as bad usage (exit code 2).
type UnreadableError struct{ Err error }

// Error returns the underlying error's message.
func (e *UnreadableError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UnreadableError) Unwrap() error { return e.Err }

// Open checks the app in o.Specs, opens its database and builds it. Close
// the App when done with it.
func Open(ctx context.Context, o Options) (*App, error) {
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(o.Stderr, nil))
	}
	sp, src, err := Check(o.Specs, o.Concepts, o.Stderr)
	if err != nil {
		return nil, err
	}
	db, err := openDB(ctx, o, log)
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	app := &App{db: db, traces: trace.NewStore(0), o: o, log: log}
	srv, err := app.build(ctx, sp, src)
	if err != nil {
		if cerr := db.Close(); cerr != nil {
			log.Error("closing the database", "error", cerr)
		}
		return nil, err
	}
	app.front = server.NewFront(srv)
	app.spec.Store(sp)
	return app, nil
}

// Spec returns the app's checked spec: the one it serves now.
func (a *App) Spec() *spec.Spec { return a.spec.Load() }

// build builds the server of a checked spec on the app's database, its
// conformance diagnostics shown with the spec's sources.
func (a *App) build(ctx context.Context, sp *spec.Spec, src report.SourceMap) (*server.Server, error) {
	return build(ctx, sp, a.db, a.o, a.log, a.traces, func(diags diag.List) { _ = report.Text(a.o.Stderr, diags, src) })
}

// openDB opens the MongoDB of o.MongoURI, or else the embedded store in
// o.Data.
func openDB(ctx context.Context, o Options, log *slog.Logger) (*storage.DB, error) {
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

// build builds the app's concepts on the database, sets it up for them,
// starts them (concepts.Concept.OnStart: Tokens reads its secret and logs
// where it comes from), compiles the syncs and returns the HTTP server
// that runs them; conformance problems go to show.
func build(ctx context.Context, sp *spec.Spec, db *storage.DB, o Options, log *slog.Logger, traces *trace.Store, show func(diag.List)) (*server.Server, error) {
	req := requesting.New()
	reg, err := registry(sp, o.Concepts, db, req, show)
	if err != nil {
		return nil, err
	}
	if err := db.Setup(ctx); err != nil {
		return nil, fmt.Errorf("setting up the database: %w", err)
	}
	if err := reg.Start(ctx, log); err != nil {
		return nil, err
	}
	prog, err := program.Compile(sp, program.FromRegistry(reg))
	if err != nil {
		return nil, err
	}
	eng := flow.New(prog, program.FromRegistry(reg), flow.Options{Logger: log, Level: o.Level, Transactions: flow.InStorage(db), Traces: traces})
	return server.New(sp, eng, req, reg, server.Options{
		Dev: o.Dev, AdminToken: o.AdminToken, Logger: log, Ready: db.Ping, Limits: o.Limits,
	}), nil
}

// Serve answers requests on ln until ctx is done, then lets the requests in
// flight and their flows finish (up to the app's timeout) and returns. It
// does not close the database: Close does. In Dev mode it watches the
// specs meanwhile, and reloads them when they change (watch).
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	sp := a.Spec()
	a.log.Info("serving", "app", sp.App.Name.Name, "url", "http://"+ln.Addr().String()+sp.App.Base.Name,
		"database", a.db.Describe(), "dev", a.o.Dev)
	if a.o.Dev {
		stop, err := a.watch(ctx)
		if err != nil {
			return err
		}
		defer stop()
	}
	if err := a.front.Serve(ctx, ln); err != nil {
		return err
	}
	a.log.Info("stopped")
	return nil
}

// Close closes the database; closing again does nothing.
func (a *App) Close() error { return a.db.Close() }

// Check loads and checks the app in dir as served with the concepts of
// cat, printing every diagnostic to stderr but lint's notes on concepts no
// implementation of cat serves (serving them fails, with an error that
// says so); errors stop it, warnings do not. An unreadable dir is an
// *UnreadableError.
func Check(dir string, cat *catalog.Catalog, stderr io.Writer) (*spec.Spec, report.SourceMap, error) {
	sp, res, err := lint.Dir(dir, cat)
	if err != nil {
		return nil, nil, &UnreadableError{Err: err}
	}
	src := report.SourceMap(res.Sources)
	diags := slices.DeleteFunc(res.Diags, unserved) // serving makes them errors (registry)
	if err := report.Text(stderr, diags, src); err != nil {
		return nil, nil, err
	}
	if diags.Count(diag.Error) > 0 {
		return nil, nil, fmt.Errorf("%s has errors; fix them first", dir)
	}
	if sp.App == nil {
		return nil, nil, fmt.Errorf("%s has no app.yaml; write one naming the app and its concepts", dir)
	}
	return sp, src, nil
}

// unserved reports whether a diagnostic is lint's note on a concept that
// no implementation in the binary serves.
func unserved(d diag.Diagnostic) bool {
	return d.Rule == rules.Conformance.ID && d.Severity == diag.Info
}

// registry builds the app's concepts on the database from cat, and
// checks them against their specs, reporting mismatches, and concepts no
// module of cat serves, with show.
func registry(sp *spec.Spec, cat *catalog.Catalog, db *storage.DB, req *requesting.Requesting, show func(diag.List)) (*concepts.Registry, error) {
	modules, diags := cat.Bind(sp, diag.Error)
	if len(diags) > 0 {
		show(diags)
		if diags.Count(diag.Error) > 0 {
			return nil, errors.New("the Go concepts differ from their specs, or are missing")
		}
	}
	reg := concepts.NewRegistry()
	if err := reg.Register(req.Concept()); err != nil {
		return nil, err
	}
	for _, m := range modules {
		if err := reg.Register(m.New(db)); err != nil {
			return nil, err
		}
	}
	return reg, nil
}
