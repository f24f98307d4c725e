// Package scenario runs an app's scenarios (its test files,
// NAME.test.yaml) and its concepts' own (a concept spec's `scenarios:`):
// each on a fresh store, in process, through the program and the HTTP
// handler that `legible serve` builds, without opening a port, many at
// once. It reports each failure at the expectation that did not hold,
// with what came back and the flow's causal tree, and, when asked, what
// the scenarios covered of the flow analysis's cases.
package scenario

import (
	"context"
	"log/slog"
	"os"
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/server"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/sqlite"
)

// Options configure a run.
type Options struct {
	// Run keeps the scenarios whose name matches it; all when nil. A
	// concept's own scenario is named "Concept: name".
	Run *regexp.Regexp
	// File keeps the scenarios of one file, named as the app's files are;
	// all when empty.
	File string
	// Library runs the scenarios of the built-in concepts the app uses
	// too, not only those of its own concepts.
	Library bool
	// Parallel is how many scenarios run at once; GOMAXPROCS when 0.
	Parallel int
	// DB opens the fresh store a scenario runs on, and returns what closes
	// it; a new embedded store in a temporary folder when nil.
	DB func(ctx context.Context) (*storage.DB, func(), error)
}

// Report is what a run found.
type Report struct {
	Results []*Result // in the order the scenarios are written
	Elapsed time.Duration
}

// Failed counts the scenarios that failed.
func (r *Report) Failed() int {
	n := 0
	for _, res := range r.Results {
		if res.Failure != nil {
			n++
		}
	}
	return n
}

// Requests counts the requests the scenarios sent.
func (r *Report) Requests() int {
	n := 0
	for _, res := range r.Results {
		n += res.Requests
	}
	return n
}

// Result is how one scenario ran.
type Result struct {
	Scenario *spec.Scenario
	Name     string // as Options.Run sees it
	Failure  *Failure
	Steps    int // the steps that ran, the failed one included
	Requests int
	Elapsed  time.Duration
	// Flows are the flows of its requests, with the route of each, for
	// coverage.
	Flows []Flow
}

// Flow is the flow of one request a scenario sent.
type Flow struct {
	Route  *spec.Route
	Trace  *trace.Flow
	Events []flow.Event // what it did that its trace does not show
}

// Run runs the scenarios of a checked app, and those of its own
// concepts (the concept specs in its folder), each on a fresh store.
// The app must be Testable.
func Run(ctx context.Context, app *pipeline.App, o Options) (*Report, error) {
	if err := app.Testable(); err != nil {
		return nil, err
	}
	start := time.Now()
	all := scenarios(app.Spec, o.Library)
	rep := &Report{}
	for _, sc := range all {
		if (o.Run == nil || o.Run.MatchString(sc.name)) && (o.File == "" || o.File == sc.s.File) {
			rep.Results = append(rep.Results, &Result{Scenario: sc.s, Name: sc.name})
		}
	}
	n := o.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	next := make(chan *Result)
	var wg sync.WaitGroup
	for range min(n, len(rep.Results)) {
		wg.Go(func() {
			for res := range next {
				runOne(ctx, app, o, res)
			}
		})
	}
	for _, res := range rep.Results {
		next <- res
	}
	close(next)
	wg.Wait()
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// named is a scenario and the name Options.Run sees.
type named struct {
	s    *spec.Scenario
	name string
}

// scenarios lists the scenarios of the app's own concepts (and, with
// library, of the built-in ones it uses), then the app's, in the order
// written.
func scenarios(sp *spec.Spec, library bool) []named {
	var out []named
	for _, k := range sp.Concepts {
		if k.Builtin || k.Library && !library {
			continue
		}
		for _, s := range k.Scenarios {
			out = append(out, named{s, k.Name.Name + ": " + s.Name.Name})
		}
	}
	for _, s := range sp.Scenarios {
		out = append(out, named{s, s.Name.Name})
	}
	return out
}

// Names returns the names of the scenarios Run runs for app sp, as
// Options.Run sees them, in the order written: those of its own concepts
// ("Concept: name"), and with library those of the built-in concepts it
// uses, then the app's.
func Names(sp *spec.Spec, library bool) []string {
	var out []string
	for _, n := range scenarios(sp, library) {
		out = append(out, n.name)
	}
	return out
}

// runOne runs one scenario on a fresh store, filling in res.
func runOne(ctx context.Context, app *pipeline.App, o Options, res *Result) {
	start := time.Now()
	defer func() { res.Elapsed = time.Since(start) }()
	db, done, err := openDB(ctx, o)
	if err != nil {
		res.Failure = stepFailure(res.Scenario.Name.Span, "opening a fresh store: "+err.Error())
		return
	}
	defer done()
	quiet := slog.New(slog.DiscardHandler)
	w, fails := &watched{}, &failing{}
	prog, err := app.Build(ctx, db, pipeline.BuildOptions{Logger: quiet, Watch: w.add, Fail: fails.of})
	if err != nil {
		res.Failure = stepFailure(res.Scenario.Name.Span, "building the app: "+err.Error())
		return
	}
	r := &runner{app: app.Spec, prog: prog, handler: prog.Server(server.Options{Logger: quiet}).Handler(), vars: vars{}, res: res, watch: w, fails: fails}
	for _, st := range res.Scenario.Steps {
		res.Steps++
		if res.Failure = r.step(ctx, st); res.Failure != nil {
			return
		}
	}
}

// openDB opens the store a scenario runs on.
func openDB(ctx context.Context, o Options) (*storage.DB, func(), error) {
	if o.DB != nil {
		return o.DB(ctx)
	}
	dir, err := os.MkdirTemp("", "legible-test-")
	if err != nil {
		return nil, nil, err
	}
	db, err := sqlite.Open(dir, sqlite.Options{})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, err
	}
	return db, func() { _ = db.Close(); _ = os.RemoveAll(dir) }, nil
}
