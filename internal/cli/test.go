package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/scenario"
)

func newTest(env *pipeline.Env) *cobra.Command {
	var format, run string
	var coverage bool
	minCoverage := -1.0
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run an app's scenarios, and its own concepts', and say what they covered",
		Long: `test runs the scenarios of an app's test files (NAME.test.yaml, beside its
specs) and of its own concepts (a concept spec's scenarios:), each on a fresh
embedded store, in process, through the same handler serve uses, many at once.
A failed step is reported at the expectation that did not hold, with what came
back and the flow's causal tree; when no sync answered, with the syncs of the
route that came closest and what stopped each.

A PATH is an app's folder (every scenario), or a test file (its scenarios).
With no PATH, it tests the app the working folder is in, or else specs/.

--coverage adds what the scenarios reached: the syncs that fired, and the cases
of each route's flow that the flow analysis enumerates (the happy path, each
action's error, each lookup of the request finding nothing), with what none
reached at its file:line. --min-coverage N fails the run when the lower of the
two is below N percent.

Passwords are hashed at bcrypt's lowest cost (LEGIBLE_BCRYPT_COST=min) unless
the environment sets LEGIBLE_BCRYPT_COST: each scenario's store is thrown away,
and at the default cost hashing would take most of a suite's time.

Exit codes: 0 every scenario passed (and the coverage is at least the floor),
1 a scenario failed, the app has errors, or the coverage is below the floor,
2 bad usage or unreadable input.`,
		Example: `  legible test
  legible test specs/tests/articles.test.yaml --run 'tagged'
  legible test --coverage --min-coverage 100 specs
  legible test --format junit specs > tests.xml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(scenario.Formats, format) {
				return usageError(fmt.Errorf("unknown format %q (the formats are %s)", format, strings.Join(scenario.Formats, ", ")))
			}
			o := scenario.Options{}
			if run != "" {
				re, err := regexp.Compile(run)
				if err != nil {
					return usageError(fmt.Errorf("--run: %w", err))
				}
				o.Run = re
			}
			if len(args) == 0 {
				args = []string{defaultApp()}
			}
			cheapHashes()
			t := tester{env: env, cmd: cmd, format: format, opts: o, coverage: coverage || minCoverage >= 0, floor: minCoverage}
			code := 0
			for _, p := range args {
				c, err := t.path(cmd.Context(), p)
				if err != nil {
					return err
				}
				code = max(code, c)
			}
			if code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(scenario.Formats, ", "))
	cmd.Flags().StringVar(&run, "run", "", "run only the scenarios whose name matches this regular expression")
	cmd.Flags().BoolVar(&coverage, "coverage", false, "report the syncs fired and the flow analysis's cases reached")
	cmd.Flags().Float64Var(&minCoverage, "min-coverage", -1, "fail when the coverage is below this percent (implies --coverage)")
	return cmd
}

// cheapHashes makes Authenticating hash passwords at bcrypt's lowest
// cost, unless the environment chooses a cost.
func cheapHashes() {
	if _, set := os.LookupEnv(authenticating.CostEnv); !set {
		_ = os.Setenv(authenticating.CostEnv, "min")
	}
}

// tester runs the scenarios of the paths of one `legible test`.
type tester struct {
	env      *pipeline.Env
	cmd      *cobra.Command
	format   string
	opts     scenario.Options
	coverage bool
	floor    float64
}

// path tests one app folder, or one test file of its app, and returns
// the exit code of its part.
func (t tester) path(ctx context.Context, p string) (int, error) {
	info, err := os.Stat(p)
	if err != nil {
		return 0, usageError(err)
	}
	root, only := p, ""
	if !info.IsDir() {
		if load.KindOf(p) != load.TestFile {
			return 0, usageError(fmt.Errorf("%s: not a test file (want NAME.test.yaml) or an app's folder", p))
		}
		root, only = lint.AppRoot(p), filepath.ToSlash(filepath.Clean(p))
	}
	if root == "" {
		return 0, usageError(fmt.Errorf("%s: no app.yaml at or above it", p))
	}
	app, err := t.env.CheckDir(root)
	if err != nil {
		return 0, usageError(err)
	}
	if app.Testable() != nil {
		_ = report.Text(t.cmd.ErrOrStderr(), app.TestDiags(), report.SourceMap(app.Sources))
		fmt.Fprintf(t.cmd.ErrOrStderr(), "%s: the app has errors; fix them first (legible lint %s)\n", root, root)
		return 1, nil
	}
	o := t.opts
	if only != "" {
		o.File = only
	}
	rep, err := scenario.Run(ctx, app, o)
	if err != nil {
		return 0, &exitError{code: 1, err: err}
	}
	var cov *scenario.Coverage
	if t.coverage {
		cov = scenario.Cover(app.Spec, rep)
	}
	if err := scenario.Write(t.cmd.OutOrStdout(), t.format, rep, report.SourceMap(app.Sources), cov); err != nil {
		return 0, &exitError{code: 2, err: err}
	}
	switch {
	case rep.Failed() > 0:
		return 1, nil
	case cov != nil && t.floor >= 0 && cov.Percent() < t.floor:
		fmt.Fprintf(t.cmd.ErrOrStderr(), "coverage %.1f%% is below --min-coverage %g\n", cov.Percent(), t.floor)
		return 1, nil
	case len(rep.Results) == 0:
		fmt.Fprintf(t.cmd.ErrOrStderr(), "%s: no scenarios to run\n", p)
	}
	return 0, nil
}
