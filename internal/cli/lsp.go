package cli

import (
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/legible/legible/lsp"
	"github.com/legible/legible/pipeline"
)

func newLSP(env *pipeline.Env) *cobra.Command {
	var opts lsp.Options
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Serve the Language Server Protocol over stdio, for editors",
		Long: `lsp is a language server for spec files, over standard input and output:
an editor starts it and talks to it. It checks each app as lint does, from
the editor's unsaved text, and gives diagnostics, hover, go to definition,
references, completion, quick fixes, symbols, and a code lens that runs
each scenario. The README's "Editor support" shows the setup for Neovim,
Helix and VS Code.

The specs of the built-in concepts are written, read-only, to the cache
folder for the editor to open them.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// The server keeps a few MB of the last check; a check
			// allocates a few MB more. Collecting when the heap has
			// grown eightfold, not doubled, lets a check run with one
			// collection or none, and bounds the heap all the same.
			debug.SetGCPercent(800)
			opts.Version = version()
			err := lsp.New(env, opts).Serve(cmd.Context(), stdio{cmd.InOrStdin(), cmd.OutOrStdout()})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Cache, "cache", "", "the folder the built-in concepts' specs are written to (default: legible/ in the user's cache folder)")
	cmd.Flags().DurationVar(&opts.Debounce, "debounce", 0, "the least time between two checks of an app while edits come in (default 50ms)")
	return cmd
}

// stdio is standard input and output as one stream.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes standard input, which ends the reads.
func (stdio) Close() error { return os.Stdin.Close() }
