package concepts

// Result is the outcome of a successful Call: exactly one of its fields is
// set. Out holds an action's output record, an empty map for an action
// without outputs. Rows holds a query's rows, an empty slice when none
// match. Err holds the message of a concept error, the {error: "…"}
// outcome; a concept error with an empty message becomes "error".
type Result struct {
	Out  map[string]any
	Rows []map[string]any
	Err  string
}

// IsError reports whether the result is a concept error.
func (r Result) IsError() bool { return r.Err != "" }
