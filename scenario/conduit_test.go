package scenario_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/scenario"
)

// TestConduitScenarios runs Conduit's scenario suite (../specs/tests) as
// `legible test --coverage` does: every scenario passes, and the suite
// fires every sync and reaches every case of the flow analysis (the
// errors no request brings about through declared failures, `fail:`).
func TestConduitScenarios(t *testing.T) {
	t.Setenv(authenticating.CostEnv, "min")
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	app, err := env.CheckDir("../specs")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := scenario.Run(t.Context(), app, scenario.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cov := scenario.Cover(app.Spec, rep)
	if rep.Failed() > 0 {
		var b strings.Builder
		if err := scenario.Write(&b, "text", rep, report.SourceMap(app.Sources), nil); err != nil {
			t.Fatal(err)
		}
		t.Fatalf("%d of %d scenarios failed:\n%s", rep.Failed(), len(rep.Results), b.String())
	}
	if len(rep.Results) < 40 || rep.Requests() < 200 {
		t.Errorf("the suite ran %d scenarios and %d requests; it has at least 40 and 200", len(rep.Results), rep.Requests())
	}
	checkCovered(t, cov)
	t.Logf("%d scenarios, %d requests, in %s; %d of %d syncs fired, %d of %d cases reached",
		len(rep.Results), rep.Requests(), rep.Elapsed, cov.SyncsFired, cov.Syncs, cov.CasesReached, cov.Cases)
}

// checkCovered fails for each sync no scenario fired and each case none
// reached.
func checkCovered(t *testing.T, cov *scenario.Coverage) {
	t.Helper()
	for _, u := range append(slices.Clip(cov.NotFired), cov.NotReached...) {
		t.Errorf("%s: no scenario covers %s: add one that does", u.At.Pos, u.What)
	}
}
