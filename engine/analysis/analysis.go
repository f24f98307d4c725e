package analysis

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// Check runs the flow analysis over a checked spec: never-fires,
// unanswered-request, answered-twice, overlapping-syncs and cycle.
func Check(sp *spec.Spec) diag.List {
	m := newModel(sp)
	var diags diag.List
	dead := m.unreachable(&diags)
	warned := map[*syncInfo]bool{}
	twice := map[[2]*syncInfo]bool{}
	happy := make([]*scenario, len(m.routes))
	for i, r := range m.routes {
		cases := m.cases(r)
		m.unanswered(&diags, r, cases, dead, warned)
		m.twice(&diags, r, append(cases, m.emptyPairs(r, cases)...), twice)
		happy[i] = cases[0].sc
	}
	m.reportForgotten(&diags)
	for i, r := range m.routes {
		m.overlaps(&diags, r, happy[i], twice)
	}
	m.cycles(&diags)
	return diags
}
