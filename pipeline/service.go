package pipeline

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync/atomic"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/server"
	"github.com/legible/legible/server/console"
	"github.com/legible/legible/storage"
)

// ServeOptions say which app to serve, and how.
type ServeOptions struct {
	// Dir is the folder holding the app's app.yaml, concepts/ and syncs/.
	Dir string
	// DB is the database to keep the app's state in.
	DB DBOptions
	// AdminToken opens GET /_legible/flows/ID and the console outside
	// Dev to requests that send it as a Bearer token (usually
	// $LEGIBLE_ADMIN_TOKEN).
	AdminToken string
	// Dev opens flow traces and the console to everyone, adds traces to
	// timeout replies, and reloads the app when its files change (see
	// Service.Serve).
	Dev bool
	// Level is how much the flow engine logs.
	Level flow.Level
	// Limits bound the connections clients may hold (server.Limits; zero
	// fields take its defaults).
	Limits server.Limits
	// Logger receives the access log, the flow log and the database's
	// warnings; nil means text lines on Stderr.
	Logger *slog.Logger
	// Stderr receives the app's diagnostics; nil discards them.
	Stderr io.Writer
}

// Service is an app served: checked, built on its database, behind the
// HTTP front, as `legible serve` runs it.
type Service struct {
	env    *Env
	db     *storage.DB
	front  *server.Front
	app    atomic.Pointer[App]
	traces *trace.Store // shared by the programs a reload replaces
	// console is served at /_legible/ with Dev or an admin token, and
	// shared by the programs a reload replaces; nil otherwise.
	console *console.Console
	o       ServeOptions
	log     *slog.Logger
}

// Open checks the app in o.Dir, printing its diagnostics to o.Stderr as
// serving sees them (App.ServeDiags), opens its database and builds it.
// An app with errors is an error; a folder that cannot be read, an
// *UnreadableError. Close the Service when done with it.
func (e *Env) Open(ctx context.Context, o ServeOptions) (*Service, error) {
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(o.Stderr, nil))
	}
	s := &Service{env: e, traces: trace.NewStore(0), o: o, log: log}
	app, err := s.check()
	if err != nil {
		return nil, err
	}
	if s.db, err = OpenDB(ctx, o.DB, log); err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	if o.Dev || o.AdminToken != "" {
		s.console = console.New(console.Options{Traces: s.traces, DB: s.db})
	}
	srv, err := s.build(ctx, app, false)
	if err != nil {
		if cerr := s.db.Close(); cerr != nil {
			log.Error("closing the database", "error", cerr)
		}
		return nil, err
	}
	s.front = server.NewFront(srv)
	s.app.Store(app)
	return s, nil
}

// App returns the checked app the service serves now.
func (s *Service) App() *App { return s.app.Load() }

// check checks the app's folder, printing its diagnostics as serving sees
// them; an app that cannot be served is an error.
func (s *Service) check() (*App, error) {
	app, err := s.env.CheckDir(s.o.Dir)
	if err != nil {
		return nil, err
	}
	if err := report.Text(s.o.Stderr, app.ServeDiags(), report.SourceMap(app.Sources)); err != nil {
		return nil, err
	}
	return app, app.Servable()
}

// build builds the server of a checked app on the service's database,
// and has the console show it; a restart replaces the one serving.
func (s *Service) build(ctx context.Context, app *App, restart bool) (*server.Server, error) {
	o := BuildOptions{Logger: s.log, Level: s.o.Level, Traces: s.traces, Restart: restart}
	if s.console != nil {
		o.Watch = s.console.Watch
	}
	prog, err := app.Build(ctx, s.db, o)
	if err != nil {
		return nil, err
	}
	if s.console != nil {
		s.console.Use(console.App{Spec: app.Spec, Sources: app.Sources, Dir: app.Dir, Secrets: prog.Engine().Program().Secrets()})
	}
	return prog.Server(server.Options{
		Dev: s.o.Dev, AdminToken: s.o.AdminToken, Logger: s.log, Ready: s.db.Ping, Limits: s.o.Limits, Console: s.console,
	}), nil
}

// Serve answers requests on ln until ctx is done, then lets the requests in
// flight and their flows finish (up to the app's timeout) and returns. It
// does not close the database: Close does. In Dev mode it watches the
// app's files meanwhile, and reloads the app when they change (watch).
func (s *Service) Serve(ctx context.Context, ln net.Listener) error {
	sp := s.App().Spec
	s.log.Info("serving", "app", sp.App.Name.Name, "url", "http://"+ln.Addr().String()+sp.App.Base.Name,
		"database", s.db.Describe(), "dev", s.o.Dev)
	if s.o.Dev {
		stop, err := s.watch(ctx)
		if err != nil {
			return err
		}
		defer stop()
	}
	if err := s.front.Serve(ctx, ln); err != nil {
		return err
	}
	s.log.Info("stopped")
	return nil
}

// Close closes the database; closing again does nothing.
func (s *Service) Close() error { return s.db.Close() }
