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
// `legible new DIR` scaffolds such a module.
package legible

import (
	"fmt"
	"io"
	"os"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/internal/cli"
)

// Main runs legible's command line (serve, lint, graph, trace, schema,
// concepts, new) on the process's arguments, with the built-in concepts
// and own, the app's own; then it exits with the command's exit code. One
// of own with a built-in concept's name replaces it.
func Main(own ...concepts.Module) {
	os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr, own...))
}

// Run runs legible's command line on args, as Main does, writing to
// stdout and stderr, and returns the exit code: 0 for success, 1 for a
// failure (lint errors, a server that cannot start), 2 for bad usage.
func Run(args []string, stdout, stderr io.Writer, own ...concepts.Module) int {
	cat, err := catalog.New(append(library.Modules(), own...)...)
	if err != nil {
		fmt.Fprintln(stderr, "legible:", err)
		return 2
	}
	return cli.Run(args, stdout, stderr, cat)
}
