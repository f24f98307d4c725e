package storagetest

import "testing"

// Strings returns v, a List output of a concept (a []any, as handlers
// encode lists), as a []string, failing the test when v is not a list of
// strings. A list is never nil: an empty list is [].
func Strings(t testing.TB, v any) []string {
	t.Helper()
	list, ok := v.([]any)
	if !ok || list == nil {
		t.Fatalf("%#v is not a list; want a list of strings", v)
	}
	out := make([]string, len(list))
	for i, x := range list {
		if out[i], ok = x.(string); !ok {
			t.Fatalf("element %d of %#v is not a string", i, v)
		}
	}
	return out
}
