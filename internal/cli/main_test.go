package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/storage"
)

// capture runs the command line with the stock binary's concepts, and
// returns the exit code and both outputs.
func capture(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Execute(New(stock(t)), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// stock is the stock binary's environment: legible's library.
func stock(t testing.TB) *pipeline.Env {
	t.Helper()
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// brokenApp copies the repository's specs into a temporary folder and adds
// a sync with an unbound variable; it returns the folder.
func brokenApp(t *testing.T) string {
	t.Helper()
	return appWith(t, "Bad:\n  when:\n    - Requesting.request: { path: \"/bad\" }\n      out: { request }\n  then:\n    - Requesting.respond: { request, body: missing }\n")
}

// appWith copies the repository's specs into a temporary folder and adds
// syncs/added.sync.yaml holding sync; it returns the folder.
func appWith(t *testing.T, sync string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../specs")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "syncs", "added.sync.yaml"), []byte(sync), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLintExitCodes(t *testing.T) {
	broken := brokenApp(t)
	warned := appWith(t, "Warned:\n  when:\n    - Requesting.request: { path: \"/warned\", method: \"GET\", unread }\n      out: { request }\n  then:\n    - Requesting.respond: { request, body: \"ok\" }\n")
	tests := []struct {
		name string
		args []string
		code int
		out  string // a substring standard output must hold
	}{
		{"clean app", []string{"lint", "../../specs"}, 0, ""},
		{"errors", []string{"lint", broken}, 1, "`missing` is read here, but nothing binds it [unbound-variable]"},
		{"one file of a broken app", []string{"lint", filepath.Join(broken, "syncs", "added.sync.yaml")}, 1, "added.sync.yaml:6:44: error:"},
		{"a clean file of a broken app", []string{"lint", filepath.Join(broken, "syncs", "users.sync.yaml")}, 0, ""},
		{"missing path", []string{"lint", "no/such/folder"}, 2, ""},
		{"not a spec file", []string{"lint", "cli.go"}, 2, ""},
		{"folder without specs", []string{"lint", "."}, 2, ""},
		{"unknown format", []string{"lint", "--format", "xml", "../../specs"}, 2, ""},
		{"unknown flag", []string{"lint", "--colour"}, 2, ""},
		{"github format", []string{"lint", "-f", "github", broken}, 1, "::error file="},
		{"warnings allowed", []string{"lint", warned}, 0, "[unused-variable]"},
		{"warnings within --max-warnings", []string{"lint", "--max-warnings", "1", warned}, 0, "[unused-variable]"},
		{"warnings over --max-warnings", []string{"lint", "--max-warnings", "0", warned}, 1, "[unused-variable]"},
		{"errors with --max-warnings", []string{"lint", "--max-warnings", "5", broken}, 1, "[unbound-variable]"},
		{"a clean app with --max-warnings 0", []string{"lint", "--max-warnings", "0", "../../specs"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := capture(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.out) {
				t.Fatalf("stdout lacks %q:\n%s", tt.out, out)
			}
		})
	}
}

func TestLintJSONAndSARIF(t *testing.T) {
	broken := brokenApp(t)
	code, out, _ := capture(t, "lint", "--format", "json", broken)
	var diags []map[string]any
	if err := json.Unmarshal([]byte(out), &diags); err != nil || code != 1 {
		t.Fatalf("code %d, err %v, output:\n%s", code, err, out)
	}
	if len(diags) != 1 || diags[0]["rule"] != "unbound-variable" || diags[0]["line"] != float64(6) {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	_, out, _ = capture(t, "lint", "--format", "sarif", broken)
	var sarif struct {
		Version string
		Runs    []struct{ Results []map[string]any }
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) != 1 {
		t.Fatalf("bad SARIF (%v):\n%s", err, out)
	}
}

func TestSchemaCommand(t *testing.T) {
	for _, kind := range []string{"concept", "sync", "app"} {
		code, out, _ := capture(t, "schema", kind)
		var doc map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || doc["$schema"] == nil {
			t.Fatalf("schema %s: code %d, output %.200s", kind, code, out)
		}
	}
	if code, _, _ := capture(t, "schema", "nope"); code != 2 {
		t.Fatalf("unknown kind: exit %d, want 2", code)
	}
}

func TestServeStopsOnErrors(t *testing.T) {
	code, _, errOut := capture(t, "serve", "--specs", brokenApp(t))
	if code != 1 || !strings.Contains(errOut, "unbound-variable") {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestConceptsCommand(t *testing.T) {
	nonEmpty := t.TempDir()
	if err := os.WriteFile(filepath.Join(nonEmpty, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		code int
		out  string // a substring of standard output, or of standard error on a failure
	}{
		{[]string{"concepts"}, 0, "Tagging         built-in                group items under short labels"},
		{[]string{"concepts"}, 0, "Requesting      built-in, in every app"},
		{[]string{"concepts", "Tagging"}, 0, "concept: Tagging [Item]\npurpose: group items"},
		{[]string{"concepts", "Requesting"}, 0, "concept: Requesting\n"},
		{[]string{"concepts", "Nope"}, 2, "this binary has no concept Nope"},
		{[]string{"concepts", "A", "B"}, 2, "accepts at most 1 arg"},
		{[]string{"new", nonEmpty}, 1, "is not empty; give a new folder"},
		{[]string{"new", "--no-tidy", "--module", "Not A Path", filepath.Join(t.TempDir(), "x")}, 1, "malformed import path"},
	} {
		code, out, errOut := capture(t, tt.args...)
		if tt.code != 0 {
			out = errOut
		}
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("%v: exit %d, want %d with %q in:\n%s", tt.args, code, tt.code, tt.out, out)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(nonEmpty, "keep.txt")); string(data) != "mine" {
		t.Error("new changed a file in a folder that was not empty")
	}
}

func TestCleanLintSaysSo(t *testing.T) {
	code, out, errOut := capture(t, "lint", "../../specs")
	if code != 0 || out != "" || !regexp.MustCompile(`^no problems in \d+ files\n$`).MatchString(errOut) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestGitHubFormatNamesFilesFromTheWorkspace(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_WORKSPACE", root)
	_, out, _ := capture(t, "lint", "-f", "github", "../../engine/lint/testdata/base")
	if !strings.HasPrefix(out, "::notice file=engine/lint/testdata/base/concepts/") {
		t.Fatalf("stdout:\n%s", out)
	}
}

func TestGraphTakesTheAppAsAnArgument(t *testing.T) {
	byArg, out, errOut := capture(t, "graph", "../../examples/likert")
	byFlag, out2, _ := capture(t, "graph", "--specs", "../../examples/likert")
	if byArg != 0 || byFlag != 0 || out != out2 || !strings.Contains(out, "LikertSurvey") {
		t.Fatalf("graph DIR: exit %d, graph --specs DIR: exit %d\n%s\n%s%s", byArg, byFlag, out, out2, errOut)
	}
	if code, _, _ := capture(t, "graph", "--specs", "../../specs", "../../examples/likert"); code != 2 {
		t.Errorf("two different folders: exit %d, want 2", code)
	}
}

// TestConceptsShowsTheAppsOwnSpec shows an app's own concept, in the
// binary that registers it: its spec is the app's file.
func TestConceptsShowsTheAppsOwnSpec(t *testing.T) {
	dir := t.TempDir()
	spec := "concept: Shelving\npurpose: keep books on shelves\n"
	if err := os.MkdirAll(filepath.Join(dir, "concepts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "concepts", "Shelving.concept.yaml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	own := concepts.NewModule("Shelving", nil, func(*storage.DB) *shelving { return &shelving{} })
	env, err := pipeline.NewEnv(append(library.Modules(), own)...)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Execute(New(env), []string{"concepts", "Shelving", "--specs", dir}, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "# Shelving, this app's own concept") || !strings.HasSuffix(out.String(), spec) {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	code = Execute(New(env), []string{"concepts", "Shelving", "--specs", t.TempDir()}, &out, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "give the app's folder with --specs") {
		t.Fatalf("without the file: exit %d:\n%s", code, errOut.String())
	}
}

// shelving is an app's own concept, for the tests.
type shelving struct{}

// Concept registers nothing: the tests look at its spec only.
func (*shelving) Concept() *concepts.Concept { return concepts.New("Shelving") }

// TestLintFromInsideAnApp lints from a folder of an app, as a user in
// specs/syncs does: with no path, the app it is in; with a folder or a
// file of it, those files as part of their app.
func TestLintFromInsideAnApp(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../specs")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "syncs"))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"lint"}, "no problems in 15 files"},
		{[]string{"lint", "."}, "no problems in 6 files"},
		{[]string{"lint", "lists.sync.yaml"}, "no problems in 1 file"},
		{[]string{"lint", "../syncs/../syncs"}, "no problems in 6 files"},
	} {
		code, out, errOut := capture(t, tt.args...)
		if code != 0 || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %s%s; want %q", tt.args, code, out, errOut, tt.want)
		}
	}
}
