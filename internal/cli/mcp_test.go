package cli

import (
	"context"
	"io"
	"slices"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/internal/syncbuf"
)

// TestMCPCommand runs `legible mcp` on pipes in place of standard input
// and output, connects the SDK's client to them, lists the tools, lints
// Conduit through one, and closes the input: the command ends with exit
// code 0, having written nothing else.
func TestMCPCommand(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	root := New(stock(t))
	root.SetIn(inR)
	code := make(chan int, 1)
	var stderr syncbuf.Buffer
	go func() {
		code <- Execute(root, []string{"mcp"}, outW, &stderr)
		outW.Close()
	}()
	ctx := context.Background()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "v0"}, nil).Connect(ctx, &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := cs.InitializeResult().ServerInfo; v.Name != "legible" || v.Version != version() {
		t.Errorf("the server is %+v", v)
	}
	var names []string
	for tool, err := range cs.Tools(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tool.Name)
	}
	if !slices.Contains(names, "lint") || len(names) != 9 {
		t.Errorf("the tools are %v", names)
	}
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "lint", Arguments: map[string]any{"path": "../../specs"}})
	if err != nil || res.IsError {
		t.Fatalf("lint: %v %+v", err, res)
	}
	if out, _ := res.StructuredContent.(map[string]any); out["errors"] != 0.0 {
		t.Errorf("lint of Conduit: %v", res.StructuredContent)
	}
	if err := cs.Close(); err != nil {
		t.Fatal(err)
	}
	if c := <-code; c != 0 || stderr.String() != "" {
		t.Errorf("mcp exited %d: %s", c, stderr.String())
	}
}
