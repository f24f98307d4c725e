package assistant

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/pipeline"
)

// connect serves the tools in process and connects the SDK's own client
// to them through an in-memory transport.
func connect(t *testing.T) *mcp.ClientSession {
	t.Helper()
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	ss, err := New(env, "test").Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "v0"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		ss.Wait()
	})
	return cs
}

// call calls a tool that must succeed and decodes its structured output
// into out.
func call(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any, out any) {
	t.Helper()
	decode(t, callRaw(t, cs, name, args), out)
}

// callRaw calls a tool.
func callRaw(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any) *mcp.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// decode decodes the structured output of a tool that succeeded into
// out.
func decode(t *testing.T, res *mcp.CallToolResult, out any) {
	t.Helper()
	if res.IsError {
		t.Fatalf("the tool failed: %s", text(res))
	}
	data, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("%v in %s", err, data)
	}
}

// callError calls a tool that must fail and returns what it says.
func callError(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any) string {
	t.Helper()
	res := callRaw(t, cs, name, args)
	if !res.IsError {
		t.Fatalf("%s %v succeeded, want an error: %s", name, args, text(res))
	}
	return text(res)
}

// text returns a result's text content.
func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// writeApp writes files, by their path inside the app, to a new folder.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

// writeFiles writes files, by their path inside dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
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
}

// conduitCopy copies the repository's specs/ to a new folder, without
// its test files, and adds files to it.
func conduitCopy(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../specs")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "tests")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, files)
	return dir
}

// TestToolsDescribeThemselves lists the tools through the client: each
// has a description and JSON Schemas of its input and output, objects
// whose properties are described, and the choices of a format are an enum
// with a default.
func TestToolsDescribeThemselves(t *testing.T) {
	cs := connect(t)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if len(tool.Description) < 80 || tool.Annotations == nil || tool.Annotations.Title == "" {
			t.Errorf("%s: a description of %d characters and annotations %v", tool.Name, len(tool.Description), tool.Annotations)
		}
		for kind, schema := range map[string]any{"input": tool.InputSchema, "output": tool.OutputSchema} {
			var s struct {
				Type       string
				Properties map[string]struct{ Description string }
			}
			data, _ := json.Marshal(schema)
			if err := json.Unmarshal(data, &s); err != nil || s.Type != "object" || len(s.Properties) == 0 {
				t.Errorf("%s: its %s schema is %s", tool.Name, kind, data)
			}
			if kind == "input" {
				for name, p := range s.Properties {
					if p.Description == "" {
						t.Errorf("%s: input %s has no description", tool.Name, name)
					}
				}
			}
		}
	}
	want := []string{"draw_graph", "explain_rule", "get_flow", "lint", "lint_text", "list_concepts", "list_routes", "run_scenarios", "show_concept"}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("the tools are %v, want %v", names, want)
	}
	for _, tool := range res.Tools {
		if tool.Name == "draw_graph" {
			data, _ := json.Marshal(tool.InputSchema)
			if !strings.Contains(string(data), `"format":{"default":"mermaid","description"`) || !strings.Contains(string(data), `"enum":["mermaid","dot"]`) {
				t.Errorf("draw_graph's format is not an enum with a default: %s", data)
			}
		}
	}
}

// itoa writes a number.
func itoa(n int) string { return strconv.Itoa(n) }
