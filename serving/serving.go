// Package serving assembles a served app from its specs: it checks the
// specs (errors stop it, warnings are printed), opens the database, builds
// the app's concepts from concepts/catalog and checks them against their
// specs, compiles the syncs, and puts the flow engine behind the HTTP
// server. `legible serve` and the end-to-end tests in e2e serve apps
// through it.
package serving

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"

	"legible/concepts"
	"legible/concepts/catalog"
	"legible/concepts/requesting"
	"legible/engine/diag"
	"legible/engine/flow"
	"legible/engine/lint"
	"legible/engine/program"
	"legible/engine/report"
	"legible/engine/spec"
	"legible/server"
	"legible/storage"
)

// Options say which app to serve, and how.
type Options struct {
	// Specs is the folder holding the app's app.yaml, concepts/ and syncs/.
	Specs string
	// Data is the embedded database's folder, created if missing; ignored
	// when MongoURI is set.
	Data string
	// MongoURI is a MongoDB to use instead of the embedded database
	// (usually $MONGODB_URI), and MongoDB its database (usually
	// $MONGODB_DB; storage.DefaultDB when empty).
	MongoURI, MongoDB string
	// AdminToken opens GET /_legible/flows/ID outside Dev to requests that
	// send it as a Bearer token (usually $LEGIBLE_ADMIN_TOKEN).
	AdminToken string
	// Dev opens flow traces to everyone and adds them to timeout replies.
	Dev bool
	// Level is how much the flow engine logs.
	Level flow.Level
	// Logger receives the access log, the flow log and the database's
	// warnings; nil means text lines on Stderr.
	Logger *slog.Logger
	// Stderr receives the spec and conformance diagnostics; nil discards
	// them.
	Stderr io.Writer
}

// App is an app ready to serve: checked, on an open database.
type App struct {
	// Spec is the app's checked spec.
	Spec  *spec.Spec
	store *storage.Store
	srv   *server.Server
	log   *slog.Logger
	dev   bool
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
	sp, src, err := Check(o.Specs, o.Stderr)
	if err != nil {
		return nil, err
	}
	store, err := storage.Open(ctx, storage.Options{DataDir: o.Data, URI: o.MongoURI, DB: o.MongoDB, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	app := &App{Spec: sp, store: store, log: log, dev: o.Dev}
	if app.srv, err = build(ctx, sp, store, o, log, func(diags diag.List) { _ = report.Text(o.Stderr, diags, src) }); err != nil {
		if cerr := store.Close(context.Background()); cerr != nil {
			log.Error("closing the database", "error", cerr)
		}
		return nil, err
	}
	return app, nil
}

// build builds the app's concepts on the database, compiles its syncs and
// returns the HTTP server that runs them; conformance problems go to show.
func build(ctx context.Context, sp *spec.Spec, store *storage.Store, o Options, log *slog.Logger, show func(diag.List)) (*server.Server, error) {
	req := requesting.New()
	reg, err := registry(ctx, sp, store, req, show)
	if err != nil {
		return nil, err
	}
	prog, err := program.Compile(sp, program.FromRegistry(reg))
	if err != nil {
		return nil, err
	}
	eng := flow.New(prog, program.FromRegistry(reg), flow.Options{Logger: log, Level: o.Level})
	return server.New(sp, eng, req, reg, server.Options{
		Dev: o.Dev, AdminToken: o.AdminToken, Logger: log, Ready: store.Ping,
	}), nil
}

// Serve answers requests on ln until ctx is done, then lets the requests in
// flight and their flows finish (up to the app's timeout) and returns. It
// does not close the database: Close does.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	a.log.Info("serving", "app", a.Spec.App.Name.Name, "url", "http://"+ln.Addr().String()+a.Spec.App.Base.Name,
		"embedded_db", a.store.Embedded(), "dev", a.dev)
	if err := a.srv.Serve(ctx, ln); err != nil {
		return err
	}
	a.log.Info("stopped")
	return nil
}

// Close closes the database; closing again does nothing.
func (a *App) Close(ctx context.Context) error { return a.store.Close(ctx) }

// Check loads and checks the app in dir, printing every diagnostic to
// stderr; errors stop it, warnings do not. An unreadable dir is an
// *UnreadableError.
func Check(dir string, stderr io.Writer) (*spec.Spec, report.SourceMap, error) {
	sp, res, err := lint.Dir(dir)
	if err != nil {
		return nil, nil, &UnreadableError{Err: err}
	}
	src := report.SourceMap(res.Sources)
	if err := report.Text(stderr, res.Diags, src); err != nil {
		return nil, nil, err
	}
	if res.Diags.Count(diag.Error) > 0 {
		return nil, nil, fmt.Errorf("%s has errors; fix them first", dir)
	}
	if sp.App == nil {
		return nil, nil, fmt.Errorf("%s has no app.yaml; write one naming the app and its concepts", dir)
	}
	return sp, src, nil
}

// registry builds the app's concepts on the database and checks them
// against their specs, reporting mismatches with show.
func registry(ctx context.Context, sp *spec.Spec, store *storage.Store, req *requesting.Requesting, show func(diag.List)) (*concepts.Registry, error) {
	reg := concepts.NewRegistry()
	if err := reg.Register(req.Concept()); err != nil {
		return nil, err
	}
	var names []string
	for _, id := range sp.App.Concepts {
		if id.Name != "Requesting" && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	if err := catalog.Build(ctx, store.Database(), names, reg); err != nil {
		return nil, err
	}
	if err := store.IndexIDs(ctx); err != nil { // after Build: the concepts have made their collections
		return nil, err
	}
	diags := reg.Conformance(sp, names).Sort()
	if len(diags) > 0 {
		show(diags)
		if diags.Count(diag.Error) > 0 {
			return nil, errors.New("the Go concepts differ from their specs")
		}
	}
	return reg, nil
}
