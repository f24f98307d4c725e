package pipeline

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/server"
	"github.com/legible/legible/storage"
)

// BuildOptions configure the program a checked app builds.
type BuildOptions struct {
	// Logger receives what the concepts say when they start, and the flow
	// log; nil means slog.Default().
	Logger *slog.Logger
	// Level is how much the flow engine logs.
	Level flow.Level
	// Traces is the store finished flows go to, which the programs of one
	// served app share across reloads; a new one when nil.
	Traces *trace.Store
	// Restart is set when the program replaces one that served the same
	// app, as a --dev reload's does: what the concepts say when they
	// start, below a warning, was said at the first start and is not
	// said again.
	Restart bool
	// Watch, when set, hears what flows do that their traces do not
	// show (flow.Event).
	Watch func(flow.Event)
	// Fail, when set, makes actions fail on purpose (flow.Options.Fail).
	Fail func(key string) (string, bool)
}

// Program is a checked app built on a database: its concepts, and the
// engine that runs its flows, each in a transaction of the database.
type Program struct {
	app    *App
	engine *flow.Engine
	impls  map[string]*concepts.Concept
}

// Build builds the app's concepts on db from the modules that serve them,
// sets db up for their collections, starts them (concepts.Concept.OnStart:
// Tokens reads its secret there), and compiles the syncs into the
// program that runs them. An app that is not Servable is an error, and so
// is one whose timeout does not fit in db's transactions.
func (a *App) Build(ctx context.Context, db *storage.DB, o BuildOptions) (*Program, error) {
	if err := a.Servable(); err != nil {
		return nil, err
	}
	if err := fitsTransactions(a.Spec.App.RequestTimeout(), db.MaxTransaction()); err != nil {
		return nil, err
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	impls := make(map[string]*concepts.Concept, len(a.modules))
	for _, m := range a.modules {
		impls[m.Name] = m.New(db)
	}
	if err := db.Setup(ctx); err != nil {
		return nil, fmt.Errorf("setting up the database: %w", err)
	}
	if err := start(ctx, impls, startLog(o)); err != nil {
		return nil, err
	}
	prog, err := program.Compile(a.Spec, impls)
	if err != nil {
		return nil, err
	}
	eng := flow.New(prog, flow.Options{Logger: o.Logger, Level: o.Level, Transactions: flow.InStorage(db), Traces: o.Traces, Watch: o.Watch, Fail: o.Fail})
	return &Program{app: a, engine: eng, impls: impls}, nil
}

// App returns the checked app the program was built from.
func (p *Program) App() *App { return p.app }

// Engine returns the engine that runs the program's flows.
func (p *Program) Engine() *flow.Engine { return p.engine }

// Server returns the HTTP server that runs the program: each request
// becomes a flow, answered once it commits.
func (p *Program) Server(o server.Options) *server.Server { return server.New(p.engine, o) }
