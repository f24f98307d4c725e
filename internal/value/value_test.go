package value

import (
	"reflect"
	"testing"
	"time"
)

type point struct{ X, Y int }

// TestOf checks what each kind of Go value becomes in a flow.
func TestOf(t *testing.T) {
	when := time.Date(2026, 12, 6, 14, 0, 0, 5, time.UTC)
	for _, tt := range []struct {
		name   string
		in     any
		want   any
		copied bool // the result is a new list or object
	}{
		{"nil", nil, nil, false},
		{"string", "s", "s", false},
		{"bool", true, true, false},
		{"float", 1.5, 1.5, false},
		{"int", 3, 3.0, false},
		{"int64", int64(-4), -4.0, false},
		{"uint64", uint64(5), 5.0, false},
		{"float32", float32(0.5), 0.5, false},
		{"uint8 via JSON", uint8(7), 7.0, false},
		{"time via JSON", when, "2026-12-06T14:00:00.000000005Z", false},
		{"strings via JSON", []string{"a", "b"}, []any{"a", "b"}, false},
		{"struct via JSON", point{1, 2}, map[string]any{"X": 1.0, "Y": 2.0}, false},
		{"typed map via JSON", map[string]int{"a": 1}, map[string]any{"a": 1.0}, false},
		{"no JSON", make(chan int), "", false},
		{"a list of values", []any{"a", 1.0}, []any{"a", 1.0}, false},
		{"a list with an int", []any{"a", 1}, []any{"a", 1.0}, true},
		{"an object with a nested int", map[string]any{"a": map[string]any{"b": []any{2}}}, map[string]any{"a": map[string]any{"b": []any{2.0}}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := of(tt.in)
			if tt.name == "no JSON" {
				if s, ok := got.(string); !ok || s == "" {
					t.Fatalf("Of(chan) = %#v, want its text", got)
				}
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Of(%#v) = %#v, want %#v", tt.in, got, tt.want)
			}
			if list, ok := tt.in.([]any); ok && !tt.copied && changed {
				t.Errorf("Of(%v) copied a list of flow values", list)
			}
		})
	}
	in := map[string]any{"n": 1}
	Of(in)
	if in["n"] != 1 {
		t.Error("Of wrote to the object it was given")
	}
}

// TestEqual checks equality of flow values.
func TestEqual(t *testing.T) {
	for _, tt := range []struct {
		a, b any
		want bool
	}{
		{nil, nil, true},
		{1.0, 1.0, true},
		{1.0, "1", false},
		{"a", "a", true},
		{[]any{"a", 1.0}, []any{"a", 1.0}, true},
		{[]any{"a"}, []any{"a", "b"}, false},
		{map[string]any{"a": []any{nil}}, map[string]any{"a": []any{nil}}, true},
		{map[string]any{"a": 1.0}, map[string]any{"b": 1.0}, false},
		{[]any{}, map[string]any{}, false},
		{"a", []any{"a"}, false},
		{nil, map[string]any{}, false},
	} {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := Equal(tt.b, tt.a); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}
