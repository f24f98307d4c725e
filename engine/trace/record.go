// Package trace keeps the provenance of flows: every completed action or
// query call with its cause, masking of secret parameters, a bounded store
// of recently finished flows, and renderings of a flow as a causal tree
// (text for people, JSON for tools, one line per record for logs).
package trace

import "time"

// Record is one completed action or query call in a flow.
type Record struct {
	ID      string         // UUIDv7-style id given by the runtime (treat as opaque)
	Concept string         // the concept that ran
	Action  string         // the action or query that ran
	Input   map[string]any // the arguments it was called with
	Output  map[string]any // the outcome; an error outcome is {"error": "..."}
	// Failure is non-empty when the Go code failed (not a concept error);
	// the flow stopped here.
	Failure    string
	Start, End time.Time
	Cause      *Cause // nil for the flow's root (e.g. Requesting.request from HTTP)
}

// Duration is how long the record's call took; zero when a time is unset
// or the end comes before the start.
func (r *Record) Duration() time.Duration { return span(r.Start, r.End) }

// Cause says which sync invoked a record, and which when-records fired it.
type Cause struct {
	Sync   string   // the name of the sync that invoked the record
	When   []string // ids of the records the sync's when patterns matched
	Parent string   // id of the record whose completion triggered the sync (the last of When)
}

// Flow is a finished flow.
type Flow struct {
	ID         string
	Records    []*Record // in completion order
	Start, End time.Time
	Failure    string // the first failure, if any
	// Outcome is what became of the flow's writes: "committed", "read
	// only", or "rolled back" and why; empty when it ran without a
	// database.
	Outcome string
	// Attempts is how many times the flow ran: more than once when it
	// conflicted with concurrent flows. Records are the last attempt's.
	Attempts int
}

// Duration is how long the flow took; zero when a time is unset or the
// end comes before the start.
func (f *Flow) Duration() time.Duration { return span(f.Start, f.End) }

// span is end-start, or zero when that makes no sense.
func span(start, end time.Time) time.Duration {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return 0
	}
	return end.Sub(start)
}
