package legible_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
	concept := writeFiles(t, t.TempDir(), map[string]string{
		"app.yaml": "app: s\nbase: /api\nconcepts: [Requesting, Sessioning]\n", "concepts/Sessioning.concept.yaml": blocks[0][1]})
	syncs := writeFiles(t, t.TempDir(), map[string]string{
		"app.yaml": "app: s\nbase: /api\nconcepts: [Requesting, Authenticating, Tokens, Profile]\n", "syncs/login.sync.yaml": blocks[1][1]})
	conduit := t.TempDir()
	if err := os.CopyFS(conduit, os.DirFS("specs")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, conduit, map[string]string{"tests/llms.test.yaml": blocks[2][1]})
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

// writeFiles writes files, by their path inside dir, and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
