package trace

import (
	"bytes"
	"encoding/json"
	"math"
	"time"
)

// jsonFlow is the JSON shape of a flow.
type jsonFlow struct {
	ID         string      `json:"id"`
	Start      time.Time   `json:"start"`
	End        time.Time   `json:"end"`
	DurationMs float64     `json:"durationMs"`
	Failure    string      `json:"failure,omitempty"`
	Outcome    string      `json:"outcome,omitempty"`
	Attempts   int         `json:"attempts,omitempty"`
	Tree       []*jsonNode `json:"tree"`
}

// jsonNode is the JSON shape of a node of the causal tree.
type jsonNode struct {
	ID         string      `json:"id"`
	Concept    string      `json:"concept"`
	Action     string      `json:"action"`
	Sync       string      `json:"sync,omitempty"`
	When       []string    `json:"when,omitempty"`
	Input      any         `json:"input"`
	Output     any         `json:"output,omitempty"`
	Failure    string      `json:"failure,omitempty"`
	Start      time.Time   `json:"start"`
	DurationMs float64     `json:"durationMs"`
	Children   []*jsonNode `json:"children"`
}

// JSON renders a flow as indented JSON, deterministically (map keys
// sorted): {"id", "start", "end", "durationMs", "failure", "outcome",
// "attempts", "tree"}, where
// the tree is a list of nodes {"id", "concept", "action", "sync", "when",
// "input", "output", "failure", "start", "durationMs", "children"}. Empty
// failures, outcomes, attempts, syncs and whens are left out, and so is
// the output of a failed
// record. Values JSON cannot hold (NaN, channels, …) appear as their
// compact text. A nil flow is null.
func JSON(f *Flow) ([]byte, error) {
	var doc *jsonFlow
	if f != nil {
		doc = &jsonFlow{
			ID: f.ID, Start: f.Start, End: f.End, DurationMs: ms(f.Duration()),
			Failure: f.Failure, Outcome: f.Outcome, Attempts: f.Attempts, Tree: jsonNodes(Tree(f)),
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsonNodes converts nodes and their subtrees; never nil.
func jsonNodes(nodes []*Node) []*jsonNode {
	out := make([]*jsonNode, len(nodes))
	for i, n := range nodes {
		r := n.Record
		out[i] = &jsonNode{
			ID: r.ID, Concept: r.Concept, Action: r.Action, Sync: n.Sync,
			Input: jsonMap(r.Input), Failure: r.Failure,
			Start: r.Start, DurationMs: ms(r.Duration()), Children: jsonNodes(n.Children),
		}
		if r.Cause != nil {
			out[i].When = r.Cause.When
		}
		if r.Failure == "" || r.Output != nil {
			out[i].Output = jsonMap(r.Output)
		}
	}
	return out
}

// jsonMap returns m with every value JSON can encode; nil becomes {}.
func jsonMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = jsonValue(v)
	}
	return out
}

// jsonValue returns v, or a stand-in when JSON cannot encode it: the
// compact text of the value.
func jsonValue(v any) any {
	switch v := v.(type) {
	case nil, string, bool, int, int64, json.Number:
		return v
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return value(v, math.MaxInt32)
		}
		return v
	case map[string]any:
		return jsonMap(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonValue(x)
		}
		return out
	}
	if b, err := marshal(v); err == nil {
		return json.RawMessage(b)
	}
	return value(v, math.MaxInt32)
}

// marshal encodes v as JSON without escaping HTML characters.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
