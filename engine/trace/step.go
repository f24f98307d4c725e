package trace

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// WriteStep writes a request's flow as a scenario step to paste into a
// test file (NAME.test.yaml): the request, with its path's parameters,
// auth value, query and body, and the status and body it was answered
// with. What the trace masked is left for the author to put back, with
// a comment that says so; a flow no sync answered says that instead of
// an expectation. A flow that did not start with a request is an error.
func WriteStep(w io.Writer, f *Flow) error {
	tree := Tree(f)
	if len(tree) == 0 || tree[0].Record.Concept != requesting || tree[0].Record.Action != "request" {
		id := ""
		if f != nil {
			id = f.ID
		}
		return fmt.Errorf("flow %s did not start with a request: only a request's flow makes a step", id)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# from flow %s\n", f.ID)
	writeRequest(&b, tree[0].Record.Input)
	if respond := find(tree[0], requesting, "respond"); respond != nil {
		writeExpect(&b, respond.Record.Input)
	} else {
		b.WriteString("  # no sync answered this request\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRequest writes the request step: its path with the parameters'
// values, then its auth value, query and body.
func writeRequest(b *strings.Builder, in map[string]any) {
	method, _ := in["method"].(string)
	template, _ := in["path"].(string)
	params := map[string]bool{"method": true, "path": true, "query": true}
	var segs []string
	for _, seg := range strings.Split(template, "/") {
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			params[name] = true
			seg = fmt.Sprint(in[name])
		}
		segs = append(segs, seg)
	}
	fmt.Fprintf(b, "- %s %s:\n", method, strings.Join(segs, "/"))
	body := map[string]any{}
	for _, k := range sortedKeys(in) {
		switch v := in[k]; {
		case params[k] || v == nil:
		case v == Masked:
			fmt.Fprintf(b, "    %s: %s # masked in the trace: capture it in an earlier step\n", k, k)
		default:
			body[k] = v
		}
	}
	if q, ok := in["query"].(map[string]any); ok && len(q) > 0 {
		fmt.Fprintf(b, "    query: %s\n", flowJSON(q))
	}
	if len(body) > 0 {
		fmt.Fprintf(b, "    body: %s\n", flowJSON(body))
		if paths := maskedPaths(body, ""); len(paths) > 0 {
			fmt.Fprintf(b, "    # masked in the trace, put them back: %s\n", strings.Join(paths, ", "))
		}
	}
}

// writeExpect writes what the request was answered with.
func writeExpect(b *strings.Builder, in map[string]any) {
	status := 200.0
	if s, ok := in["status"].(float64); ok {
		status = s
	}
	body, ok := in["body"]
	if !ok {
		rest := map[string]any{}
		for k, v := range in {
			if !slices.Contains([]string{"request", "status", "rollback"}, k) {
				rest[k] = v
			}
		}
		body = rest
	}
	fmt.Fprintf(b, "  expect:\n    status: %g\n    body: %s\n", status, flowJSON(body))
	b.WriteString("    # replace what a test cannot know (ids, times, tokens) with a matcher: !string, !number, !match \"…\"\n")
}

// find returns the first node of the tree below n for concept.action.
func find(n *Node, concept, action string) *Node {
	for _, c := range n.Children {
		if c.Record.Concept == concept && c.Record.Action == action {
			return c
		}
		if x := find(c, concept, action); x != nil {
			return x
		}
	}
	return nil
}

// maskedPaths lists where in a value the trace masked a secret.
func maskedPaths(v any, at string) []string {
	switch v := v.(type) {
	case string:
		if v == Masked {
			return []string{strings.TrimPrefix(at, ".")}
		}
	case map[string]any:
		var out []string
		for _, k := range sortedKeys(v) {
			out = append(out, maskedPaths(v[k], at+"."+k)...)
		}
		return out
	case []any:
		var out []string
		for i, x := range v {
			out = append(out, maskedPaths(x, fmt.Sprintf("%s.%d", at, i))...)
		}
		return out
	}
	return nil
}

// flowJSON writes a value on one line as JSON with a space after each
// colon and comma, which YAML reads as a flow collection of quoted
// strings: literals, as a test file wants them.
func flowJSON(v any) string {
	var b strings.Builder
	writeFlow(&b, v)
	return b.String()
}

// writeFlow writes one value of flowJSON.
func writeFlow(b *strings.Builder, v any) {
	switch v := v.(type) {
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b.WriteString(", ")
			}
			writeFlow(b, k)
			b.WriteString(": ")
			writeFlow(b, v[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeFlow(b, x)
		}
		b.WriteByte(']')
	default:
		j, err := json.Marshal(v)
		if err != nil {
			j = []byte("null")
		}
		b.Write(j)
	}
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
