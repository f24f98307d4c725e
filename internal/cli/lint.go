package cli

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/report"
)

func newLint(cat *concepts.Catalog) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check spec folders or files for mistakes before anything runs",
		Long: `lint loads app.yaml, *.concept.yaml and *.sync.yaml files and reports every
problem in all of them: unbound variables, unknown concepts, actions and
parameters, type errors, misplaced outputs and more. A file is checked as part
of its app, the nearest folder at or above it holding an app.yaml.

Each concept the app lists is checked against the Go implementation that
this binary would serve it with: a built-in concept, for one the app lists
without a spec file, and the app's own, registered in its main.go, for one
it has a spec file of. A concept this binary cannot serve is a note, not an
error: lint from the app's own module (go run . lint) to check its own
concepts.

With no PATH, it lints specs/.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or
unreadable input.`,
		Example: `  legible lint
  legible lint specs/syncs/login.sync.yaml
  legible lint --format sarif specs > lint.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(report.Formats, format) {
				return usageError(fmt.Errorf("unknown format %q (the formats are %s)", format, strings.Join(report.Formats, ", ")))
			}
			if len(args) == 0 {
				args = []string{"specs"}
			}
			// A lint run is short and allocates a few dozen MB at most:
			// collecting garbage would only slow it down.
			debug.SetGCPercent(-1)
			debug.SetMemoryLimit(1 << 30)
			res, err := lint.Paths(args, cat)
			if err != nil {
				return usageError(err)
			}
			if err := report.Write(cmd.OutOrStdout(), format, res.Diags, report.SourceMap(res.Sources), version()); err != nil {
				return &exitError{code: 2, err: err}
			}
			if format == "text" {
				summarize(cmd, res)
			}
			if res.Diags.Count(diag.Error) > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(report.Formats, ", "))
	return cmd
}

// summarize prints the counts of problems to standard error.
func summarize(cmd *cobra.Command, res *lint.Result) {
	if len(res.Diags) == 0 {
		return
	}
	var parts []string
	for _, sev := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		if n := res.Diags.Count(sev); n > 0 {
			parts = append(parts, plural(n, sev.String()))
		}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%s in %s\n", strings.Join(parts, ", "), plural(res.Files, "file"))
}

// plural writes n things, with an s when n is not 1.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
