package flow

import (
	"strconv"
	"strings"

	"legible/engine/program"
)

// memo holds the rows of the queries that one firing's where has called,
// by query and input. No action runs while where runs, so a query called
// again with the same input (the author's profile for each of a page of
// articles by few authors) gives the same rows, and is not called again.
type memo map[memoKey][]map[string]any

// memoKey names one call: the query, and its input (memoInput).
type memoKey struct {
	q  *program.Query
	in string
}

// memoInput encodes the input values of a call, in the query's argument
// order, with their types, so that two inputs share a key only when they
// are equal. Only inputs of strings, numbers, booleans and nulls are
// encoded; for any other, ok is false and the call is not remembered.
func memoInput(q *program.Query, in map[string]any) (key string, ok bool) {
	var b strings.Builder
	for _, a := range q.In {
		switch v := in[a.Param].(type) {
		case nil:
			b.WriteString("n;")
		case string:
			b.WriteString("s")
			b.WriteString(strconv.Itoa(len(v)))
			b.WriteString(":")
			b.WriteString(v)
		case bool:
			b.WriteString(strconv.FormatBool(v))
			b.WriteString(";")
		case float64:
			b.WriteString("f")
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			b.WriteString(";")
		case int:
			b.WriteString("i")
			b.WriteString(strconv.Itoa(v))
			b.WriteString(";")
		default:
			return "", false
		}
	}
	return b.String(), true
}
