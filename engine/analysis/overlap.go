package analysis

import (
	"slices"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// overlaps warns about two syncs that fire for the same request on its
// happy path, whose when patterns subsume one another and whose then
// actions are the same: one request would, say, create two posts, or be
// answered twice. Syncs with a filter are left out: their filters may
// make them complementary, and so are syncs that give an input two
// different literals (exclusive). A pair in reported (answered twice, or warned
// of for another route) is not warned of again.
func (m *model) overlaps(diags *diag.List, r *spec.Route, happy *scenario, reported map[[2]*syncInfo]bool) {
	fired := happy.fired
	for i, a := range fired {
		for _, b := range fired[i+1:] {
			pair := ordered(a, b)
			if reported[pair] || a.filters || b.filters || exclusive(a, b) || !subsumes(a, b, r) && !subsumes(b, a, r) {
				continue
			}
			if k, ok := shared(a, b); ok {
				reported[pair] = true
				first, second := pair[0], pair[1]
				diags.Warnf(second.s.Name.Span, rules.Overlapping.ID,
					"merge them, or make their `when` patterns differ (a different outcome, or a literal input that tells them apart)",
					"%s and %s both fire for %s and both invoke %s", second.s.Name.Name, first.s.Name.Name, r, k)
			}
		}
	}
}

// ordered returns the pair in declaration order.
func ordered(a, b *syncInfo) [2]*syncInfo {
	if a.order < b.order {
		return [2]*syncInfo{a, b}
	}
	return [2]*syncInfo{b, a}
}

// subsumes reports whether every when condition of a, for route r, is
// also one of b's: whenever b fires, a can too.
func subsumes(a, b *syncInfo, r *spec.Route) bool {
	for _, c := range a.when {
		if !slices.ContainsFunc(b.when, func(d cond) bool { return d.node == c.node && d.fits(r) && c.fits(r) }) {
			return false
		}
	}
	return true
}

// shared returns an action both syncs invoke.
func shared(a, b *syncInfo) (string, bool) {
	for _, k := range a.then {
		if slices.Contains(b.then, k) {
			return k, true
		}
	}
	return "", false
}
