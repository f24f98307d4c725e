package legible_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/internal/cli"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/scenario"
)

// readLLMs reads llms.txt.
func readLLMs(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("llms.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestLLMsNamesEveryRuleAndCommand checks that llms.txt gives every rule
// of legible lint a line of its own, and names every command of the
// command line as `legible NAME`.
func TestLLMsNamesEveryRuleAndCommand(t *testing.T) {
	text := readLLMs(t)
	for _, id := range rules.IDs() {
		if !strings.Contains(text, "\n- `"+id+"`: ") {
			t.Errorf("llms.txt has no line for the rule %s (- `%s`: what it catches)", id, id)
		}
	}
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	commands := cli.New(env).Commands()
	if len(commands) < 9 {
		t.Fatalf("the command line has %d commands", len(commands))
	}
	for _, c := range commands {
		if !strings.Contains(text, "`legible "+c.Name()) {
			t.Errorf("llms.txt does not name the command legible %s", c.Name())
		}
	}
}

// yamlBlock matches a fenced YAML example.
var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// TestLLMsExamplesHold checks llms.txt's examples as an assistant would
// use them: the concept spec lints without errors in an app of its own,
// the syncs lint clean in an app of the concepts they use, and the
// scenario lints clean and passes against Conduit.
func TestLLMsExamplesHold(t *testing.T) {
	blocks := yamlBlock.FindAllStringSubmatch(readLLMs(t), -1)
	if len(blocks) != 3 {
		t.Fatalf("llms.txt has %d YAML examples, want the concept spec, the syncs and the scenario", len(blocks))
	}
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	concept, syncs, conduit := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, files := range map[string]fs.FS{
		concept: fstest.MapFS{
			"app.yaml":                         {Data: []byte("app: s\nbase: /api\nconcepts: [Requesting, Sessioning]\n")},
			"concepts/Sessioning.concept.yaml": {Data: []byte(blocks[0][1])},
		},
		syncs: fstest.MapFS{
			"app.yaml":              {Data: []byte("app: s\nbase: /api\nconcepts: [Requesting, Authenticating, Tokens, Profile]\n")},
			"syncs/login.sync.yaml": {Data: []byte(blocks[1][1])},
		},
		conduit: fstest.MapFS{"tests/llms.test.yaml": {Data: []byte(blocks[2][1])}},
	} {
		if err := os.CopyFS(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(conduit, os.DirFS("specs")); err != nil {
		t.Fatal(err)
	}
	for dir, allowed := range map[string]diag.Severity{concept: diag.Info, syncs: -1, conduit: -1} {
		app, err := env.CheckDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range app.Diags {
			if d.Severity > allowed {
				var b strings.Builder
				_ = report.Text(&b, diag.List{d}, report.SourceMap(app.Sources))
				t.Errorf("an example of llms.txt does not lint clean:\n%s", b.String())
			}
		}
		if dir != conduit {
			continue
		}
		t.Setenv("LEGIBLE_BCRYPT_COST", "min")
		rep, err := scenario.Run(context.Background(), app, scenario.Options{File: filepath.ToSlash(filepath.Join(conduit, "tests/llms.test.yaml"))})
		if err != nil || len(rep.Results) != 1 || rep.Failed() != 0 {
			var b strings.Builder
			_ = scenario.Write(&b, "text", rep, report.SourceMap(app.Sources), nil)
			t.Errorf("the scenario of llms.txt does not pass against Conduit (%v):\n%s", err, b.String())
		}
	}
}
