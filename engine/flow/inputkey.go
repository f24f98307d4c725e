package flow

import (
	"strconv"
	"strings"
)

// inputKey encodes the input values of a call, in the query's argument
// order, with their types, so that two inputs share a key only when they
// are equal. Only inputs of strings, numbers, booleans and nulls are
// encoded; for any other, ok is false, and the input is not merged with
// an equal one.
func inputKey(in []any) (key string, ok bool) {
	var b strings.Builder
	for _, x := range in {
		switch v := x.(type) {
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
