package assistant

import (
	"strings"
	"testing"
)

// profiles are scenarios of Conduit: one that holds, one whose expected
// status is wrong.
const profiles = `a profile nobody has:
  - GET /profiles/nobody: {}
    expect: { status: 404 }
a profile nobody has, expected found:
  - GET /profiles/nobody: {}
    expect: { status: 200 }
`

// TestRunScenarios runs the scenarios of a copy of Conduit: all of them,
// the failing one reported at its expectation with the text report, then
// the passing one alone by name with the coverage; an unknown name is met
// with the names there are.
func TestRunScenarios(t *testing.T) {
	cs := connect(t)
	dir := conduitCopy(t, map[string]string{"tests/profiles.test.yaml": profiles})
	var all scenariosOut
	call(t, cs, "run_scenarios", map[string]any{"app": dir}, &all)
	if all.Scenarios != 2 || all.Passed != 1 || all.Failed != 1 || all.Requests != 2 || all.Coverage != nil {
		t.Fatalf("all: %+v", all)
	}
	f := all.Results[1].Failure
	if all.Results[1].Passed || f == nil || !strings.HasSuffix(f.File, "tests/profiles.test.yaml") || f.Line != 6 || f.Status != 404 ||
		!strings.Contains(all.Text, "expected found") || !strings.Contains(all.Text, "Requesting.request") {
		t.Errorf("the failure: %+v\n%s", f, all.Text)
	}
	var one scenariosOut
	call(t, cs, "run_scenarios", map[string]any{"app": dir, "name": "a profile nobody has", "coverage": true}, &one)
	if one.Scenarios != 1 || one.Passed != 1 || one.Text != "" || one.Coverage == nil || one.Coverage.SyncsFired == 0 || len(one.Coverage.NotFired) == 0 {
		t.Errorf("one by name: %+v", one)
	}
	if msg := callError(t, cs, "run_scenarios", map[string]any{"app": dir, "name": "a profile"}); !strings.Contains(msg, `"a profile nobody has, expected found"`) {
		t.Errorf("an unknown name says %q", msg)
	}
}

// TestRunScenariosOfOneFile runs the scenarios of one test file, given
// by its path inside the app, refuses a file outside it, and says when
// there are none.
func TestRunScenariosOfOneFile(t *testing.T) {
	cs := connect(t)
	dir := conduitCopy(t, map[string]string{
		"tests/profiles.test.yaml": profiles,
		"tests/other.test.yaml":    "another:\n  - GET /tags: {}\n    expect: { status: 200 }\n",
	})
	var got scenariosOut
	call(t, cs, "run_scenarios", map[string]any{"app": dir, "file": "tests/other.test.yaml"}, &got)
	if got.Scenarios != 1 || got.Results[0].Name != "another" || got.Failed != 0 {
		t.Errorf("one file: %+v", got)
	}
	if msg := callError(t, cs, "run_scenarios", map[string]any{"app": dir, "file": "/elsewhere/other.test.yaml"}); !strings.Contains(msg, "is not inside the app's folder") {
		t.Errorf("a file outside the app says %q", msg)
	}
	ping := writeApp(t, map[string]string{
		"app.yaml": "app: ping\nbase: /api\nconcepts: [Requesting]\n",
		"syncs/ping.sync.yaml": "Ping:\n  when:\n    - Requesting.request: { method: \"GET\", path: \"/ping\" }\n      out: { request }\n" +
			"  then:\n    - Requesting.respond: { request, body: \"pong\" }\n",
	})
	if msg := callError(t, cs, "run_scenarios", map[string]any{"app": ping}); !strings.Contains(msg, "no scenarios to run") {
		t.Errorf("an app without scenarios says %q", msg)
	}
}
