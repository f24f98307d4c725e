// Package assistant is `legible mcp`: a Model Context Protocol server
// that gives an AI assistant what `legible lint`, `legible concepts`,
// `legible graph`, `legible test` and `legible trace` give a person, as
// tools with JSON input and output: lint an app or a piece of YAML, the
// concept library, rule explanations with their golden examples, the
// routes with their syncs and cases, flow drawings, scenario runs, and
// recent flows of a `serve --dev`. Every tool checks the app through the
// pipeline (package pipeline), as the commands do, so what it says is
// what they say.
//
//	srv := assistant.New(env, "v1.2.0")
//	err := srv.Run(ctx, &mcp.StdioTransport{})
package assistant

import (
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/pipeline"
)

// instructions tell a connected assistant what legible is and how to
// use the tools together.
const instructions = `legible runs web backends written in YAML as concepts (NAME.concept.yaml: actions and queries with typed inputs and outcomes) and synchronizations (NAME.sync.yaml: when → where → then rules), beside an app.yaml that lists the concepts. It checks them statically before serving.
Work this way: read a concept's signature with show_concept before writing a pattern of it; after each edit, lint the text with lint_text (unsaved) or the folder with lint, and fix every error at its line with its hint; explain_rule shows any rule's failing and passing example. list_routes and draw_graph show how requests flow through the syncs; run_scenarios runs the app's test files; get_flow fetches a flow that a running ` + "`legible serve --dev`" + ` recorded (its id is in each reply's X-Flow-Id header).
Paths are absolute, or relative to the folder this server runs in.`

// New returns the MCP server of the tools, checking apps in env: the
// concepts of the binary that runs it. version is the binary's.
func New(env *pipeline.Env, version string) *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "legible", Title: "legible: concepts and synchronizations", Version: version},
		&mcp.ServerOptions{Instructions: instructions})
	t := &tools{env: env}
	t.addLint(s)
	t.addConcepts(s)
	t.addRules(s)
	t.addRoutes(s)
	t.addScenarios(s)
	t.addFlow(s)
	return s
}

// tools are the handlers of the tools, on the environment apps are
// checked in.
type tools struct{ env *pipeline.Env }

// readOnly marks a tool that changes nothing outside the server, so the
// assistant may call it without asking, and reads only the files it is
// given.
func readOnly(title string) *mcp.ToolAnnotations {
	closed := false
	return &mcp.ToolAnnotations{Title: title, ReadOnlyHint: true, IdempotentHint: true, OpenWorldHint: &closed}
}
