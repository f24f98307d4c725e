package console

import (
	"time"

	"github.com/legible/legible/engine/explain"
	"github.com/legible/legible/engine/trace"
)

// summary is a flow as the list of flows shows it.
type summary struct {
	ID         string    `json:"id"`
	Start      time.Time `json:"start"`
	Method     string    `json:"method"`
	Route      string    `json:"route"`  // the path template, or /Concept/action for a passthrough
	Status     int       `json:"status"` // 0 when the reply was not noted
	DurationMs float64   `json:"durationMs"`
	Outcome    string    `json:"outcome"` // committed, read only, rolled back: why, failed: what
	Attempts   int       `json:"attempts"`
	Answered   bool      `json:"answered"` // a sync answered the request (a passthrough: it did not fail)
	Input      string    `json:"input"`    // the request's inputs, compact, masked as in the trace
}

// summarize sums a flow up, with the status its request was answered with.
func summarize(f *trace.Flow, status int) summary {
	s := summary{ID: f.ID, Start: f.Start, Status: status, Attempts: f.Attempts, Outcome: f.Outcome,
		DurationMs: float64(f.Duration()) / float64(time.Millisecond), Answered: explain.Answered(f)}
	if f.Failure != "" {
		s.Outcome = "failed: " + f.Failure
	}
	if len(f.Records) == 0 {
		return s
	}
	root := f.Records[0]
	s.Input = trace.Fields(root.Input)
	if root.Concept == "Requesting" && root.Action == "request" {
		s.Method, _ = root.Input["method"].(string)
		s.Route, _ = root.Input["path"].(string)
	} else { // a passthrough: answered with the action's outcome, unless it failed
		s.Method, s.Route, s.Answered = "POST", "/"+root.Concept+"/"+root.Action, f.Failure == ""
	}
	return s
}
