package cli

import (
	"github.com/spf13/cobra"

	"github.com/legible/legible/engine/schema"
)

func newSchema() *cobra.Command {
	return &cobra.Command{
		Use:       "schema concept|sync|app",
		Short:     "Print the JSON Schema of a spec file kind, for editors",
		Long:      "schema prints the JSON Schema that *.concept.yaml, *.sync.yaml or app.yaml files follow,\nfor yaml-language-server and other editors that validate and complete YAML.",
		Example:   "  legible schema sync > .vscode/sync.schema.json",
		Args:      cobra.ExactArgs(1),
		ValidArgs: schema.Kinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := schema.For(args[0])
			if err != nil {
				return usageError(err)
			}
			_, err = cmd.OutOrStdout().Write(data)
			return err
		},
	}
}
