package assistant

import (
	"context"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/rules"
)

// ruleIn is the input of the explain_rule tool.
type ruleIn struct {
	Rule string `json:"rule" jsonschema:"the rule's id, as a diagnostic gives it: unbound-variable, then-output, unknown-param, …"`
}

// ruleOut is the output of the explain_rule tool.
type ruleOut struct {
	ID         string     `json:"id"`
	Severity   string     `json:"severity" jsonschema:"its usual severity: error (the app is not served) or warning"`
	Adjustable bool       `json:"adjustable" jsonschema:"an app may change its severity or turn it off in app.yaml (lint: { rules: { ID: warning|off } }), or silence one diagnostic with a comment # legible:ignore ID -- reason"`
	Summary    string     `json:"summary"`
	Catches    string     `json:"catches" jsonschema:"what it reports, in Markdown"`
	Failing    exampleDoc `json:"failing" jsonschema:"a golden case that reports it, with lint's report"`
	Passing    exampleDoc `json:"passing" jsonschema:"a case like it that lints clean: the fix"`
	Base       []fileDoc  `json:"base" jsonschema:"the app both cases are laid over: its app.yaml and concept specs"`
}

// exampleDoc is a golden case.
type exampleDoc struct {
	Name    string    `json:"name" jsonschema:"its path under engine/lint/testdata in legible's sources"`
	Comment string    `json:"comment" jsonschema:"what it shows"`
	Files   []fileDoc `json:"files" jsonschema:"its files, laid over the base app: each replaces the base's file of its name or adds one"`
	Output  string    `json:"output" jsonschema:"legible lint's text report on it: file:line:col: severity: message [rule], the line with a caret, and the hint; empty for the passing case"`
}

// fileDoc is a file and its text.
type fileDoc struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// addRules adds the explain_rule tool.
func (t *tools) addRules(s *mcp.Server) {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	mcp.AddTool(s, &mcp.Tool{
		Name: "explain_rule",
		Description: "Explain a rule of legible lint: what it catches, whether an app may adjust it, and its golden examples: " +
			"a case that reports it (its files and lint's exact report) and the same case fixed. " +
			"The rules: " + strings.Join(ids, ", ") + ".",
		Annotations: readOnly("Explain a lint rule"),
	}, t.explainRule)
}

// explainRule gives a rule and its golden cases.
func (t *tools) explainRule(_ context.Context, _ *mcp.CallToolRequest, in ruleIn) (*mcp.CallToolResult, ruleOut, error) {
	r, ok := rules.Lookup(in.Rule)
	if !ok {
		return nil, ruleOut{}, fmt.Errorf("no rule %q %s; the rules are %s", in.Rule, diag.DidYouMean(in.Rule, rules.IDs()), strings.Join(rules.IDs(), ", "))
	}
	failing, passing, err := lint.Examples(r)
	if err != nil {
		return nil, ruleOut{}, err
	}
	out := ruleOut{ID: r.ID, Severity: r.Severity.String(), Adjustable: r.Adjustable, Summary: r.Summary, Catches: r.Catches,
		Failing: example(failing), Passing: example(passing), Base: files(lint.ExampleBase())}
	return nil, out, nil
}

// example describes a golden case.
func example(ex lint.Example) exampleDoc {
	return exampleDoc{Name: ex.Name, Comment: ex.Comment, Files: files(ex.Files), Output: ex.Output}
}

// files describes files.
func files(fs []lint.ExampleFile) []fileDoc {
	out := []fileDoc{}
	for _, f := range fs {
		out = append(out, fileDoc{Name: f.Name, Text: f.Text})
	}
	return out
}
