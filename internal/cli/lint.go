package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
)

func newLint(env *pipeline.Env) *cobra.Command {
	var format string
	maxWarnings := -1
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

With no PATH, it lints the app the working folder is in (the nearest
folder at or above it with an app.yaml), or else specs/.

Exit codes: 0 no errors (warnings allowed, up to --max-warnings), 1 errors
found or more warnings than --max-warnings, 2 bad usage or unreadable input.`,
		Example: `  legible lint
  legible lint specs/syncs/login.sync.yaml
  legible lint --format sarif specs > lint.sarif
  legible lint --max-warnings 0 specs`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(report.Formats, format) {
				return usageError(fmt.Errorf("unknown format %q (the formats are %s)", format, strings.Join(report.Formats, ", ")))
			}
			if len(args) == 0 {
				args = []string{defaultApp()}
			}
			// A lint run is short and allocates a few dozen MB at most:
			// collecting garbage would only slow it down.
			debug.SetGCPercent(-1)
			debug.SetMemoryLimit(1 << 30)
			res, err := env.Lint(args)
			if err != nil {
				return usageError(err)
			}
			diags := res.Diags
			if format == "github" {
				diags = fromWorkspace(diags)
			}
			if err := report.Write(cmd.OutOrStdout(), format, diags, report.SourceMap(res.Sources), version()); err != nil {
				return &exitError{code: 2, err: err}
			}
			if format == "text" {
				summarize(cmd, res)
			}
			if res.Diags.Count(diag.Error) > 0 {
				return &exitError{code: 1}
			}
			if n := res.Diags.Count(diag.Warning); maxWarnings >= 0 && n > maxWarnings {
				return &exitError{code: 1, err: fmt.Errorf("%s, more than --max-warnings %d allows", plural(n, "warning"), maxWarnings)}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(report.Formats, ", "))
	cmd.Flags().IntVar(&maxWarnings, "max-warnings", -1, "exit 1 when there are more warnings than this (0: fail on any warning; -1: no limit)")
	return cmd
}

// defaultApp is the app lint checks when given no path: the one the
// working folder is in, or else specs/.
func defaultApp() string {
	if root := lint.AppOf("."); root != "" {
		return root
	}
	return "specs"
}

// summarize prints the counts of problems to standard error, or that
// there are none.
func summarize(cmd *cobra.Command, res *pipeline.Report) {
	if len(res.Diags) == 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "no problems in %s\n", plural(res.Files, "file"))
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

// fromWorkspace rewrites the files of diagnostics relative to the
// repository's root, where GitHub attaches annotations: $GITHUB_WORKSPACE
// in a workflow, else the nearest folder at or above this one with a
// .git, else this folder. A file outside it, or in the library, stays.
func fromWorkspace(l diag.List) diag.List {
	root := os.Getenv("GITHUB_WORKSPACE")
	if root == "" {
		root = repoRoot()
	}
	out := make(diag.List, len(l))
	for i, d := range l {
		if abs, err := filepath.Abs(filepath.FromSlash(d.Span.File)); err == nil && !strings.HasPrefix(d.Span.File, load.LibraryPrefix) {
			if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
				d.Span.File = filepath.ToSlash(rel)
			}
		}
		out[i] = d
	}
	return out
}

// repoRoot returns the nearest folder at or above the working directory
// that holds a .git, or the working directory.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return wd
		}
	}
}
