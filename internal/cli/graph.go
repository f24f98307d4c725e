package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/legible/legible/engine/analysis"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/pipeline"
)

func newGraph(env *pipeline.Env) *cobra.Command {
	var specs, format, route string
	cmd := &cobra.Command{
		Use:   "graph [DIR]",
		Short: "Draw the app: concepts and the syncs between them, or the flow of one request",
		Long: `graph draws the app in DIR (default specs/). By default, concepts are the nodes and each
sync is an edge from the concepts of its when actions to those of its then
actions. With --route, it draws the flow of one request instead: each
action's outcomes (success ✓, error ✗) as nodes and the syncs between them,
on the happy path and when each action that can fail does, down to the
responses. Mermaid output renders on GitHub as it is.`,
		Example: `  legible graph
  legible graph examples/likert
  legible graph --route "POST /users/login"
  legible graph --format dot | dot -Tsvg > app.svg`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if cmd.Flags().Changed("specs") && args[0] != specs {
					return usageError(fmt.Errorf("give the app's folder once: as DIR, or as --specs"))
				}
				specs = args[0]
			}
			if format != "mermaid" && format != "dot" {
				return usageError(fmt.Errorf("unknown format %q (the formats are mermaid, dot)", format))
			}
			sp, err := checked(env, specs, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			g := analysis.Concepts(sp)
			if route != "" {
				if g, err = analysis.Route(sp, route); err != nil {
					return usageError(err)
				}
			}
			if format == "dot" {
				return g.DOT(cmd.OutOrStdout())
			}
			return g.Mermaid(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&specs, "specs", "specs", "folder holding the app's app.yaml, concepts/ and syncs/ (or give it as DIR)")
	cmd.Flags().StringVarP(&format, "format", "f", "mermaid", "output format: mermaid or dot")
	cmd.Flags().StringVar(&route, "route", "", `draw the flow of one request, e.g. "POST /users/login"`)
	return cmd
}

// checked checks the app in dir, printing its diagnostics to stderr as
// lint does, and returns its spec; an app with errors is an error with
// its exit code.
func checked(env *pipeline.Env, dir string, stderr io.Writer) (*spec.Spec, error) {
	app, err := env.CheckDir(dir)
	if err != nil {
		return nil, exitCode(err)
	}
	if err := report.Text(stderr, app.Diags, report.SourceMap(app.Sources)); err != nil {
		return nil, err
	}
	if err := app.Err(); err != nil {
		return nil, exitCode(err)
	}
	return app.Spec, nil
}
