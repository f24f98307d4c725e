// Package value defines the values flows carry: what a request, a
// concept, an expression or a spec's literal gives a flow, what its syncs
// match and compare, what its queries are keyed by, and what its replies
// and traces are written from. Every stage uses this one definition.
//
// A flow value is nil; a bool; a float64, for every number; a string; a
// []any of flow values; or a map[string]any of flow values. Values enter
// flows through Of: a request's JSON, a concept's outputs, an
// expression's result and a flow's first input, so that 1 from YAML, 1
// from a Go int field and 1 from an expression are one value.
package value

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// Of returns v as a flow value: v itself when it is one; every Go number
// as a float64; and any other value as what its JSON encoding decodes to
// (a time its RFC 3339 text, a []string a list of strings, a struct an
// object), or, for a value JSON cannot encode, its text. A list or object
// is copied only when something in it changes: Of never writes to what
// it is given.
func Of(v any) any {
	out, _ := of(v)
	return out
}

// of returns v as a flow value, and whether that is another value than v.
func of(v any) (any, bool) {
	switch x := v.(type) {
	case nil, bool, float64, string:
		return v, false
	case []any:
		return ofList(x)
	case map[string]any:
		return ofObject(x)
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	}
	return viaJSON(v), true
}

// ofList returns a list of flow values: l, or a copy where something in
// it changes.
func ofList(l []any) (any, bool) {
	var out []any
	for i, x := range l {
		y, changed := of(x)
		if changed && out == nil {
			out = slices.Clone(l)
		}
		if out != nil {
			out[i] = y
		}
	}
	if out == nil {
		return l, false
	}
	return out, true
}

// ofObject returns an object of flow values: m, or a copy where something
// in it changes.
func ofObject(m map[string]any) (any, bool) {
	var out map[string]any
	for k, x := range m {
		y, changed := of(x)
		if changed && out == nil {
			out = maps.Clone(m)
		}
		if out != nil {
			out[k] = y
		}
	}
	if out == nil {
		return m, false
	}
	return out, true
}

// viaJSON returns what the JSON encoding of v decodes to, or v's text when
// it has none.
func viaJSON(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return fmt.Sprint(v)
	}
	return out
}

// Equal reports whether two flow values are the same: scalars of one type
// and value, lists of equal items in order, objects of equal values
// under the same keys.
func Equal(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, Equal)
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && maps.EqualFunc(x, y, Equal)
	}
	return Scalar(b) && a == b
}

// Scalar reports whether v is nil, a bool, a float64 or a string: a flow
// value that is neither a list nor an object, and may be a map key.
func Scalar(v any) bool {
	switch v.(type) {
	case nil, bool, float64, string:
		return true
	}
	return false
}
