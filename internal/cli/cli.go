// Package cli is legible's command line: serve, lint, test, graph,
// trace, schema, concepts, mcp and new, each a step or two of the
// pipeline (package pipeline). The legible command and a user's own binary (package
// legible) run it with the environment of the concepts they serve.
package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/legible/legible/pipeline"
)

// exitError carries the process exit code of a failed command.
type exitError struct {
	code int
	err  error
}

// Error returns the message of the error it carries, if any.
func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// usageError marks bad usage or unreadable input: exit code 2.
func usageError(err error) error { return &exitError{code: 2, err: err} }

// Execute runs the command tree root (New) with args, writing to stdout
// and stderr, and returns the process exit code: 0 for success, 1 for a
// failure (lint errors, a server that cannot start), 2 for bad usage.
func Execute(root *cobra.Command, args []string, stdout, stderr io.Writer) int {
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		ee = &exitError{code: 2, err: err} // cobra's own errors are usage errors
	}
	if ee.err != nil {
		fmt.Fprintln(stderr, "legible:", ee.err)
	}
	return ee.code
}

// New returns the command tree of a binary that serves the concepts of
// env: legible and its commands, to which an app may add its own.
func New(env *pipeline.Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "legible",
		Short: "Check and serve backends written as concepts and synchronizations",
		Long: `legible runs web backends written as concepts and synchronizations in YAML.
It loads the specs, checks them statically (unbound variables, unknown names,
type errors, …) and serves them over HTTP, with state in an embedded SQLite
store or in MongoDB. An app uses legible's built-in concepts (legible
concepts lists them) and concepts of its own, written in Go in a module of
its own whose main.go hands over to this command line (legible new DIR
scaffolds one).`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(newLint(env), newTest(env), newServe(env), newSchema(), newTrace(), newGraph(env), newConcepts(env), newNew(), newLSP(env), newMCP(env))
	return root
}

// ModulePath is legible's module path.
const ModulePath = "github.com/legible/legible"

// version is the version of legible the binary was built with: the main
// module's for the legible command, the dependency's for an app's own
// binary; "dev" for a build from a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	mod := &info.Main
	for _, dep := range info.Deps {
		if dep.Path == ModulePath {
			mod = dep
		}
	}
	if mod.Replace != nil || mod.Version == "" || mod.Version == "(devel)" {
		return "dev"
	}
	return mod.Version
}
