package program

import (
	"reflect"
)

// normalize maps every numeric value to float64, so that a literal 20 in
// YAML and an int 20 from a Go concept are the same index key and compare
// equal.
func normalize(v any) any {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int32:
		return float64(n)
	case int64:
		return float64(n)
	case float32:
		return float64(n)
	case uint:
		return float64(n)
	case uint64:
		return float64(n)
	}
	return v
}

// comparable reports whether v can be a map key.
func comparable(v any) bool {
	switch v.(type) {
	case nil, string, bool, float64, int, int32, int64, float32, uint, uint64:
		return true
	}
	return false
}

// Equal reports whether two values from patterns, records and frames are
// the same: numbers compare by value whatever their Go type, and lists and
// objects compare element by element.
func Equal(a, b any) bool {
	a, b = normalize(a), normalize(b)
	if comparable(a) && comparable(b) {
		return a == b
	}
	return reflect.DeepEqual(a, b)
}
