// Package pipeline is legible's pipeline as one value, which every command
// shares: an environment holds the concepts a binary serves (Env); it
// checks an app's files in one call that returns the checked app with all
// its diagnostics (Env.Check); a checked app builds a program on a
// database (App.Build); a program gives the HTTP server that runs it
// (Program.Server). The caller decides what a diagnostic means: `legible
// lint` reports notes where `legible serve` stops (App.ServeDiags).
//
//	env, err := pipeline.NewEnv(library.Modules()...)
//	app, err := env.CheckDir("specs")          // an error only for an unreadable folder
//	if app.ServeDiags().Count(diag.Error) > 0 { … }
//	prog, err := app.Build(ctx, db, pipeline.BuildOptions{})
//	srv := prog.Server(server.Options{})
//
// Service puts the steps together for `legible serve`: it opens the
// database, serves, and in development mode checks and builds the app
// again when its files change.
package pipeline

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/catalog"
)

// Env is the environment apps are checked and built in: the concepts the
// binary serves. It is safe for concurrent use.
type Env struct {
	cat *catalog.Catalog
	own bool // it serves concepts of an app's own: it is that app's binary
}

// NewEnv returns the environment of a binary that serves the modules:
// legible's library (library.Modules) and an app's own, usually. Of two
// modules with one name, the later replaces the earlier. A module without
// a name or a New, or whose concept has another name, is an error.
func NewEnv(modules ...concepts.Module) (*Env, error) {
	cat, err := catalog.New(modules...)
	if err != nil {
		return nil, err
	}
	e := &Env{cat: cat}
	for _, m := range cat.Modules() {
		e.own = e.own || m.Spec == nil
	}
	return e, nil
}

// Catalog returns the modules the environment serves.
func (e *Env) Catalog() *catalog.Catalog { return e.cat }
