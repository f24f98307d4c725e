package flow

import (
	"testing"
)

func TestInputKeysTellValuesApart(t *testing.T) {
	inputs := [][]any{
		{"1"}, {1}, {1.0}, {true}, {"true"}, {nil}, {"n;"}, {""},
		{"a", "b"}, {"ab"}, {"a", "b", nil}, {"s1:a"}, {"a:", "b"}, {"a", ":b"},
		{2, 3}, {23}, {false}, {"false;"},
	}
	seen := map[string]int{}
	for i, in := range inputs {
		key, ok := appendInputKey(nil, in)
		if !ok {
			t.Fatalf("%v: not keyed", in)
		}
		if j, dup := seen[string(key)]; dup {
			t.Errorf("%v and %v share the key %q", inputs[j], in, key)
		}
		seen[string(key)] = i
	}
	if _, ok := appendInputKey(nil, []any{"a", []any{"b"}}); ok {
		t.Error("an input with a list is keyed; it must not be merged")
	}
}
