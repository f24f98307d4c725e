package assistant

import (
	"os"
	"strings"
	"testing"
)

// TestExplainRule explains unbound-variable: its summary, its failing
// golden case with the case's sync and lint's report exactly as the
// golden file holds it, its passing case, and the base app; a misspelled
// rule is met with a did-you-mean.
func TestExplainRule(t *testing.T) {
	cs := connect(t)
	var r ruleOut
	call(t, cs, "explain_rule", map[string]any{"rule": "unbound-variable"}, &r)
	golden, err := os.ReadFile("../engine/lint/testdata/err/unbound_variable_then.out")
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "unbound-variable" || r.Severity != "error" || r.Adjustable || r.Summary == "" || r.Catches == "" {
		t.Errorf("the rule: %+v", r)
	}
	if r.Failing.Output != string(golden) || r.Failing.Name != "err/unbound_variable_then" || len(r.Failing.Files) != 1 ||
		r.Failing.Files[0].Name != "syncs/logout.sync.yaml" || !strings.Contains(r.Failing.Files[0].Text, "Sessioning.delete: { session }") {
		t.Errorf("the failing case: %+v", r.Failing)
	}
	if r.Passing.Output != "" || !strings.Contains(r.Passing.Files[0].Text, "token: session") || r.Passing.Comment == "" {
		t.Errorf("the passing case: %+v", r.Passing)
	}
	if len(r.Base) < 2 || r.Base[0].Name != "app.yaml" || !strings.Contains(r.Base[0].Text, "concepts:") {
		t.Errorf("the base app: %+v", r.Base)
	}
	if msg := callError(t, cs, "explain_rule", map[string]any{"rule": "unbound-variabel"}); !strings.Contains(msg, "did you mean `unbound-variable`?") {
		t.Errorf("a misspelled rule says %q", msg)
	}
}
