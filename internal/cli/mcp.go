package cli

import (
	"errors"
	"io"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/cobra"

	"github.com/legible/legible/assistant"
	"github.com/legible/legible/pipeline"
)

func newMCP(env *pipeline.Env) *cobra.Command {
	return &cobra.Command{
		Use:   "mcp",
		Short: "Serve legible's checks to an AI assistant: a Model Context Protocol server over stdio",
		Long: `mcp is a Model Context Protocol server on standard input and output, which an
AI assistant (Claude Code, Claude Desktop, Cursor, …) starts as a tool
server. Its tools give the assistant what the commands give you: lint an
app or the unsaved text of one spec file (lint, lint_text), the concepts
and their signatures (list_concepts, show_concept), a rule's golden examples
(explain_rule), the routes with their syncs and the cases of their flows
(list_routes), drawings (draw_graph), scenario runs (run_scenarios), and a
recent flow of a running serve --dev (get_flow). It runs with the concepts
of the binary that starts it: for an app with concepts of its own, start
it as "go run . mcp" in the app's module.

Paths the assistant gives are absolute, or relative to the folder mcp runs
in. Nothing but the protocol is written to standard output.`,
		Example: `  legible mcp
  go run . mcp      # in an app's own module
  claude mcp add legible -- legible mcp`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t := &mcp.IOTransport{Reader: io.NopCloser(cmd.InOrStdin()), Writer: nopWriteCloser{cmd.OutOrStdout()}}
			err := assistant.New(env, version()).Run(cmd.Context(), t)
			if err != nil && !errors.Is(err, io.EOF) {
				return &exitError{code: 1, err: err}
			}
			return nil
		},
	}
}

// nopWriteCloser is a writer whose Close does nothing: the server's end
// leaves standard output open.
type nopWriteCloser struct{ io.Writer }

// Close does nothing.
func (nopWriteCloser) Close() error { return nil }
