package assistant

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/server"
)

// flowIn is the input of the get_flow tool.
type flowIn struct {
	ID     string `json:"id" jsonschema:"the flow's id, from the X-Flow-Id header of the reply, or from a 500 or 504 reply's body"`
	Addr   string `json:"addr,omitempty" jsonschema:"HOST:PORT of the running legible serve --dev"`
	Format string `json:"format,omitempty" jsonschema:"text: the causal tree, each action with its input and output under the sync that invoked it; or json: the same as an object"`
}

// flowOut is the output of the get_flow tool.
type flowOut struct {
	ID   string         `json:"id"`
	Text string         `json:"text,omitempty" jsonschema:"the causal tree, as legible trace prints it, with secrets masked"`
	Flow map[string]any `json:"flow,omitempty" jsonschema:"the flow as GET /_legible/flows/ID gives it: id, start, end, durationMs, failure, outcome (committed, read only, rolled back), and tree, a list of nodes with concept, action, sync, when, input, output, failure and children"`
}

// addFlow adds the get_flow tool.
func (t *tools) addFlow(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{
		Name: "get_flow",
		Description: "Fetch a recent flow from a running `legible serve --dev` (GET /_legible/flows/ID): what one request did, " +
			"each action with its input and output under the sync that invoked it, and the outcome of its writes. " +
			"Use it to see why a request got the reply it got. Outside --dev the server needs LEGIBLE_ADMIN_TOKEN, " +
			"which this server sends when its own environment has it.",
		InputSchema: inputSchema[flowIn](map[string]choice{
			"addr":   {def: "127.0.0.1:8080"},
			"format": {values: []any{"text", "json"}, def: "text"},
		}),
		Annotations: reaching(readOnly("Fetch a recent flow")),
	}, t.getFlow)
}

// getFlow fetches a flow from a running server.
func (t *tools) getFlow(ctx context.Context, _ *mcp.CallToolRequest, in flowIn) (*mcp.CallToolResult, flowOut, error) {
	text := in.Format == "text"
	data, err := server.FetchFlow(ctx, in.Addr, in.ID, in.Format, os.Getenv("LEGIBLE_ADMIN_TOKEN"))
	if err != nil {
		return nil, flowOut{}, err
	}
	out := flowOut{ID: in.ID}
	if text {
		out.Text = string(data)
	} else if err := json.Unmarshal(data, &out.Flow); err != nil {
		return nil, flowOut{}, fmt.Errorf("the server's flow is not JSON: %w", err)
	}
	return nil, out, nil
}

// reaching marks a tool that talks to a server, which the world may
// change between calls.
func reaching(a *mcp.ToolAnnotations) *mcp.ToolAnnotations {
	open := true
	a.OpenWorldHint, a.IdempotentHint = &open, false
	return a
}
