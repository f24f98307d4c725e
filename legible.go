// Package legible runs backends written as concepts and synchronizations
// in YAML: it checks them before anything runs, and serves them over HTTP.
//
// The legible command serves apps made of legible's built-in concepts
// (package concepts/library). An app with concepts of its own, written in
// Go with package concepts and kept with package storage, is a Go module
// of its own whose main.go registers them and hands over to legible's
// command line, which then serves, lints and draws the app with them:
//
//	func main() {
//		legible.Main(concepts.NewModule("Listing", nil, listing.New))
//	}
//
// `legible new DIR` scaffolds such a module. An app that wants commands
// or flags of its own adds them to the command line New returns, and the
// pipeline (package pipeline) checks, builds and serves an app from Go.
package legible

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/internal/cli"
	"github.com/legible/legible/pipeline"
)

// App is a legible binary: the environment of the concepts it serves,
// and its command line over the pipeline.
type App struct {
	// Env checks and builds apps with the binary's concepts.
	Env *pipeline.Env
	// RootCmd is the command line (serve, lint, graph, trace, schema,
	// concepts, new); an app may add commands and flags to it.
	RootCmd *cobra.Command
}

// New returns the binary of legible's built-in concepts and own, the
// app's own; one of own with a built-in concept's name replaces it. A
// module without a name or a New, or whose concept has another name, is
// an error.
func New(own ...concepts.Module) (*App, error) {
	env, err := pipeline.NewEnv(append(library.Modules(), own...)...)
	if err != nil {
		return nil, err
	}
	return &App{Env: env, RootCmd: cli.New(env)}, nil
}

// Run runs the command line on args, writing to stdout and stderr, and
// returns the exit code: 0 for success, 1 for a failure (lint errors, a
// server that cannot start), 2 for bad usage.
func (a *App) Run(args []string, stdout, stderr io.Writer) int {
	return cli.Execute(a.RootCmd, args, stdout, stderr)
}

// Main runs legible's command line on the process's arguments, with the
// built-in concepts and own, the app's own (New); then it exits with the
// command's exit code.
func Main(own ...concepts.Module) {
	os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr, own...))
}

// Run runs legible's command line on args, with the built-in concepts and
// own, as Main does, writing to stdout and stderr, and returns the exit
// code (App.Run); modules New refuses exit 2.
func Run(args []string, stdout, stderr io.Writer, own ...concepts.Module) int {
	a, err := New(own...)
	if err != nil {
		fmt.Fprintln(stderr, "legible:", err)
		return 2
	}
	return a.Run(args, stdout, stderr)
}
