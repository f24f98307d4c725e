package scenario

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// TestBuiltInConceptsKeepTheirScenarios runs the scenarios of every
// built-in concept (its principle and refusals, in its spec) against its
// implementation, each on a fresh database of every backend the test
// binary has. A built-in concept without scenarios fails.
func TestBuiltInConceptsKeepTheirScenarios(t *testing.T) {
	t.Setenv(authenticating.CostEnv, "min")
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range library.Modules() {
		t.Run(m.Name, func(t *testing.T) {
			app := env.Check([]load.File{{Name: "app.yaml", Data: fmt.Appendf(nil, "app: alone\nconcepts: [Requesting, %s]\n", m.Name)}})
			if app.Testable() != nil {
				var b strings.Builder
				_ = report.Text(&b, app.TestDiags(), report.SourceMap(app.Sources))
				t.Fatalf("%s's spec has errors:\n%s", m.Name, b.String())
			}
			k := app.Spec.Concept(m.Name)
			if len(k.Scenarios) == 0 {
				t.Fatalf("%s has no scenarios: write its principle and refusals under scenarios: in its spec", m.Name)
			}
			for _, s := range k.Scenarios {
				t.Run(s.Name.Name, func(t *testing.T) {
					storagetest.Each(t, func(t *testing.T, db *storage.DB) { runOn(t, app, m.Name+": "+s.Name.Name, db) })
				})
			}
		})
	}
}

// runOn runs the one scenario of the name on db.
func runOn(t *testing.T, app *pipeline.App, name string, db *storage.DB) {
	t.Helper()
	o := Options{Library: true, Run: regexp.MustCompile("^" + regexp.QuoteMeta(name) + "$"),
		DB: func(context.Context) (*storage.DB, func(), error) { return db, func() {}, nil }}
	rep, err := Run(context.Background(), app, o)
	if err != nil || len(rep.Results) != 1 {
		t.Fatalf("run: %v, %d results", err, len(rep.Results))
	}
	if res := rep.Results[0]; res.Failure != nil {
		var b strings.Builder
		writeFailure(&b, res, report.SourceMap(app.Sources))
		t.Fatalf("\n%s", b.String())
	}
}
