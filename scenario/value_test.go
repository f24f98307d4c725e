package scenario

import (
	"testing"

	"github.com/legible/legible/engine/spec"
)

// TestExprMatcherReadsVariables checks that `!expr` sees what earlier
// steps captured beside `it`, the value that came back.
func TestExprMatcherReadsVariables(t *testing.T) {
	vs := vars{"createdAt": "2026-01-02T03:04:05.000Z", "count": 2.0}
	tests := []struct {
		src  string
		got  any
		want bool
	}{
		{"it >= createdAt", "2026-01-02T03:04:05.001Z", true},
		{"it >= createdAt", "2026-01-01T00:00:00.000Z", false},
		{"it == count + 1", 3.0, true},
		{"it > 0", 1.0, true},
	}
	for _, tt := range tests {
		m := &spec.Value{Kind: spec.MatcherValue, Name: "expr", Arg: tt.src}
		if ms := vs.match(m, tt.got, "body"); (len(ms) == 0) != tt.want {
			t.Errorf("!expr %q of %v: mismatches %v, want it to hold: %v", tt.src, tt.got, ms, tt.want)
		}
	}
}
