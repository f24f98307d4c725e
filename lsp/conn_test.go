package lsp

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDiagnosticsFollowEdits opens a sync file over a real connection,
// breaks it in the editor without saving, and fixes it again: each
// version gets lint's diagnostics.
func TestDiagnosticsFollowEdits(t *testing.T) {
	dir := copyApp(t, "testdata/base")
	c := connect(t, dir, Options{})
	file := filepath.Join(dir, "syncs", "users.sync.yaml")
	text := c.open(file)
	if p := c.waitDiags(file, 1); len(p.Diagnostics) != 0 {
		t.Fatalf("the app lints clean, but the server reports %+v", p.Diagnostics)
	}
	broken := strings.Replace(text, "Tokens.issue: { user }", "Tokens.isue: { user }", 1)
	c.change(file, 2, broken)
	p := c.waitDiags(file, 2)
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Code != "unknown-action" {
		t.Fatalf("after misspelling issue: want an unknown-action diagnostic, got %+v", p.Diagnostics)
	}
	c.change(file, 3, text)
	if p := c.waitDiags(file, 3); len(p.Diagnostics) != 0 {
		t.Fatalf("after the fix: want no diagnostics, got %+v", p.Diagnostics)
	}
}

// TestCodeLensRunsScenario runs a scenario from its code lens, over a
// real connection, then one that fails in the editor's unsaved text:
// each lens then shows how its scenario went.
func TestCodeLensRunsScenario(t *testing.T) {
	dir := copyApp(t, "testdata/base")
	c := connect(t, dir, Options{})
	file := filepath.Join(dir, "tests", "users.test.yaml")
	text := c.open(file)
	c.change(file, 2, strings.Replace(text, "expect: { status: 422 }", "expect: { status: 409 }", 1))
	c.waitDiags(file, 2)
	lens := func() []CodeLens {
		var lenses []CodeLens
		c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uriOf(file)}}, &lenses)
		if len(lenses) != 2 {
			t.Fatalf("want a lens over each of the 2 scenarios, got %+v", lenses)
		}
		return lenses
	}
	for _, l := range lens() {
		var res RunResult
		c.call("workspace/executeCommand", ExecuteCommandParams{Command: l.Command.Command, Arguments: l.Command.Arguments}, &res)
		t.Logf("%s: %+v", l.Command.Arguments[1], res)
	}
	got := lens()
	if !strings.HasPrefix(got[0].Command.Title, "✓ passed") {
		t.Errorf("the first scenario passes, but its lens says %q", got[0].Command.Title)
	}
	if !strings.HasPrefix(got[1].Command.Title, "✗ failed at line 12") || !strings.Contains(got[1].Command.Title, "409") {
		t.Errorf("the second scenario fails at its expected status, but its lens says %q", got[1].Command.Title)
	}
}
