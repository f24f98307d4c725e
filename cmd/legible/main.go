// Command legible checks and serves backends written as concepts and
// synchronizations in YAML.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// exitError carries the process exit code of a failed command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// usageError marks bad usage or unreadable input: exit code 2.
func usageError(err error) error { return &exitError{code: 2, err: err} }

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the exit code.
func run(args []string) int {
	root := newRoot()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		ee = &exitError{code: 2, err: err} // cobra's own errors are usage errors
	}
	if ee.err != nil {
		fmt.Fprintln(os.Stderr, "legible:", ee.err)
	}
	return ee.code
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "legible",
		Short: "Check and serve backends written as concepts and synchronizations",
		Long: `legible runs web backends written as concepts and synchronizations in YAML.
It loads the specs, checks them statically (unbound variables, unknown names,
type errors, …) and serves them over HTTP with state in MongoDB.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(newLint(), newServe(), newSchema(), newTrace(), newGraph())
	return root
}

// version is the module version the binary was built from.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
