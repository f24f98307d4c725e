package analysis

import (
	"fmt"
	"slices"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// twice reports two syncs that answer one request in the same case of
// its flow, when the analysis shows that one of them surely answers
// there and the other can: a request gets one reply, so which reply the
// client saw would depend on which sync runs first. The report is at the
// sync that should not fire (broader), once per route, naming each case
// and the other sync; a pair is reported once.
func (m *model) twice(diags *diag.List, r *spec.Route, cases []flowCase, reported map[[2]*syncInfo]bool) {
	count := map[*syncInfo]int{} // the cases of r in which each responder can fire
	for _, c := range cases {
		for _, s := range c.sc.responders() {
			count[s]++
		}
	}
	hits := map[*syncInfo][]twin{}
	var order []*syncInfo
	for _, c := range cases {
		rs := c.sc.responders()
		if len(rs) < 2 {
			continue
		}
		sure := c.sc.sure(m, r)
		for i, a := range rs {
			for _, b := range rs[i+1:] {
				pair := ordered(a, b)
				if reported[pair] || !sure[a] && !sure[b] || exclusive(a, b) {
					continue
				}
				reported[pair] = true
				broad, other := broader(c, pair, sure, count)
				if hits[broad] == nil {
					order = append(order, broad)
				}
				hits[broad] = append(hits[broad], twin{c: c, other: other, sure: sure[broad], otherSure: sure[other]})
			}
		}
	}
	for _, s := range order {
		reportTwice(diags, r, s, hits[s])
	}
}

// twin is a case of a route in which a sync answers, and another too.
type twin struct {
	c               flowCase
	other           *syncInfo
	sure, otherSure bool // whether each surely answers, or only can
}

// sure returns the syncs of a scenario that fire whatever the data: each
// action their `when` names surely occurs, they need no literal, and no
// step of their `where` can drop every frame.
func (sc *scenario) sure(m *model, r *spec.Route) map[*syncInfo]bool {
	occurs := map[node]bool{{key: requestKey}: true}
	sure := map[*syncInfo]bool{}
	for grown := true; grown; {
		grown = false
		for _, s := range sc.fired {
			if sure[s] || !s.certain(sc, r, occurs) {
				continue
			}
			sure[s], grown = true, true
			for _, k := range s.then {
				occurs[sc.outcome(m, k)] = true
			}
		}
	}
	return sure
}

// certain reports whether s fires in the scenario whatever the data,
// given the outcomes that surely occur.
func (s *syncInfo) certain(sc *scenario, r *spec.Route, occurs map[node]bool) bool {
	for _, c := range s.when {
		if c.literal || !occurs[c.node] {
			return false
		}
	}
	_, drops := s.dropIn(sc, r)
	return !drops
}

// exclusive reports whether two syncs cannot fire for the same request:
// they give one input or output of one action two different literals.
func exclusive(a, b *syncInfo) bool {
	for _, c := range a.when {
		for _, d := range b.when {
			if c.node == d.node && (!compatible(c.pattern, d.pattern) || !sameOut(c.pattern, d.pattern)) {
				return true
			}
		}
	}
	return false
}

// sameOut reports whether no output has two different literals in p and w.
func sameOut(p, w *spec.Pattern) bool {
	for _, a := range p.Out {
		for _, b := range w.Out {
			if a.Param.Name == b.Param.Name && a.Term.Kind != spec.Var && b.Term.Kind != spec.Var && a.Term.Value != b.Term.Value {
				return false
			}
		}
	}
	return true
}

// broader returns, of a pair answering case c, first the one that should
// not fire there, then the other. When two lookups find nothing, the one
// the route checks first decides (a 401 before a 404), so the sync that
// does not run it should not fire; else the one that answers in more
// cases of the route, else the one that surely answers, else the later.
func broader(c flowCase, pair [2]*syncInfo, sure map[*syncInfo]bool, count map[*syncInfo]int) (*syncInfo, *syncInfo) {
	a, b := pair[0], pair[1]
	switch {
	case c.also != nil && a.runs(c.empty.lookup) != b.runs(c.empty.lookup):
		if b.runs(c.empty.lookup) {
			return a, b
		}
	case count[a] != count[b]:
		if count[a] > count[b] {
			return a, b
		}
	case sure[a] != sure[b]:
		if sure[a] {
			return a, b
		}
	}
	return b, a
}

// reportTwice reports broad answering the cases of route r in which
// other syncs answer too: the strongest first (both surely answer), then
// the others.
func reportTwice(diags *diag.List, r *spec.Route, broad *syncInfo, twins []twin) {
	slices.SortStableFunc(twins, func(a, b twin) int { return strength(b) - strength(a) })
	t := twins[0]
	msg := fmt.Sprintf("%s answers %s %s%s, and %s answers there too%s: a request gets one reply, so the client would get whichever runs first",
		broad.s.Name.Name, r, t.c, unless(broad, t.c.sc, r, t.sure), t.other.s.Name.Name, unless(t.other, t.c.sc, r, t.otherSure))
	var also []string
	for _, u := range twins[1:] {
		also = append(also, fmt.Sprintf("%s (%s)", u.other.s.Name.Name, u.c))
	}
	if len(also) > 0 {
		msg += "; likewise with " + diag.And(also)
	}
	diags.Errorf(broad.s.Name.Span, rules.Twice.ID, twiceHint(t.c, broad, t.other), "%s", msg)
}

// strength ranks a twin: both syncs surely answer, then one.
func strength(t twin) int {
	if t.sure && t.otherSure {
		return 1
	}
	return 0
}

// unless says when s, which can answer in a scenario, does: "" when it
// surely does, else " if its filter at line 30 holds".
func unless(s *syncInfo, sc *scenario, r *spec.Route, sure bool) string {
	if sure {
		return ""
	}
	switch at, ok := s.dropIn(sc, r); {
	case !ok:
		return " if what it waits for matches"
	case slices.ContainsFunc(s.where, func(w whereStep) bool { return w.isFilt && w.span == at }):
		return fmt.Sprintf(" if its filter at line %d holds", at.Pos.Line)
	default:
		return fmt.Sprintf(" if its query at line %d finds a row", at.Pos.Line)
	}
}

// twiceHint says how to keep broad from answering the case that other
// answers.
func twiceHint(c flowCase, broad, other *syncInfo) string {
	if c.also != nil && !broad.runs(c.empty.lookup) {
		return fmt.Sprintf("%s checks %s first (at %s): run it in the `where` of %s too, without `optional`, so that %s answers only once it finds a row",
			c.sync.s.Name.Name, c.empty.lookup.query, c.empty.query.Pattern.Span.Pos, broad.s.Name.Name, broad.s.Name.Name)
	}
	for _, w := range broad.where {
		switch {
		case w.opt == nil || len(w.opt.outs) == 0:
		case c.empty != nil && c.empty.lookup == w.opt.lookup:
			return fmt.Sprintf("%s answers when %s finds nothing; for %s to answer only when it finds a row, remove `optional: true` from it at line %d (or add `- filter: %s != nil` after it)",
				other.s.Name.Name, w.opt.lookup.query, broad.s.Name.Name, w.span.Pos.Line, w.opt.outs[0])
		case c.empty == nil && slices.ContainsFunc(other.guards(), func(g guard) bool { return g.lookup == w.opt.lookup }):
			return fmt.Sprintf("%s runs %s with `optional: true` at line %d but does not test what it found: to answer only when it finds nothing, add `- filter: %s == nil` after it",
				broad.s.Name.Name, w.opt.lookup.query, w.span.Pos.Line, w.opt.outs[0])
		}
	}
	if f := other.firstFilter(); f != nil {
		return fmt.Sprintf("tell them apart: give %s the opposite of the filter of %s at line %d, `- filter: %s`",
			broad.s.Name.Name, other.s.Name.Name, f.span.Pos.Line, negate(f.filter))
	}
	return "make their `when` or `where` differ, so that one of them answers this case: a filter in one, and its opposite in the other"
}

// runs reports whether s joins lookup l, optional or not.
func (s *syncInfo) runs(l lookup) bool {
	return slices.ContainsFunc(s.where, func(w whereStep) bool {
		return w.join != nil && w.join.lookup == l || w.opt != nil && w.opt.lookup == l
	})
}

// firstFilter returns the first filter step of s that parsed, or nil.
func (s *syncInfo) firstFilter() *whereStep {
	for i, w := range s.where {
		if w.isFilt && w.filter != nil {
			return &s.where[i]
		}
	}
	return nil
}
