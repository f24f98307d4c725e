package value

import (
	"testing"
)

// TestKeysTellValuesApart checks that lists of scalars share a key
// exactly when they are equal.
func TestKeysTellValuesApart(t *testing.T) {
	inputs := [][]any{
		{"1"}, {1.0}, {1.5}, {true}, {"true"}, {nil}, {"n;"}, {""},
		{"a", "b"}, {"ab"}, {"a", "b", nil}, {"s1:a"}, {"a:", "b"}, {"a", ":b"},
		{2.0, 3.0}, {23.0}, {false}, {"false;"},
	}
	seen := map[string]int{}
	for i, in := range inputs {
		key, ok := AppendKey(nil, in)
		if !ok {
			t.Fatalf("%v: not keyed", in)
		}
		if j, dup := seen[string(key)]; dup {
			t.Errorf("%v and %v share the key %q", inputs[j], in, key)
		}
		seen[string(key)] = i
	}
	for _, in := range [][]any{{"a", []any{"b"}}, {map[string]any{}}} {
		if _, ok := AppendKey(nil, in); ok {
			t.Errorf("%v is keyed; an input with a list or an object must not be merged", in)
		}
	}
	one, _ := AppendKey(nil, []any{Of(1)})
	other, _ := AppendKey(nil, []any{1.0})
	if string(one) != string(other) {
		t.Errorf("1 from Go and 1.0 have the keys %q and %q; they are one value", one, other)
	}
}
