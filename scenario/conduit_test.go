package scenario_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/scenario"
)

// unreachable are what Conduit's suite cannot reach of the flow
// analysis's cases, and the syncs that answer only those, each with the
// reason. The analysis over-approximates: it takes every action with an
// error outcome to fail in some flow. These fail only when another flow
// removes the same article or comment between a sync's lookup and its
// action, and a flow is one serializable transaction on every backend
// that keeps a flow's writes together, so no request of a scenario, which
// sends one at a time, gets there.
var unreachable = map[string]string{
	"DELETE /articles/:slug when Article.delete returns an error": "DeleteArticle deletes the article it has just found by its slug, " +
		"in the same transaction; Article.delete fails only for an article that does not exist",
	"DELETE /articles/:slug when Commenting.remove returns an error": "RemoveComments removes the comments Commenting._byItem has just " +
		"listed, in the same transaction; Commenting.remove fails only for a comment that does not exist",
	"DELETE /articles/:slug/comments/:id when Commenting.remove returns an error": "DeleteComment removes the comment it has just " +
		"found with Commenting._get, in the same transaction; Commenting.remove fails only for a comment that does not exist",
	"DeleteArticleError": "it answers only when Article.delete returns an error (above)",
	"DeleteCommentError": "it answers only when Commenting.remove returns an error on DELETE /articles/:slug/comments/:id (above)",
}

// TestConduitScenarios runs Conduit's scenario suite (../specs/tests) as
// `legible test --coverage` does: every scenario passes, and the suite
// fires every sync and reaches every case of the flow analysis but those
// no request can reach (unreachable).
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
// reached, but those in unreachable; and for each of those some scenario
// did cover, which is no longer unreachable.
func checkCovered(t *testing.T, cov *scenario.Coverage) {
	t.Helper()
	missed := map[string]bool{}
	for _, u := range append(slices.Clip(cov.NotFired), cov.NotReached...) {
		missed[u.What] = true
		if _, known := unreachable[u.What]; !known {
			t.Errorf("%s: no scenario covers %s: add one that does", u.At.Pos, u.What)
		}
	}
	for _, what := range slices.Sorted(maps.Keys(unreachable)) {
		if !missed[what] {
			t.Errorf("a scenario covers %s, which the test takes for unreachable: remove it from unreachable", what)
		}
	}
}
