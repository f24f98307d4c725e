package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/rules"
)

// TestRuleExamples checks that every rule's golden cases are built into
// the binary as they are on disk: the failing case with its expected
// report, which names the rule, and the passing case without one.
func TestRuleExamples(t *testing.T) {
	for _, r := range rules.All() {
		failing, passing, err := lint.Examples(r)
		if err != nil {
			t.Errorf("rule %s: %v", r.ID, err)
			continue
		}
		want, _ := os.ReadFile(filepath.Join("testdata", r.Err+".out"))
		if failing.Output != string(want) || !strings.Contains(failing.Output, "["+r.ID+"]") {
			t.Errorf("rule %s: the failing case's report is\n%s\nwant the one of testdata/%s.out, naming the rule", r.ID, failing.Output, r.Err)
		}
		if passing.Output != "" || passing.Name != r.OK {
			t.Errorf("rule %s: the passing case is %s with report %q, want %s with none", r.ID, passing.Name, passing.Output, r.OK)
		}
		for _, ex := range []lint.Example{failing, passing} {
			if len(ex.Files) == 0 || ex.Comment == "" {
				t.Errorf("rule %s: the case %s has %d files and comment %q", r.ID, ex.Name, len(ex.Files), ex.Comment)
			}
		}
	}
}

// TestExampleBase checks that the app the cases are laid over is built in
// whole: its app.yaml and its concepts.
func TestExampleBase(t *testing.T) {
	var names []string
	for _, f := range lint.ExampleBase() {
		names = append(names, f.Name)
		want, err := os.ReadFile(filepath.Join("testdata/base", f.Name))
		if err != nil || string(want) != f.Text {
			t.Errorf("%s differs from testdata/base's (%v)", f.Name, err)
		}
	}
	if len(names) < 2 || names[0] != "app.yaml" {
		t.Errorf("the base app's files are %v, want app.yaml and its concepts", names)
	}
}
