package storage_test

import (
	"testing"

	"github.com/legible/legible/storage"
)

func TestKey(t *testing.T) {
	cases := []struct {
		parts []string
		want  string
	}{
		{[]string{"a", "b"}, "a/b"},
		{[]string{"a/b", "c"}, "a%2Fb/c"},
		{[]string{"a", "b/c"}, "a/b%2Fc"},
		{[]string{"a%2Fb", "c"}, "a%252Fb/c"},
		{[]string{"%", ""}, "%25/"},
		{[]string{"ünï", "cödé"}, "ünï/cödé"},
		{[]string{"one"}, "one"},
	}
	seen := map[string][]string{}
	for _, c := range cases {
		got := storage.Key(c.parts...)
		if got != c.want {
			t.Errorf("Key %q = %q, want %q", c.parts, got, c.want)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("Key %q and Key %q are both %q", c.parts, other, got)
		}
		seen[got] = c.parts
	}
}
