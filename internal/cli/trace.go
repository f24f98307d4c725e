package cli

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/legible/legible/server"
)

func newTrace() *cobra.Command {
	var addr string
	var asJSON, asTest bool
	cmd := &cobra.Command{
		Use:   "trace FLOW_ID",
		Short: "Print a recent flow of a running server as a causal tree",
		Long: `trace asks the server at --addr for a recent flow (GET /_legible/flows/ID) and
prints it as a tree: each action with its input and output, under the sync
that invoked it. Every HTTP reply names its flow in the X-Flow-Id header.
Outside development mode the server needs LEGIBLE_ADMIN_TOKEN, sent as a
bearer token.

--as-test prints a request's flow as a scenario step to paste into a test
file (NAME.test.yaml): the request, and the status and body it was answered
with. A secret the trace masked is left for you to put back: a masked
top-level input is taken for the auth value (as app.yaml's auth names it).`,
		Example: `  legible trace 019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b
  legible trace --as-test 019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b >> specs/tests/articles.test.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format := "text"
			switch {
			case asTest:
				format = "test"
			case asJSON:
				format = "json"
			}
			return fetchTrace(cmd.Context(), cmd.OutOrStdout(), addr, args[0], format)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address of the running server")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the tree as JSON")
	cmd.Flags().BoolVar(&asTest, "as-test", false, "print a request's flow as a scenario step for a test file")
	return cmd
}

// fetchTrace prints one flow from a running server, in the format the
// flows endpoint writes: json, text (the tree) or test (a scenario step).
func fetchTrace(ctx context.Context, w io.Writer, addr, id, format string) error {
	body, err := server.FetchFlow(ctx, addr, id, format, os.Getenv("LEGIBLE_ADMIN_TOKEN"))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	_, err = w.Write(body)
	return err
}
