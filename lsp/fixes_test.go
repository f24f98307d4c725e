package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
)

// TestFixesRemoveTheirDiagnostic applies each quick fix the cases of
// testdata/handlers/codeAction offer, checks the app again as lint does,
// and wants the diagnostic it fixes gone.
func TestFixesRemoveTheirDiagnostic(t *testing.T) {
	cases, _ := filepath.Glob("testdata/handlers/codeAction/*.txtar")
	if len(cases) < 6 {
		t.Fatalf("want a codeAction case for each kind of fix, found %d", len(cases))
	}
	for _, path := range cases {
		t.Run(filepath.Base(path), func(t *testing.T) {
			hc := setUp(t, path)
			var actions []CodeAction
			raw, _ := json.Marshal(hc.answer(t))
			if err := json.Unmarshal(raw, &actions); err != nil || len(actions) == 0 {
				t.Fatalf("no quick fix offered (%v)", err)
			}
			for _, a := range actions {
				t.Run(a.Title, func(t *testing.T) { checkFixed(t, hc.dir, a) })
			}
		})
	}
}

// checkFixed applies a code action to the app in dir, in memory, checks
// the app, and fails when a diagnostic the action fixes is still there.
func checkFixed(t *testing.T, dir string, a CodeAction) {
	names, err := lint.AppFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []load.File
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if edits, ok := a.Edit.Changes[uriOf(name)]; ok {
			data = apply(data, edits)
		}
		files = append(files, load.File{Name: name, Data: data})
	}
	after := testEnv().Check(files)
	for _, fixed := range a.Diagnostics {
		msg, _, _ := strings.Cut(fixed.Message, "\nhint: ")
		if slices.ContainsFunc(after.Diags, func(d diag.Diagnostic) bool { return d.Rule == fixed.Code && d.Message == msg }) {
			t.Errorf("after %q, the diagnostic is still there: %s", a.Title, fixed.Message)
		}
	}
	if len(a.Diagnostics) == 0 {
		t.Error("the action names no diagnostic it fixes")
	}
}

// apply applies text edits to data, as an editor does: each range is of
// the text before any edit.
func apply(data []byte, edits []TextEdit) []byte {
	t := newText(data)
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b TextEdit) int { return t.offset(b.Range.Start) - t.offset(a.Range.Start) })
	out := slices.Clone(data)
	for _, e := range sorted {
		start, end := t.offset(e.Range.Start), t.offset(e.Range.End)
		out = slices.Concat(out[:start], []byte(e.NewText), out[end:])
	}
	return out
}
