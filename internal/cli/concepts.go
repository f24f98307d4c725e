package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/pipeline"
)

func newConcepts(env *pipeline.Env) *cobra.Command {
	var specs string
	cmd := &cobra.Command{
		Use:   "concepts [NAME]",
		Short: "List the concepts this binary serves, or print one's spec",
		Long: `concepts lists the concepts this binary can serve: legible's built-in
concepts, which an app lists in app.yaml without writing their specs, and
the app's own, registered in its main.go, whose specs are the app's files.
With a NAME, it prints that concept's spec: its purpose, principle,
state, actions and queries, with their inputs and outcomes. The spec of
an app's own concept is the app's file, read from --specs.`,
		Example: `  legible concepts
  legible concepts Authenticating
  go run . concepts Listing      # in an app's own module`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return listConcepts(cmd.OutOrStdout(), env)
			}
			return showConcept(cmd.OutOrStdout(), env.Catalog(), args[0], specs)
		},
	}
	cmd.Flags().StringVar(&specs, "specs", "specs", "the app's folder, where the spec of an app's own concept is")
	return cmd
}

// listConcepts writes a line per concept: its name, where its spec is,
// and the purpose of a built-in one.
func listConcepts(w io.Writer, env *pipeline.Env) error {
	lib, err := env.Library()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CONCEPT\tSPEC\tPURPOSE")
	purpose := map[string]string{}
	for _, k := range lib {
		if k.Builtin { // those built into every app
			fmt.Fprintf(tw, "%s\tbuilt-in, in every app\t%s\n", k.Name.Name, k.Purpose)
		}
		purpose[k.Name.Name] = k.Purpose
	}
	for _, m := range env.Catalog().Modules() {
		if m.Spec == nil {
			fmt.Fprintf(tw, "%s\tthe app's own\tas its concepts/%s.concept.yaml says\n", m.Name, m.Name)
			continue
		}
		fmt.Fprintf(tw, "%s\tbuilt-in\t%s\n", m.Name, purpose[m.Name])
	}
	return tw.Flush()
}

// showConcept prints the spec of a concept: a built-in one's, or an app's
// own from its file in the app's folder specs.
func showConcept(w io.Writer, cat *catalog.Catalog, name, specs string) error {
	if data := load.BuiltinSpec(name); data != nil {
		_, err := fmt.Fprintf(w, "# %s, built into every app.\n%s", name, strings.TrimPrefix(string(data), schemaLine(data)))
		return err
	}
	m, ok := cat.Lookup(name)
	if !ok {
		return usageError(fmt.Errorf("this binary has no concept %s; `legible concepts` lists those it has", name))
	}
	if m.Spec == nil {
		file := filepath.Join(specs, "concepts", name+".concept.yaml")
		data, err := os.ReadFile(file)
		if err != nil {
			return usageError(fmt.Errorf("%s is this binary's own concept, and its spec is the app's file %s, which cannot be read (%w); "+
				"give the app's folder with --specs", name, file, err))
		}
		_, err = fmt.Fprintf(w, "# %s, this app's own concept, from %s.\n%s", name, file, strings.TrimPrefix(string(data), schemaLine(data)))
		return err
	}
	_, err := fmt.Fprintf(w, "# %s, built into legible: list it in app.yaml's concepts to use it.\n%s", name,
		strings.TrimPrefix(string(m.Spec), schemaLine(m.Spec)))
	return err
}

// schemaLine returns the spec's first line when it is the editor's schema
// comment, which points into legible's sources, or "".
func schemaLine(data []byte) string {
	first, _, _ := strings.Cut(string(data), "\n")
	if strings.HasPrefix(first, "# yaml-language-server:") {
		return first + "\n"
	}
	return ""
}
