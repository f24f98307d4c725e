package lint

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/tools/txtar"

	"github.com/legible/legible/engine/rules"
)

// examples holds the golden cases the rules name (rules.Rule's Err and
// OK: a case that reports the rule, and one like it that does not), and
// the app they are laid over, so that a binary can show a rule at work
// (`legible mcp`'s explain_rule). A rule added to engine/rules needs its
// two cases listed here: TestRuleExamples says which.
//
//go:embed testdata/base
//go:embed testdata/err/yaml_unclosed_brace.txtar testdata/err/yaml_unclosed_brace.out testdata/ok/yaml_unclosed_brace.txtar
//go:embed testdata/err/schema_unquoted_path.txtar testdata/err/schema_unquoted_path.out testdata/ok/schema_unquoted_path.txtar
//go:embed testdata/err/unknown_concept_no_spec.txtar testdata/err/unknown_concept_no_spec.out testdata/ok/unknown_concept_no_spec.txtar
//go:embed testdata/err/unknown_action_misspelled.txtar testdata/err/unknown_action_misspelled.out testdata/ok/unknown_action_misspelled.txtar
//go:embed testdata/err/unknown_param_input.txtar testdata/err/unknown_param_input.out testdata/ok/unknown_param_input.txtar
//go:embed testdata/err/missing_input_then.txtar testdata/err/missing_input_then.out testdata/ok/missing_input_then.txtar
//go:embed testdata/err/unbound_variable_then.txtar testdata/err/unbound_variable_then.out testdata/ok/unbound_variable_then.txtar
//go:embed testdata/err/then_output_login.txtar testdata/err/then_output_login.out testdata/ok/then_output_login.txtar
//go:embed testdata/err/mixed_outcomes_when.txtar testdata/err/mixed_outcomes_when.out testdata/ok/mixed_outcomes_when.txtar
//go:embed testdata/err/kind_query_in_when.txtar testdata/err/kind_query_in_when.out testdata/ok/kind_query_in_when.txtar
//go:embed testdata/err/type_number_for_string.txtar testdata/err/type_number_for_string.out testdata/ok/type_number_for_string.txtar
//go:embed testdata/err/expr_syntax.txtar testdata/err/expr_syntax.out testdata/ok/expr_syntax.txtar
//go:embed testdata/err/quoted_expression.txtar testdata/err/quoted_expression.out testdata/ok/quoted_expression.txtar
//go:embed testdata/err/accidental_join.txtar testdata/err/accidental_join.out testdata/ok/accidental_join.txtar
//go:embed testdata/err/test_references.txtar testdata/err/test_references.out testdata/ok/test_references.txtar
//go:embed testdata/err/base_path_repeated.txtar testdata/err/base_path_repeated.out testdata/ok/base_path_repeated.txtar
//go:embed testdata/err/empty_success_empty_output.txtar testdata/err/empty_success_empty_output.out testdata/ok/empty_success_empty_output.txtar
//go:embed testdata/err/passthrough_no_why.txtar testdata/err/passthrough_no_why.out testdata/ok/passthrough_no_why.txtar
//go:embed testdata/err/duplicate_sync_name.txtar testdata/err/duplicate_sync_name.out testdata/ok/duplicate_sync_name.txtar
//go:embed testdata/err/unused_variable_bind.txtar testdata/err/unused_variable_bind.out testdata/ok/unused_variable_bind.txtar
//go:embed testdata/app/err/conformance_own_spec.txtar testdata/app/err/conformance_own_spec.out testdata/app/ok/conformance_own_spec.txtar
//go:embed testdata/flow/err/unanswered_error.txtar testdata/flow/err/unanswered_error.out testdata/flow/ok/unanswered_error.txtar
//go:embed testdata/flow/err/never_fires.txtar testdata/flow/err/never_fires.out testdata/flow/ok/never_fires.txtar
//go:embed testdata/flow/err/answered_twice.txtar testdata/flow/err/answered_twice.out testdata/flow/ok/answered_twice.txtar
//go:embed testdata/flow/err/overlapping_syncs.txtar testdata/flow/err/overlapping_syncs.out testdata/flow/ok/overlapping_syncs.txtar
//go:embed testdata/flow/err/cycle.txtar testdata/flow/err/cycle.out testdata/flow/ok/cycle.txtar
//go:embed testdata/err/ignore_unused.txtar testdata/err/ignore_unused.out testdata/ok/ignore_unused.txtar
var examples embed.FS

// exampleBase is the folder of the app every case is laid over.
const exampleBase = "testdata/base"

// Example is a golden case of a rule: the files it lays over the base
// app (ExampleBase), and what lint reports on the result.
type Example struct {
	// Name is the case's path under engine/lint/testdata, without
	// .txtar: "err/unbound_variable_then".
	Name string
	// Comment says what the case shows.
	Comment string
	// Files are the case's own files, named inside the app; each replaces
	// the base's file of its name or adds one, and an empty one removes
	// the base's.
	Files []ExampleFile
	// Output is lint's text report on the app with the case's files: the
	// rule's diagnostic, and any other the mistake causes; "" for a case
	// that passes.
	Output string
}

// ExampleFile is one file of a golden case, named inside its app.
type ExampleFile struct {
	Name string
	Text string
}

// Examples returns the golden cases of rule r: one that reports it, and
// one like it that does not.
func Examples(r *rules.Rule) (failing, passing Example, err error) {
	if failing, err = readExample(r.Err, true); err != nil {
		return Example{}, Example{}, err
	}
	if passing, err = readExample(r.OK, false); err != nil {
		return Example{}, Example{}, err
	}
	return failing, passing, nil
}

// readExample reads the case named name, with its expected report when
// it fails.
func readExample(name string, fails bool) (Example, error) {
	data, err := examples.ReadFile("testdata/" + name + ".txtar")
	if err != nil {
		return Example{}, fmt.Errorf("the golden case %s is not built into this binary; list it in engine/lint/examples.go: %w", name, err)
	}
	a := txtar.Parse(data)
	ex := Example{Name: name, Comment: strings.TrimSpace(string(a.Comment))}
	for _, f := range a.Files {
		ex.Files = append(ex.Files, ExampleFile{Name: f.Name, Text: string(f.Data)})
	}
	if fails {
		out, err := examples.ReadFile("testdata/" + name + ".out")
		if err != nil {
			return Example{}, fmt.Errorf("the expected report of %s is not built into this binary; list it in engine/lint/examples.go: %w", name, err)
		}
		ex.Output = string(out)
	}
	return ex, nil
}

// ExampleBase returns the files of the app the golden cases are laid
// over, named inside it, sorted.
func ExampleBase() []ExampleFile {
	var out []ExampleFile
	_ = fs.WalkDir(examples, exampleBase, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := examples.ReadFile(p)
		out = append(out, ExampleFile{Name: strings.TrimPrefix(p, exampleBase+"/"), Text: string(data)})
		return err
	})
	return out
}
