package trace

import (
	"bytes"
	"encoding/json"
	"time"

	flowvalue "github.com/legible/legible/internal/value"
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
	ID         string          `json:"id"`
	Concept    string          `json:"concept"`
	Action     string          `json:"action"`
	Sync       string          `json:"sync,omitempty"`
	When       []string        `json:"when,omitempty"`
	Input      json.RawMessage `json:"input"`
	Output     json.RawMessage `json:"output,omitempty"`
	Failure    string          `json:"failure,omitempty"`
	Start      time.Time       `json:"start"`
	DurationMs float64         `json:"durationMs"`
	Children   []*jsonNode     `json:"children"`
}

// JSON renders a flow as indented JSON, deterministically (map keys
// sorted): {"id", "start", "end", "durationMs", "failure", "outcome",
// "attempts", "tree"}, where
// the tree is a list of nodes {"id", "concept", "action", "sync", "when",
// "input", "output", "failure", "start", "durationMs", "children"}. Empty
// failures, outcomes, attempts, syncs and whens are left out, and so is
// the output of a failed
// record. The values of inputs and outputs are written by the encoder of
// replies (value.AppendJSON), HTML unescaped; a number JSON cannot hold
// (NaN, ±Inf) appears as a string of its text. A nil flow is null.
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

// jsonMap writes a record's input or output as JSON, with the encoder of
// replies; nil becomes {}.
func jsonMap(m map[string]any) json.RawMessage {
	if m == nil {
		m = map[string]any{}
	}
	b, err := flowvalue.AppendJSON(nil, flowvalue.Of(m), flowvalue.Format{Lenient: true})
	if err != nil { // not for flow values, which always encode leniently
		b, _ = json.Marshal(err.Error())
	}
	return b
}
