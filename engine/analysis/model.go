// Package analysis reasons about the flows an app can run, from its syncs
// alone: which requests no sync answers, in which outcome of which action;
// which syncs overlap on one request; which can re-trigger themselves.
package analysis

import (
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// node is an outcome of an action: "Concept.action", success or error.
type node struct {
	key string
	err bool
}

// cond is one when pattern, reduced to what can make it match.
type cond struct {
	node
	path, method string // literal request path and method, "" when none
	pattern      *spec.Pattern
	literal      bool // it also needs an input or output to be a literal: it may not match
}

// syncInfo is a sync reduced to what analysis needs.
type syncInfo struct {
	s        *spec.Sync
	order    int
	when     []cond
	then     []string // action keys, in order
	thenPats []*spec.Pattern
	responds bool
	filters  bool                // it has a filter, which may complement another sync's
	where    []whereStep         // its top-level where steps, as scenarios see them
	vars     map[string]variable // what scenarios know of its variables
}

// model is an app as analysis sees it.
type model struct {
	actions map[string]*spec.Action // the actions then patterns invoke, as check resolved them, by key
	syncs   []*syncInfo
	byWhen  map[string]*watchers // action key -> syncs naming it in when
	routes  []*spec.Route        // the request routes, as check derived them
	// forgot are the joins found lacking `optional: true` (forgotOptional),
	// by query and in the order found, to report once each.
	forgot      map[*spec.Query]*forgotten
	forgotOrder []*forgotten
}

const (
	requestKey = "Requesting.request"
	respondKey = "Requesting.respond"
)

// newModel reduces a checked spec.
func newModel(sp *spec.Spec) *model {
	m := &model{actions: map[string]*spec.Action{}, byWhen: map[string]*watchers{}, forgot: map[*spec.Query]*forgotten{}}
	for _, r := range sp.Routes {
		if r.Passthrough == nil {
			m.routes = append(m.routes, r)
		}
	}
	for i, s := range sp.Syncs {
		for _, p := range s.Then {
			m.actions[p.Key()] = p.Target
		}
		si := reduce(s, i)
		m.syncs = append(m.syncs, si)
		seen := map[string]bool{}
		for _, c := range si.when {
			if !seen[c.key] {
				seen[c.key] = true
				m.watch(c.key, si)
			}
		}
	}
	return m
}

// watchers are the syncs that name one action in their when, split by
// the request path they require, so that a route's flow looks only at the
// syncs that can fire in it: linear in the app, not routes × syncs.
type watchers struct {
	any    []*syncInfo
	byPath map[string][]*syncInfo
}

// watch records that s names action key in its when.
func (m *model) watch(key string, s *syncInfo) {
	w := m.byWhen[key]
	if w == nil {
		w = &watchers{byPath: map[string][]*syncInfo{}}
		m.byWhen[key] = w
	}
	if p := s.path(); p != "" {
		w.byPath[p] = append(w.byPath[p], s)
	} else {
		w.any = append(w.any, s)
	}
}

// watching returns the syncs naming action key that can fire in route r.
func (m *model) watching(key string, r *spec.Route) [][]*syncInfo {
	w := m.byWhen[key]
	if w == nil {
		return nil
	}
	return [][]*syncInfo{w.any, w.byPath[r.Path]}
}

// path is the request path the sync requires, or "".
func (s *syncInfo) path() string {
	for _, c := range s.when {
		if c.key == requestKey && c.path != "" {
			return c.path
		}
	}
	return ""
}

// reduce extracts what analysis needs from one sync.
func reduce(s *spec.Sync, order int) *syncInfo {
	si := &syncInfo{s: s, order: order}
	for _, p := range s.When {
		c := cond{node: node{key: p.Key()}, pattern: p, path: p.RequestPath(), method: strings.ToUpper(p.RequestMethod())}
		for _, a := range p.Out {
			c.err = c.err || a.Param.Name == "error"
		}
		c.literal = hasLiteral(p)
		si.when = append(si.when, c)
	}
	for _, p := range s.Then {
		si.then = append(si.then, p.Key())
		si.thenPats = append(si.thenPats, p)
		si.responds = si.responds || p.Key() == respondKey
	}
	si.where, si.vars = whereSteps(s)
	for _, w := range si.where {
		si.filters = si.filters || w.isFilt
	}
	return si
}

// hasLiteral reports whether a when pattern matches only some values of
// an input or output: one it gives a literal, other than a request's
// path and method, which its route has.
func hasLiteral(p *spec.Pattern) bool {
	for _, a := range append(p.In[:len(p.In):len(p.In)], p.Out...) {
		if a.Term.Kind != spec.Var && !(p.IsRequest() && (a.Param.Name == "path" || a.Param.Name == "method")) {
			return true
		}
	}
	return false
}

// guards returns the joins of the sync on lookups of the request.
func (s *syncInfo) guards() []guard {
	var out []guard
	for _, w := range s.where {
		if w.join != nil {
			out = append(out, *w.join)
		}
	}
	return out
}

// dropIn returns the first where step of s that can drop every frame in a
// scenario where s fires in route r: a join without `optional` that is
// not on a lookup (which found rows there), or a filter the scenario does
// not make true.
func (s *syncInfo) dropIn(sc *scenario, r *spec.Route) (diag.Span, bool) {
	for _, w := range s.where {
		if w.drops || w.isFilt && (w.filter == nil || sc.truth(w.filter, s, r).lit != true) {
			return w.span, true
		}
	}
	return diag.Span{}, false
}

// filterDrop returns the first filter of s that the scenario does not
// make true, in route r: it can drop every frame.
func (s *syncInfo) filterDrop(sc *scenario, r *spec.Route) (whereStep, bool) {
	for _, w := range s.where {
		if w.isFilt && w.filter != nil && sc.truth(w.filter, s, r).lit != true {
			return w, true
		}
	}
	return whereStep{}, false
}

// hasError reports whether an action has an error case.
func (m *model) hasError(key string) bool {
	a := m.actions[key]
	if a == nil {
		return false
	}
	for _, o := range a.Outs {
		if o.IsError() {
			return true
		}
	}
	return false
}

// compatible reports whether an invocation written as then pattern p can
// match when pattern w: no input has two different literals.
func compatible(p, w *spec.Pattern) bool {
	for _, a := range p.In {
		if a.Term.Kind == spec.Var {
			continue
		}
		for _, b := range w.In {
			if b.Param.Name == a.Param.Name && b.Term.Kind != spec.Var && b.Term.Value != a.Term.Value {
				return false
			}
		}
	}
	return true
}
