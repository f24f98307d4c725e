package scenario

import (
	"bytes"
	"encoding/json"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/trace"
)

// Failure is the first step of a scenario that did not hold.
type Failure struct {
	At      diag.Span // the expectation that did not hold, or the step
	Message string
	// Details are the mismatches, each "where: want …, got …".
	Details []string
	Status  int    // the reply's status, for a request step
	Body    string // what came back: the reply's body, or the call's outcome, indented
	// Flow is the request's flow, drawn as `legible trace` draws it.
	Flow *trace.Flow
	// Why says, when no sync answered, which syncs of the route came
	// closest and what stopped each.
	Why []string
}

// indent writes a JSON body indented, or as it is when it is not JSON.
func indent(raw []byte) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

// indentValue writes a flow value as indented JSON.
func indentValue(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return show(v)
	}
	return string(b)
}
