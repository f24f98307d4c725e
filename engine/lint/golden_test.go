package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/golden"
)

// TestGolden lints each case under testdata/err and testdata/ok with the
// rules of the spec language, each case under testdata/flow/err and
// testdata/flow/ok with the flow analysis too, and each under testdata/app
// as the stock binary does, conformance included. A case is the files of
// testdata/base overlaid with the case's own files (a txtar archive). An
// err case's text report must equal its .out file; an ok case must report
// nothing.
func TestGolden(t *testing.T) {
	base := readDir(t, "testdata/base")
	for _, kind := range []string{"err", "ok", "flow/err", "flow/ok", "app/err", "app/ok"} {
		run := configured
		switch {
		case strings.HasPrefix(kind, "flow/"):
			run = analyzed
		case strings.HasPrefix(kind, "app/"):
			run = withConformance
		}
		runCases(t, kind, base, run, strings.HasSuffix(kind, "ok"))
	}
}

// newUserApps are the apps a new user wrote, under testdata/newuser: a
// shopping list, and events people RSVP to.
var newUserApps = []string{"shopping", "rsvp"}

// TestNewUserApps lints each app of testdata/newuser/NAME/app, as a new
// user ends up writing it, which must report nothing; and each mistake
// made on the way (testdata/newuser/NAME/*.txtar: the app overlaid with
// the case's files), whose report must equal its .out file. The flow
// analysis runs; conformance does not, as no Go serves the apps' own
// concepts.
func TestNewUserApps(t *testing.T) {
	for _, name := range newUserApps {
		base := readDir(t, filepath.Join("testdata/newuser", name, "app"))
		if got := lintText(t, base, analyzed); got != "" {
			t.Fatalf("the %s app reports:\n%s", name, got)
		}
		runCases(t, "newuser/"+name, base, analyzed, false)
	}
}

// runCases lints each case under testdata/kind, overlaid on base, with run:
// an ok case must report nothing, an err case what its .out file holds.
func runCases(t *testing.T, kind string, base map[string][]byte, run runner, ok bool) {
	cases, _ := filepath.Glob(filepath.Join("testdata", kind, "*.txtar"))
	if len(cases) == 0 {
		t.Fatalf("no cases in testdata/%s", kind)
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(kind+"/"+name, func(t *testing.T) {
			got := lintText(t, overlay(base, parseTxtar(t, path)), run)
			if !ok {
				compareGolden(t, strings.TrimSuffix(path, ".txtar")+".out", got)
			} else if got != "" {
				t.Fatalf("want no diagnostics, got:\n%s", got)
			}
		})
	}
}

// runner lints the files of one app with a library.
type runner func([]load.File, load.Library) (*spec.Spec, diag.List)

// language lints with the rules of the spec language alone.
func language(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	return lint.Language(files, library)
}

// configured lints with the rules of the spec language, and applies the
// app's lint settings and ignore comments.
func configured(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	sp, diags := lint.Language(files, library)
	return sp, lint.Configure(sp, files, diags)
}

// analyzed lints with the rules of the spec language and the flow
// analysis, without looking at any Go implementation, and applies the
// app's settings.
func analyzed(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	sp, diags := lint.Check(files, library)
	return sp, lint.Configure(sp, files, diags)
}

// withConformance lints as the stock binary does: the pipeline's check,
// conformance included.
func withConformance(files []load.File, _ load.Library) (*spec.Spec, diag.List) {
	a := stock.Check(files)
	return a.Spec, a.Diags
}

// lintText checks the files as one app with run, with the stock binary's
// library, and renders the text report.
func lintText(t *testing.T, files map[string][]byte, run runner) string {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var in []load.File
	for _, n := range names {
		in = append(in, load.File{Name: n, Data: files[n]})
	}
	_, diags := run(in, stock.Catalog())
	var buf bytes.Buffer
	if err := report.Text(&buf, diags, report.SourceMap(files)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// compareGolden checks an err case's report; an err case must report
// something.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if got == "" {
		t.Fatalf("%s: an err case must report something", path)
	}
	golden.Check(t, path, []byte(got))
}

// readDir reads every file below dir, keyed by its slash path inside dir.
func readDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// overlay returns base with the case's files added or replaced. A case file
// that is empty deletes the base file of that name.
func overlay(base, files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for n, d := range base {
		out[n] = d
	}
	for n, d := range files {
		if len(bytes.TrimSpace(d)) == 0 {
			delete(out, n)
			continue
		}
		out[n] = d
	}
	return out
}

// parseTxtar reads an archive of files, each introduced by a line
// `-- name --`; text before the first such line is a comment.
func parseTxtar(t *testing.T, path string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	var name string
	var cur []string
	flush := func() {
		if name != "" {
			out[name] = []byte(strings.Join(cur, ""))
		}
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name, cur = strings.TrimSpace(trimmed[3:len(trimmed)-3]), nil
			continue
		}
		cur = append(cur, line)
	}
	flush()
	if len(out) == 0 {
		t.Fatalf("%s: no files (each starts with a line `-- name --`)", path)
	}
	return out
}

// TestSuggestedSyncsLintClean pastes each sync that a then-output hint of
// an err case suggests into the case's app, in place of the case's syncs,
// and lints it with the rules of the spec language: it must be clean. The
// err cases are those of testdata/err, on testdata/base, and the new
// user's mistakes, on their app.
func TestSuggestedSyncsLintClean(t *testing.T) {
	pasted := 0
	apps := map[string]string{"testdata/base": "err"}
	for _, name := range newUserApps {
		apps[filepath.Join("testdata/newuser", name, "app")] = "newuser/" + name
	}
	for base, kind := range apps {
		cases, _ := filepath.Glob(filepath.Join("testdata", kind, "*.txtar"))
		for _, path := range cases {
			pasted += pasteSuggested(t, path, overlay(readDir(t, base), parseTxtar(t, path)))
		}
	}
	if pasted < 6 {
		t.Fatalf("pasted only %d suggested syncs", pasted)
	}
}

// pasteSuggested lints each sync a then-output hint of the case at path
// suggests, in the case's app without its syncs, and returns how many it
// pasted.
func pasteSuggested(t *testing.T, path string, files map[string][]byte) int {
	_, diags := language(toFiles(files), stock.Catalog())
	pasted := 0
	for _, d := range diags {
		if d.Rule != rules.ThenOutput.ID {
			continue
		}
		_, sync, ok := strings.Cut(d.Hint, ":\n")
		if !ok && strings.Contains(d.Hint, "is a query: move it to `where`") {
			continue // no sync waits for a query: the hint moves it instead
		}
		if !ok {
			t.Fatalf("%s: a then-output hint without a sync: %q", path, d.Hint)
		}
		app := map[string][]byte{}
		for n, data := range files {
			if !strings.HasPrefix(n, "syncs/") {
				app[n] = data
			}
		}
		app["syncs/suggested.sync.yaml"] = []byte(dedent(sync, "  "))
		if got := lintText(t, app, language); got != "" {
			t.Errorf("%s: the sync suggested at %s does not lint clean:\n%s\n%s", path, d.Span.Pos, sync, got)
		}
		pasted++
	}
	return pasted
}

// toFiles returns files for the loader.
func toFiles(files map[string][]byte) []load.File {
	var out []load.File
	for n, d := range files {
		out = append(out, load.File{Name: n, Data: d})
	}
	return out
}

// dedent removes prefix from the start of each line.
func dedent(text, prefix string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		b.WriteString(strings.TrimPrefix(line, prefix))
	}
	return b.String()
}
