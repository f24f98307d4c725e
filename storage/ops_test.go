package storage

import (
	"testing"

	"github.com/legible/legible/storage/backend"
)

// TestSameComparesListsDeeply compares results whose values are lists, as
// a backend returns for a field that holds one: comparing them must not
// panic, and must tell equal lists from different ones.
func TestSameComparesListsDeeply(t *testing.T) {
	list := func(v ...any) []any { return v }
	cases := []struct {
		a, b result
		same bool
	}{
		{result{values: list(list("a", int64(1)))}, result{values: list(list("a", int64(1)))}, true},
		{result{values: list(list("a", int64(1)))}, result{values: list(list("a", int64(2)))}, false},
		{result{values: list(map[string]any{"x": list(true)})}, result{values: list(map[string]any{"x": list(true)})}, true},
		{result{groups: []backend.Group{{Value: list("a"), N: 2}}}, result{groups: []backend.Group{{Value: list("a"), N: 2}}}, true},
		{result{groups: []backend.Group{{Value: list("a"), N: 2}}}, result{groups: []backend.Group{{Value: list("b"), N: 2}}}, false},
		{result{values: list("a")}, result{values: list(list("a"))}, false},
		{result{values: []any{}}, result{}, true},
	}
	for i, c := range cases {
		if got := c.a.same(c.b); got != c.same {
			t.Errorf("case %d: same = %v, want %v", i, got, c.same)
		}
	}
}
