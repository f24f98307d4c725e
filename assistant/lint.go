package assistant

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
)

// lintIn is the input of the lint tool.
type lintIn struct {
	Path string `json:"path" jsonschema:"an app's folder (the one holding app.yaml), a folder of spec files, or one spec file (app.yaml, NAME.concept.yaml, NAME.sync.yaml, NAME.test.yaml), checked as part of its app; absolute, or relative to the folder the server runs in"`
}

// lintOut is the output of the lint tools.
type lintOut struct {
	Diagnostics []report.Diagnostic `json:"diagnostics" jsonschema:"every problem, sorted by file and position; empty when the specs are clean"`
	Errors      int                 `json:"errors" jsonschema:"how many diagnostics are errors: the app is not served while there is one"`
	Warnings    int                 `json:"warnings" jsonschema:"how many are warnings"`
}

// lintTextIn is the input of the lint_text tool.
type lintTextIn struct {
	Text string `json:"text" jsonschema:"the whole text of one spec file, as YAML"`
	File string `json:"file" jsonschema:"the file's path inside the app's folder (or its absolute path there), such as syncs/users.sync.yaml or concepts/Listing.concept.yaml; its name says what the text is: app.yaml, NAME.concept.yaml, NAME.sync.yaml or NAME.test.yaml. With app, a file the app has is checked with this text in its place (an unsaved edit), and another is added to the app"`
	App  string `json:"app,omitempty" jsonschema:"the app's folder, holding its app.yaml, whose other files and concepts the text is checked with; without it the text is checked alone, as legible lint checks a file outside any app, so a sync's concepts are unknown"`
}

// lintTextOut is the output of the lint_text tool.
type lintTextOut struct {
	lintOut
	Elsewhere []report.Diagnostic `json:"elsewhere" jsonschema:"the problems of the app's other files with this text in place: after editing a concept spec, those of the syncs that use it"`
}

// addLint adds the lint and lint_text tools.
func (t *tools) addLint(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{
		Name: "lint",
		Description: "Check spec files as `legible lint PATH` does: every rule of the spec language and the flow analysis, " +
			"with the app's lint settings and ignore comments. Each diagnostic has its rule id, file, 1-based line and column, " +
			"severity, message and a hint that says what to write instead; for then-output the hint ends with the whole sync to add. " +
			"Only the diagnostics of the files given are returned (a folder gives all of its files).",
		Annotations: readOnly("Lint spec files"),
	}, t.lint)
	mcp.AddTool(s, &mcp.Tool{
		Name: "lint_text",
		Description: "Check the text of one spec file before it is saved, as `legible lint` would check it saved: " +
			"inside an app (give app), with the app's other files and concepts, or alone. " +
			"Returns the text's diagnostics (lines and columns count in the text given) and those it causes in the app's other files. " +
			"Use it after writing or changing a sync, a concept spec, a test file or app.yaml, and fix every error before saving.",
		Annotations: readOnly("Lint a spec file's text"),
	}, t.lintText)
}

// lint checks the spec files at a path.
func (t *tools) lint(_ context.Context, _ *mcp.CallToolRequest, in lintIn) (*mcp.CallToolResult, lintOut, error) {
	if in.Path == "" {
		return nil, lintOut{}, fmt.Errorf("give path: an app's folder or a spec file")
	}
	abs, err := filepath.Abs(in.Path)
	if err != nil {
		return nil, lintOut{}, err
	}
	rep, err := t.env.Lint([]string{abs})
	if err != nil {
		return nil, lintOut{}, fmt.Errorf("%w; give an app's folder or a spec file that exists", err)
	}
	return nil, counted(rep.Diags), nil
}

// lintText checks one file's text, in its app or alone.
func (t *tools) lintText(_ context.Context, _ *mcp.CallToolRequest, in lintTextIn) (*mcp.CallToolResult, lintTextOut, error) {
	if load.KindOf(in.File) == load.NotSpec {
		return nil, lintTextOut{}, fmt.Errorf("file %q: name the file as the app would, such as syncs/users.sync.yaml (app.yaml, NAME.concept.yaml, NAME.sync.yaml or NAME.test.yaml)", in.File)
	}
	if in.App == "" {
		name := filepath.ToSlash(in.File)
		a := t.env.Check([]load.File{{Name: name, Data: []byte(in.Text)}})
		return nil, lintTextOut{lintOut: counted(a.Diags), Elsewhere: []report.Diagnostic{}}, nil
	}
	abs, err := filepath.Abs(in.App)
	if err != nil {
		return nil, lintTextOut{}, err
	}
	rel, err := inside(abs, in.File)
	if err != nil {
		return nil, lintTextOut{}, err
	}
	a, named, err := t.env.CheckEdited(abs, map[string][]byte{rel: []byte(in.Text)})
	if err != nil {
		return nil, lintTextOut{}, fmt.Errorf("%w; give app as the folder holding app.yaml, and file as a path inside it", err)
	}
	var here, elsewhere diag.List
	for _, d := range a.Diags {
		if d.Span.File == named[rel] {
			here = append(here, d)
		} else {
			elsewhere = append(elsewhere, d)
		}
	}
	return nil, lintTextOut{lintOut: counted(here), Elsewhere: report.Diagnostics(elsewhere)}, nil
}

// counted returns diagnostics with their counts.
func counted(l diag.List) lintOut {
	return lintOut{Diagnostics: report.Diagnostics(l), Errors: l.Count(diag.Error), Warnings: l.Count(diag.Warning)}
}
