package scenario_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/scenario"
)

// mutation is a change of one line of Conduit's syncs.
type mutation struct {
	file     string // under specs/syncs
	line     int
	old, new string // a part of the line, and what it becomes
	what     string
}

// mutations are ten single-line mistakes in Conduit's syncs, of the kinds
// an author makes: a status, a filter, a `when` pattern, a default.
var mutations = []mutation{
	{"articles.sync.yaml", 62, "status: 201", "status: 200", "CreateArticleRespond answers 200"},
	{"articles.sync.yaml", 306, "status: 204", "status: 200", "DeleteArticleRespond answers 200"},
	{"profiles.sync.yaml", 34, "them == nil", "them != nil", "GetProfileNotFound's filter turned"},
	{"articles.sync.yaml", 145, "article == nil", "article != nil", "GetArticleNotFound's filter turned"},
	{"articles.sync.yaml", 346, "Favoriting.favorite: {}", "Favoriting.unfavorite: {}", "FavoriteRespond waits for the other action"},
	{"articles.sync.yaml", 189, "author == me", "author != me", "UpdateArticle lets anyone but the author edit"},
	{"users.sync.yaml", 70, "status: 422", "status: 400", "RegisterError answers 400"},
	{"lists.sync.yaml", 29, `int(query.limit ?? "20")`, `int(query.limit ?? "10")`, "the default page is 10 articles"},
	{"comments.sync.yaml", 148, ": 403)", ": 404)", "DeleteCommentRefused answers another's comment with 404"},
	{"users.sync.yaml", 193, "emailOwner == user", "emailOwner != user", "UpdateUser lets a user take another's email"},
}

// TestSuiteCatchesMutations makes each mutation in a copy of Conduit,
// and checks that Conduit's scenario suite fails on every one, while
// `legible lint` (errors and warnings) lets at least half of them by:
// the suite has teeth where the checker cannot see.
func TestSuiteCatchesMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Conduit's suite ten times")
	}
	t.Setenv(authenticating.CostEnv, "min")
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	lintClean := 0
	for _, m := range mutations {
		t.Run(m.what, func(t *testing.T) {
			app := mutated(t, env, m)
			errs, warns := app.Diags.Count(diag.Error), app.Diags.Count(diag.Warning)
			if errs+warns == 0 {
				lintClean++
			}
			if app.Testable() != nil {
				t.Logf("%s:%d: lint reports %d errors, %d warnings", m.file, m.line, errs, warns)
				return // the checker catches it: nothing to run
			}
			rep, err := scenario.Run(t.Context(), app, scenario.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Failed() == 0 {
				t.Errorf("%s:%d (%s): every scenario passes, and lint reports %d errors, %d warnings", m.file, m.line, m.what, errs, warns)
			}
			t.Logf("%s:%d: %d of %d scenarios fail; lint reports %d errors, %d warnings", m.file, m.line, rep.Failed(), len(rep.Results), errs, warns)
		})
	}
	if lintClean < len(mutations)/2 {
		t.Errorf("lint is clean on %d of %d mutations; the suite is meant to catch what lint cannot, on at least half", lintClean, len(mutations))
	}
}

// mutated copies Conduit with one line changed, and checks it.
func mutated(t *testing.T, env *pipeline.Env, m mutation) *pipeline.App {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../specs")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "syncs", m.file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if m.line > len(lines) || !strings.Contains(lines[m.line-1], m.old) {
		t.Fatalf("%s:%d does not hold %q any more: update the mutation", m.file, m.line, m.old)
	}
	lines[m.line-1] = strings.Replace(lines[m.line-1], m.old, m.new, 1)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	app, err := env.CheckDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return app
}
