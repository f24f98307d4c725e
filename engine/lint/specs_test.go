package lint_test

import (
	"testing"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/pipeline"
)

// stock is the stock binary's environment: legible's library.
var stock = func() *pipeline.Env {
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		panic(err)
	}
	return env
}()

// TestRepositorySpecs lints the repository's own app, which must be clean:
// no errors and no warnings.
func TestRepositorySpecs(t *testing.T) {
	res, err := stock.Lint([]string{"../../specs"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files < 3 {
		t.Fatalf("found only %d spec files in ../../specs", res.Files)
	}
	for _, d := range res.Diags {
		t.Errorf("%s: %s: %s [%s]", d.Span.Pos, d.Severity, d.Message, d.Rule)
	}
}

// TestPathsThroughParent lints an app by a path that climbs out of this
// folder and back into it: each file is read once, under one name.
func TestPathsThroughParent(t *testing.T) {
	res, err := stock.Lint([]string{"../lint/testdata/base", "testdata/base/app.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if d.Severity != diag.Info { // the base app's own Profile and Authenticating
			t.Errorf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
		}
	}
}
