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
