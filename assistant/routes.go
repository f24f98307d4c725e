package assistant

import (
	"context"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/engine/analysis"
	"github.com/legible/legible/engine/spec"
)

// appIn is the input of the tools that need only an app.
type appIn struct {
	App string `json:"app" jsonschema:"the app's folder: the one holding its app.yaml (absolute, or relative to the folder the server runs in)"`
}

// routesOut is the output of the list_routes tool.
type routesOut struct {
	Base   string     `json:"base" jsonschema:"the app's base path, which request paths in syncs leave out"`
	Routes []routeDoc `json:"routes" jsonschema:"in the order syncs first name them, then the passthrough routes"`
}

// routeDoc is one route, with its syncs and cases.
type routeDoc struct {
	Route       string    `json:"route" jsonschema:"as requests and draw_graph name it: METHOD /path, or /path for any method"`
	Method      string    `json:"method" jsonschema:"empty for any method"`
	Path        string    `json:"path" jsonschema:"the path template under the base path, :name segments being inputs"`
	Inputs      []string  `json:"inputs" jsonschema:"the request inputs its syncs name besides method and path: body fields, query and path parameters, the auth value; null when a request lacks one"`
	At          named     `json:"at" jsonschema:"the first request pattern that names it, or the passthrough entry"`
	Passthrough string    `json:"passthrough,omitempty" jsonschema:"for a passthrough route, the action or query it exposes, and why"`
	Syncs       []named   `json:"syncs" jsonschema:"the syncs that can fire in its flow, in the order they become able to: those waiting for the request, then those waiting for what they invoke"`
	Cases       []caseDoc `json:"cases" jsonschema:"the cases of its flow the analysis finds, each of which some sync must answer: the happy path, each action returning its error, each lookup of a request input finding nothing"`
}

// caseDoc is one case of a route's flow.
type caseDoc struct {
	Kind  string `json:"kind" jsonschema:"happy, error or empty"`
	Key   string `json:"key,omitempty" jsonschema:"the action that returns its error, or the query that finds nothing"`
	Label string `json:"label" jsonschema:"when the case happens"`
	File  string `json:"file" jsonschema:"where it is written: the request pattern, the sync that invokes the failing action, or the lookup"`
	Line  int    `json:"line"`
}

// graphIn is the input of the draw_graph tool.
type graphIn struct {
	App    string `json:"app" jsonschema:"the app's folder: the one holding its app.yaml"`
	Route  string `json:"route,omitempty" jsonschema:"a route as list_routes names it, such as POST /users/login: draws that request's flow; without it, the concepts and the syncs between them"`
	Format string `json:"format,omitempty" jsonschema:"mermaid, which renders on GitHub and in Markdown, or dot, for Graphviz"`
}

// graphOut is the output of the draw_graph tool.
type graphOut struct {
	Format string `json:"format"`
	Text   string `json:"text" jsonschema:"the drawing, as legible graph writes it"`
}

// caseKinds name the kinds of case.
var caseKinds = map[analysis.CaseKind]string{analysis.Happy: "happy", analysis.Failing: "error", analysis.Empty: "empty"}

// addRoutes adds the list_routes and draw_graph tools.
func (t *tools) addRoutes(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{
		Name: "list_routes",
		Description: "List the app's HTTP routes (the method and path literals of its Requesting.request patterns, and its passthrough routes), " +
			"each with the syncs that can fire in its flow and the cases the flow analysis finds: the happy path, each action's error, " +
			"each lookup of a request input finding nothing. Every case needs a sync that answers it (Requesting.respond), or lint reports unanswered-request. " +
			"The app must lint without errors.",
		Annotations: readOnly("List routes"),
	}, t.listRoutes)
	mcp.AddTool(s, &mcp.Tool{
		Name: "draw_graph",
		Description: "Draw the app as legible graph does, in Mermaid or DOT text: the concepts as nodes and the syncs as edges, " +
			"or, with route, that request's flow: each action's outcomes (✓ success, ✗ error) and the syncs between them, down to the responses. " +
			"The app must lint without errors.",
		InputSchema: inputSchema[graphIn](map[string]choice{"format": {values: []any{"mermaid", "dot"}, def: "mermaid"}}),
		Annotations: readOnly("Draw the app or a route"),
	}, t.drawGraph)
}

// listRoutes lists the routes of an app.
func (t *tools) listRoutes(_ context.Context, _ *mcp.CallToolRequest, in appIn) (*mcp.CallToolResult, routesOut, error) {
	app, err := t.wholeApp(in.App, lintDiags)
	if err != nil {
		return nil, routesOut{}, err
	}
	sp := app.Spec
	handlers := analysis.Handlers(sp)
	cases := map[*spec.Route][]caseDoc{}
	for _, c := range analysis.Cases(sp) {
		cases[c.Route] = append(cases[c.Route], caseDoc{Kind: caseKinds[c.Kind], Key: c.Key, Label: c.Label, File: c.At.File, Line: c.At.Line})
	}
	out := routesOut{Base: sp.App.Base.Name, Routes: []routeDoc{}}
	for _, r := range sp.Routes {
		d := routeDoc{Route: r.String(), Method: r.Method, Path: r.Path, Inputs: append([]string{}, r.Inputs...),
			At: named{Name: r.String(), File: r.At.File, Line: r.At.Line}, Syncs: []named{}, Cases: cases[r]}
		if p := r.Passthrough; p != nil {
			d.Passthrough = p.Route.Name + ": " + p.Why
		}
		for _, s := range handlers[r] {
			d.Syncs = append(d.Syncs, named{Name: s.Name.Name, File: s.Name.Span.File, Line: s.Name.Span.Line})
		}
		if d.Cases == nil {
			d.Cases = []caseDoc{}
		}
		out.Routes = append(out.Routes, d)
	}
	return nil, out, nil
}

// drawGraph draws an app, or one route's flow.
func (t *tools) drawGraph(_ context.Context, _ *mcp.CallToolRequest, in graphIn) (*mcp.CallToolResult, graphOut, error) {
	app, err := t.wholeApp(in.App, lintDiags)
	if err != nil {
		return nil, graphOut{}, err
	}
	g := analysis.Concepts(app.Spec)
	if in.Route != "" {
		if g, err = analysis.Route(app.Spec, in.Route); err != nil {
			return nil, graphOut{}, err
		}
	}
	var b strings.Builder
	if in.Format == "dot" {
		err = g.DOT(&b)
	} else {
		err = g.Mermaid(&b)
	}
	return nil, graphOut{Format: in.Format, Text: b.String()}, err
}
