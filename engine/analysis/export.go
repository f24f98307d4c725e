package analysis

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// CaseKind tells the cases of a route's flow apart.
type CaseKind int

// The kinds of case: the happy path, an action returning its error, a
// lookup of the request finding nothing.
const (
	Happy CaseKind = iota
	Failing
	Empty
)

// Case is one case of a route's flow that the analysis enumerates, as
// coverage counts them.
type Case struct {
	Route *spec.Route
	Kind  CaseKind
	// Key is the action that returns its error (Failing), or the query
	// that finds nothing (Empty).
	Key string
	// At is where the case is written: the route's first request
	// pattern, the first sync that invokes the failing action, or the
	// lookup's first join.
	At diag.Span
	// Label says when the case happens: "when Eventing.rsvp returns an
	// error".
	Label string
	// Lookups are the where queries, in the route's syncs, that are the
	// case's lookup (Empty): finding no row at one of them is the case.
	Lookups []*spec.Query
}

// Cases returns the cases of each route's flow, the happy path of each
// route first: those the checks reason about, for coverage.
func Cases(sp *spec.Spec) []Case {
	m := newModel(sp)
	var out []Case
	for _, r := range m.routes {
		for _, c := range m.cases(r) {
			out = append(out, m.export(r, c))
		}
	}
	return out
}

// Handlers returns, for each request route, the syncs that can fire in
// its flow in some case (any action succeeding or failing, any lookup
// finding rows or not), in the order they become able to: those that
// wait for its request, then those that wait for what those invoke.
func Handlers(sp *spec.Spec) map[*spec.Route][]*spec.Sync {
	m := newModel(sp)
	out := map[*spec.Route][]*spec.Sync{}
	for _, r := range m.routes {
		syncs := []*spec.Sync{}
		for _, s := range m.runLoose(r).fired {
			syncs = append(syncs, s.s)
		}
		out[r] = syncs
	}
	return out
}

// export describes one case of route r.
func (m *model) export(r *spec.Route, c flowCase) Case {
	x := Case{Route: r, At: r.At, Label: c.String()}
	switch {
	case c.failing != "":
		x.Kind, x.Key = Failing, c.failing
		x.At = m.invoker(r, c.failing)
	case c.empty != nil:
		x.Kind, x.Key, x.At = Empty, c.empty.lookup.query, c.empty.query.Pattern.Span
		x.Lookups = m.lookupSteps(r, c.empty.lookup)
	}
	return x
}

// invoker returns where the first sync of route r that invokes action
// key does, or the route's request pattern.
func (m *model) invoker(r *spec.Route, key string) diag.Span {
	for _, s := range m.runLoose(r).fired {
		for i, k := range s.then {
			if k == key {
				return s.thenPats[i].Span
			}
		}
	}
	return r.At
}

// lookupSteps returns the where queries of the route's syncs that join
// lookup l, with `optional` or not.
func (m *model) lookupSteps(r *spec.Route, l lookup) []*spec.Query {
	var out []*spec.Query
	for _, group := range m.watching(requestKey, r) {
		for _, s := range group {
			for _, w := range s.where {
				for _, g := range []*guard{w.join, w.opt} {
					if g != nil && g.lookup == l {
						out = append(out, g.query)
					}
				}
			}
		}
	}
	return out
}
