package analysis

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// Check runs the flow analysis over a checked spec: unanswered-request,
// overlapping-syncs and cycle.
func Check(sp *spec.Spec) diag.List {
	m := newModel(sp)
	var diags diag.List
	m.unanswered(&diags)
	m.overlaps(&diags)
	m.cycles(&diags)
	return diags
}
