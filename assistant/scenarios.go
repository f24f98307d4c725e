package assistant

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/scenario"
)

// scenariosIn is the input of the run_scenarios tool.
type scenariosIn struct {
	App      string `json:"app" jsonschema:"the app's folder: the one holding its app.yaml and, below it, its test files (NAME.test.yaml)"`
	Name     string `json:"name,omitempty" jsonschema:"run only the scenario of this exact name (a concept's own is named Concept: name); all when empty"`
	File     string `json:"file,omitempty" jsonschema:"run only the scenarios of this test file: its path inside the app's folder, such as tests/users.test.yaml, or its absolute path"`
	Coverage bool   `json:"coverage,omitempty" jsonschema:"add what the scenarios reached: the syncs that fired and the cases of each route's flow, and what none reached"`
}

// scenariosOut is the output of the run_scenarios tool.
type scenariosOut struct {
	scenario.JSONReport
	Text string `json:"text,omitempty" jsonschema:"when a scenario failed, legible test's text report: each failure at its file:line with expected against actual, the flow's causal tree, and, when no sync answered, what stopped the syncs that came closest"`
}

// addScenarios adds the run_scenarios tool.
func (t *tools) addScenarios(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{
		Name: "run_scenarios",
		Description: "Run the app's scenarios as legible test does: those of its test files (NAME.test.yaml: requests with expected replies, " +
			"and calls of concepts) and of its own concepts, each on a fresh embedded store, in process, through the handler serve uses. " +
			"Returns each scenario's outcome, a failure's place and what came back, and, when asked, the coverage. " +
			"The app and its test files must lint without errors.",
		Annotations: readOnly("Run scenarios"),
	}, t.runScenarios)
}

// runScenarios runs an app's scenarios, or some.
func (t *tools) runScenarios(ctx context.Context, _ *mcp.CallToolRequest, in scenariosIn) (*mcp.CallToolResult, scenariosOut, error) {
	app, err := t.wholeApp(in.App, (*pipeline.App).TestDiags)
	if err != nil {
		return nil, scenariosOut{}, err
	}
	o := scenario.Options{}
	if in.Name != "" {
		if names := scenario.Names(app.Spec, false); !slices.Contains(names, in.Name) {
			return nil, scenariosOut{}, fmt.Errorf("no scenario %q; the scenarios are %q", in.Name, names)
		}
		o.Run = regexp.MustCompile("^" + regexp.QuoteMeta(in.Name) + "$")
	}
	if in.File != "" {
		rel, err := inside(app.Dir, in.File)
		if err != nil {
			return nil, scenariosOut{}, err
		}
		o.File = filepath.ToSlash(filepath.Join(app.Dir, rel))
	}
	if os.Getenv(authenticating.CostEnv) == "" { // scenarios need no costly password hashes
		_ = os.Setenv(authenticating.CostEnv, "min")
	}
	rep, err := scenario.Run(ctx, app, o)
	if err != nil {
		return nil, scenariosOut{}, err
	}
	if len(rep.Results) == 0 {
		return nil, scenariosOut{}, fmt.Errorf("%s: no scenarios to run; write them in test files (NAME.test.yaml) below the app's folder", filepath.Join(app.Dir, in.File))
	}
	var cov *scenario.Coverage
	if in.Coverage {
		cov = scenario.Cover(app.Spec, rep)
	}
	out := scenariosOut{JSONReport: *rep.JSON(cov)}
	if rep.Failed() > 0 {
		var b strings.Builder
		if err := scenario.Write(&b, "text", rep, report.SourceMap(app.Sources), nil); err != nil {
			return nil, scenariosOut{}, err
		}
		out.Text = b.String()
	}
	return nil, out, nil
}
