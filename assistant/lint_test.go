package assistant

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/report"
)

// logout reads a session nothing binds, at line 5, column 28.
const logout = `Logout:
  when:
    - Requesting.request: { method: "DELETE", path: "/user" }
  then:
    - Sessioning.delete: { session }
`

// TestLintAFolder lints Conduit, which is clean, and a copy of it with a
// sync that reads an unbound variable, which reports it at its line and
// column, with its rule, severity and hint, in the absolute file.
func TestLintAFolder(t *testing.T) {
	cs := connect(t)
	var clean lintOut
	call(t, cs, "lint", map[string]any{"path": "../specs"}, &clean)
	if len(clean.Diagnostics) != 0 || clean.Errors != 0 {
		t.Fatalf("Conduit reports %+v", clean)
	}
	dir := conduitCopy(t, map[string]string{"syncs/added.sync.yaml": `Added:
  when:
    - Requesting.request: { method: "GET", path: "/added" }
      out: { request }
  then:
    - Requesting.respond: { request, body: missing }
`})
	var got lintOut
	call(t, cs, "lint", map[string]any{"path": dir}, &got)
	want := report.Diagnostic{File: filepath.ToSlash(filepath.Join(dir, "syncs/added.sync.yaml")), Line: 6, Column: 44, EndLine: 6, EndColumn: 51,
		Severity: "error", Rule: "unbound-variable", Message: "`missing` is read here, but nothing binds it"}
	if got.Errors != 1 || len(got.Diagnostics) != 1 || !sameDiag(got.Diagnostics[0], want) || got.Diagnostics[0].Hint == "" {
		t.Fatalf("got %+v, want %+v with a hint", got, want)
	}
	if msg := callError(t, cs, "lint", map[string]any{"path": "no/such/folder"}); !strings.Contains(msg, "give an app's folder") {
		t.Errorf("a missing folder says %q", msg)
	}
}

// sameDiag compares diagnostics but for their hints.
func sameDiag(a, b report.Diagnostic) bool {
	a.Hint, b.Hint = "", ""
	return a == b
}

// TestLintTextAlone lints a sync's text outside any app: its unbound
// variable is reported at its line and column in the text, beside the
// concept no app defines.
func TestLintTextAlone(t *testing.T) {
	cs := connect(t)
	var got lintTextOut
	call(t, cs, "lint_text", map[string]any{"text": logout, "file": "syncs/logout.sync.yaml"}, &got)
	var found bool
	for _, d := range got.Diagnostics {
		if d.Rule == "unbound-variable" {
			found = d.File == "syncs/logout.sync.yaml" && d.Line == 5 && d.Column == 28 && strings.Contains(d.Message, "`session`")
		}
	}
	if !found || got.Errors != 2 || len(got.Elsewhere) != 0 {
		t.Fatalf("want `session` unbound at syncs/logout.sync.yaml:5:28 and Sessioning unknown, got %+v", got)
	}
	if msg := callError(t, cs, "lint_text", map[string]any{"text": logout, "file": "logout.yaml"}); !strings.Contains(msg, "NAME.sync.yaml") {
		t.Errorf("a file name of no spec says %q", msg)
	}
}

// diagLine matches the first line of a diagnostic in lint's text report.
var diagLine = regexp.MustCompile(`(?m)^(\S+):(\d+):(\d+): (error|warning|info): .* \[([a-z-]+)\]$`)

// TestLintTextInAnApp lints the text of the then-output golden case's
// sync inside the app the golden cases are laid over, unsaved: it reports
// what the golden report holds, at the same lines and columns, and the
// then-output hint carries the sync to write instead; the file given by
// its absolute path reports the same.
func TestLintTextInAnApp(t *testing.T) {
	cs := connect(t)
	base := map[string]string{}
	for _, f := range lint.ExampleBase() {
		base[f.Name] = f.Text
	}
	dir := writeApp(t, base)
	data, err := os.ReadFile("../engine/lint/testdata/err/then_output_login.txtar")
	if err != nil {
		t.Fatal(err)
	}
	_, sync, _ := strings.Cut(string(data), "-- syncs/login.sync.yaml --\n")
	golden, err := os.ReadFile("../engine/lint/testdata/err/then_output_login.out")
	if err != nil {
		t.Fatal(err)
	}
	var got lintTextOut
	call(t, cs, "lint_text", map[string]any{"text": sync, "file": "syncs/login.sync.yaml", "app": dir}, &got)
	var have, want []string
	for _, d := range got.Diagnostics {
		have = append(have, strings.Join([]string{strings.TrimPrefix(d.File, filepath.ToSlash(dir)+"/"), itoa(d.Line), itoa(d.Column), d.Severity, d.Rule}, ":"))
		if d.Rule == "then-output" && !strings.Contains(d.Hint, "    when:\n") {
			t.Errorf("the then-output hint has no sync: %q", d.Hint)
		}
	}
	for _, m := range diagLine.FindAllStringSubmatch(string(golden), -1) {
		want = append(want, strings.Join(m[1:], ":"))
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") || len(want) == 0 {
		t.Errorf("got\n%s\nwant, as the golden report says,\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	var byAbs lintTextOut
	call(t, cs, "lint_text", map[string]any{"text": sync, "file": filepath.Join(dir, "syncs/login.sync.yaml"), "app": dir}, &byAbs)
	if len(byAbs.Diagnostics) != len(got.Diagnostics) || byAbs.Diagnostics[0] != got.Diagnostics[0] {
		t.Errorf("the file by its absolute path reports %+v", byAbs.Diagnostics)
	}
}

// TestLintTextReportsElsewhere changes a concept spec of an app, unsaved,
// so that the sync using its action names an action it no longer has:
// the sync's file reports it, among the diagnostics elsewhere.
func TestLintTextReportsElsewhere(t *testing.T) {
	cs := connect(t)
	base := map[string]string{}
	for _, f := range lint.ExampleBase() {
		base[f.Name] = f.Text
	}
	base["syncs/logout.sync.yaml"] = strings.Replace(logout, "DELETE\", path: \"/user\" }", "DELETE\", path: \"/user\", token: session }", 1)
	dir := writeApp(t, base)
	spec := strings.Replace(base["concepts/Sessioning.concept.yaml"], "  delete:", "  remove:", 1)
	if spec == base["concepts/Sessioning.concept.yaml"] {
		t.Fatal("the base app's Sessioning has no delete action")
	}
	var got lintTextOut
	call(t, cs, "lint_text", map[string]any{"text": spec, "file": "concepts/Sessioning.concept.yaml", "app": dir}, &got)
	var found bool
	for _, d := range got.Elsewhere {
		found = found || d.Rule == "unknown-action" && strings.HasSuffix(d.File, "syncs/logout.sync.yaml") && d.Line == 5
	}
	if !found || got.Errors != 0 {
		t.Errorf("want Sessioning.delete unknown in syncs/logout.sync.yaml:5, elsewhere, got %+v", got)
	}
}
