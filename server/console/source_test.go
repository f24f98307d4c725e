package console

import "testing"

// TestBlockIsASyncsLines cuts a sync out of a file: from its name to the
// last line indented under it, without the blank and comment lines that
// come before the next.
func TestBlockIsASyncsLines(t *testing.T) {
	src := []byte("# syncs\nA:\n  when:\n    - X.y: {}\n\n  then: []\n\n# about B\nB:\n  when: []\n")
	for _, tt := range []struct {
		line int
		want string
	}{
		{2, "A:\n  when:\n    - X.y: {}\n\n  then: []"},
		{9, "B:\n  when: []"},
		{40, ""},
	} {
		if got := block(src, tt.line); got != tt.want {
			t.Errorf("line %d: %q, want %q", tt.line, got, tt.want)
		}
	}
}
