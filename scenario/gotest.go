package scenario

import (
	"context"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
)

// TestOptions say how Test runs an app's scenarios.
type TestOptions struct {
	// Own are the app's own concepts, as its main.go registers them.
	Own []concepts.Module
	// MinCoverage fails the test when the coverage (Coverage.Percent) is
	// below it, in percent, and lists what no scenario reached; 0 checks
	// none.
	MinCoverage float64
}

// Test runs the scenarios of the app in dir (and those of its own
// concepts) with legible's built-in concepts and o.Own, as `legible test`
// does, each as a subtest of t named after it: an app's `go test` runs
// them beside its concepts' tests. A failure is reported as `legible
// test` writes it.
func Test(t *testing.T, dir string, o TestOptions) {
	t.Helper()
	env, err := pipeline.NewEnv(append(library.Modules(), o.Own...)...)
	if err != nil {
		t.Fatal(err)
	}
	app, err := env.CheckDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if app.Testable() != nil {
		var b strings.Builder
		_ = report.Text(&b, app.TestDiags(), report.SourceMap(app.Sources))
		t.Fatalf("%s has errors:\n%s", dir, b.String())
	}
	rep, err := Run(context.Background(), app, Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := report.SourceMap(app.Sources)
	for _, res := range rep.Results {
		t.Run(res.Name, func(t *testing.T) {
			if res.Failure != nil {
				var b strings.Builder
				writeFailure(&b, res, src)
				t.Error("\n" + b.String())
			}
		})
	}
	if o.MinCoverage > 0 {
		cov := Cover(app.Spec, rep)
		if cov.Percent() < o.MinCoverage {
			var b strings.Builder
			cov.writeText(&b)
			t.Errorf("the coverage is below %g%%:\n%s", o.MinCoverage, b.String())
		}
	}
}
