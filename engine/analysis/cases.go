package analysis

import (
	"fmt"

	"github.com/legible/legible/engine/spec"
)

// flowCase is one scenario of a route's flow, and what makes it: the
// happy path, one action returning its error, or one lookup of the
// request finding nothing.
type flowCase struct {
	sc      *scenario
	failing string    // the action that returns its error, or ""
	empty   *guard    // the join whose lookup finds nothing, or nil
	also    *guard    // with empty: a second join whose lookup finds nothing, or nil
	sync    *syncInfo // with empty: the first sync whose join needs the lookup's rows
}

// cases returns the scenarios of route r, the happy path first.
func (m *model) cases(r *spec.Route) []flowCase {
	happy := m.run(r, nil, nil)
	out := []flowCase{{sc: happy}}
	for _, f := range m.failable(r, happy) {
		out = append(out, flowCase{sc: f.sc, failing: f.key})
	}
	for _, e := range m.emptiable(r, happy) {
		g := e.join
		out = append(out, flowCase{sc: e.sc, empty: &g, sync: e.sync})
	}
	return out
}

// emptyPairs returns the cases in which two lookups of the request
// find nothing at once (no token, and no such event), from the cases of
// one lookup finding nothing.
func (m *model) emptyPairs(r *spec.Route, cases []flowCase) []flowCase {
	var out []flowCase
	for i, a := range cases {
		for _, b := range cases[i+1:] {
			if a.empty == nil || b.empty == nil {
				continue
			}
			sc := m.run(r, nil, map[lookup]bool{a.empty.lookup: true, b.empty.lookup: true})
			out = append(out, flowCase{sc: sc, empty: a.empty, also: b.empty, sync: a.sync})
		}
	}
	return out
}

// String says when the case happens, to end a clause: "when
// Eventing.rsvp returns an error".
func (c flowCase) String() string {
	switch {
	case c.failing != "":
		return fmt.Sprintf("when %s returns an error", c.failing)
	case c.also != nil:
		return fmt.Sprintf("when %s finds nothing for %s and %s finds nothing for %s",
			c.empty.lookup.query, c.empty.from, c.also.lookup.query, c.also.from)
	case c.empty != nil:
		return fmt.Sprintf("when %s finds nothing for %s", c.empty.lookup.query, c.empty.from)
	}
	return "on its happy path (every lookup finds a row, every action succeeds)"
}
