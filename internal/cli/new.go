package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/spf13/cobra"
	"golang.org/x/mod/modfile"

	"github.com/legible/legible/internal/scaffold"
)

func newNew() *cobra.Command {
	o := scaffold.Options{}
	var noTidy bool
	cmd := &cobra.Command{
		Use:   "new DIR",
		Short: "Start an app of your own: a Go module with specs, a concept of its own, tests and CI",
		Long: `new writes a Go module into DIR (missing or empty): a main.go that registers
the app's own concept and hands over to legible's command line, specs/ with
the app, its syncs and the spec of that concept, which uses the built-in
Authenticating and Tokens too; the concept in Go with its tests; a README
with the two commands; a Taskfile; and a CI workflow that lints. Then it
runs go mod tidy there. Inside, go run . serve serves the app, go test ./...
passes and go run . lint is clean.

The module requires this binary's version of legible. A binary built from
a checkout of legible has no version: run inside that checkout, new points
the module at it (a replace directive in go.mod), as --legible DIR does
for a checkout elsewhere.`,
		Example: `  legible new shoplist
  legible new --module example.com/shoplist ./shoplist`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir, o.Version = args[0], version()
			if o.Legible == "" && o.Version == "dev" {
				o.Legible = checkoutAbove()
			}
			if o.Legible != "" {
				fmt.Fprintf(cmd.ErrOrStderr(), "using legible from the checkout at %s (a replace in go.mod; see the app's README)\n", o.Legible)
			}
			wrote, err := scaffold.Write(o)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d files in %s\n", len(wrote), o.Dir)
			if !noTidy {
				if err := tidy(o.Dir, o.Legible == "", cmd.ErrOrStderr()); err != nil {
					return &exitError{code: 1, err: err}
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "cd %s\ngo run . serve   # serve it at http://127.0.0.1:8080/api\ngo test ./...    # run its tests\n", o.Dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Module, "module", "", "the module path (default: DIR's name)")
	cmd.Flags().StringVar(&o.Legible, "legible", "", "use the legible module in this folder instead of downloading it (a replace directive)")
	cmd.Flags().BoolVar(&noTidy, "no-tidy", false, "do not run go mod tidy")
	return cmd
}

// tidy runs go mod tidy in dir, which fetches legible and its
// dependencies and writes go.sum; fetched says legible comes from the Go
// proxy, not from a checkout.
func tidy(dir string, fetched bool, out io.Writer) error {
	run := exec.Command("go", "mod", "tidy")
	run.Dir, run.Stdout, run.Stderr = dir, out, out
	run.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	if err := run.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("go is not on PATH: install Go (https://go.dev/dl), then run go mod tidy in %s", dir)
		}
		abs, _ := filepath.Abs(dir)
		if fetched {
			return fmt.Errorf("go mod tidy in %s: %w; when it cannot find %s, the module is not published where the Go proxy looks: "+
				"point the app at a checkout of legible instead, with `legible new --legible PATH %s` in an empty folder "+
				"(or add `replace %s => PATH` to its go.mod), then run go mod tidy there", abs, err, scaffold.ModulePath, dir, scaffold.ModulePath)
		}
		return fmt.Errorf("go mod tidy in %s: %w; fix what it says, then run it again there", abs, err)
	}
	return nil
}

// checkoutAbove returns the folder at or above the working one whose
// go.mod is legible's module, or "".
func checkoutAbove() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && modfile.ModulePath(data) == scaffold.ModulePath {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
