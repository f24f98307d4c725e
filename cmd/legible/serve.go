package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"legible/engine/diag"
	"legible/engine/lint"
	"legible/engine/report"
)

func newServe() *cobra.Command {
	var specs, addr, data string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Check the app's specs, then serve it over HTTP",
		Long: `serve loads and checks the app in --specs; errors stop it, warnings are printed.
Serving itself is not built yet: this command only runs the checks.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := lint.Paths([]string{specs})
			if err != nil {
				return usageError(err)
			}
			if err := report.Text(cmd.ErrOrStderr(), res.Diags, report.SourceMap(res.Sources)); err != nil {
				return err
			}
			if res.Diags.Count(diag.Error) > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%s has errors; fix them before serving", specs)}
			}
			return &exitError{code: 1, err: errors.New("serving is not built yet: the specs check clean, but there is no runtime to run them")}
		},
	}
	cmd.Flags().StringVar(&specs, "specs", "specs", "folder holding the app's app.yaml, concepts/ and syncs/")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&data, "data", "./data", "folder of the embedded database")
	return cmd
}
