package catalog

import (
	"testing"

	"github.com/legible/legible/engine/load"
)

// TestBuiltinConformance checks each implementation in the binary whose
// spec ships in the binary too, like Requesting, against that spec.
func TestBuiltinConformance(t *testing.T) {
	sp, diags := load.Load(nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	r := Registry()
	var names []string
	for _, k := range sp.Concepts {
		if _, ok := r.Lookup(k.Name.Name); ok {
			names = append(names, k.Name.Name)
		}
	}
	if len(names) == 0 {
		t.Fatal("no built-in concept has an implementation")
	}
	for _, d := range r.Conformance(sp, names) {
		t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
	}
}
