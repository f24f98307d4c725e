package analysis

import (
	"github.com/legible/legible/engine/spec"
)

// scenario is what can happen in one route's flow when the actions in
// failing return their error and every other action succeeds, and the
// lookups of the request in empty find nothing while the others find rows.
type scenario struct {
	loose   bool // every action may fail or succeed, and every lookup find rows or not
	failing map[string]bool
	empty   map[lookup]bool
	occurs  map[node]bool
	fired   []*syncInfo // in the order they became able to fire
	firedBy map[*syncInfo]bool
}

// answered reports whether a sync that responds can fire.
func (sc *scenario) answered() bool {
	return len(sc.responders()) > 0
}

// responders are the syncs that can fire and respond.
func (sc *scenario) responders() []*syncInfo {
	var out []*syncInfo
	for _, s := range sc.fired {
		if s.responds {
			out = append(out, s)
		}
	}
	return out
}

// firstInvoked returns the first action, other than a response, that a
// sync which can fire invokes, or "".
func (sc *scenario) firstInvoked() string {
	for _, s := range sc.fired {
		for _, k := range s.then {
			if k != respondKey {
				return k
			}
		}
	}
	return ""
}

// requestOnly reports whether the sync waits for the request alone.
func (s *syncInfo) requestOnly() bool {
	for _, c := range s.when {
		if c.key != requestKey {
			return false
		}
	}
	return true
}

// run computes the may-happen closure of a route: starting from the
// request, a sync can fire when every action its `when` names can occur
// with the outcome it wants; its then actions then occur, each with its
// error outcome when it is in failing and has one, else with success.
// Each sync is tried again only when an action it names newly occurs, so
// the cost is linear in the syncs that name the actions of the flow.
func (m *model) run(r *spec.Route, failing map[string]bool, empty map[lookup]bool) *scenario {
	return m.closure(r, &scenario{failing: failing, empty: empty})
}

// runLoose computes what may happen in a route's flow at all: the
// union of its scenarios, and more.
func (m *model) runLoose(r *spec.Route) *scenario {
	return m.closure(r, &scenario{loose: true})
}

// closure fills in what can happen in scenario sc of route r.
func (m *model) closure(r *spec.Route, sc *scenario) *scenario {
	sc.occurs, sc.firedBy = map[node]bool{}, map[*syncInfo]bool{}
	queue := []node{{key: requestKey}}
	sc.occurs[queue[0]] = true
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, group := range m.watching(n.key, r) {
			for _, s := range group {
				if sc.firedBy[s] || !sc.canFire(s, r) {
					continue
				}
				sc.firedBy[s] = true
				sc.fired = append(sc.fired, s)
				for _, k := range s.then {
					for _, out := range sc.outcomes(m, k) {
						if !sc.occurs[out] {
							sc.occurs[out] = true
							queue = append(queue, out)
						}
					}
				}
			}
		}
	}
	return sc
}

// canFire reports whether every when condition of s can match, no join
// of it is on a lookup that finds nothing, and no filter of it is false.
func (sc *scenario) canFire(s *syncInfo, r *spec.Route) bool {
	for _, c := range s.when {
		if !c.fits(r) || !sc.occurs[c.node] {
			return false
		}
	}
	for _, w := range s.where {
		if w.join != nil && sc.empty[w.join.lookup] || w.filter != nil && sc.truth(w.filter, s, r).lit == false {
			return false
		}
	}
	return true
}

// outcomes are the outcomes action k can have in the scenario: both, in
// a loose one, when it has an error case.
func (sc *scenario) outcomes(m *model, k string) []node {
	if sc.loose && m.hasError(k) {
		return []node{{key: k}, {key: k, err: true}}
	}
	return []node{sc.outcome(m, k)}
}

// outcome is the outcome action k has in the scenario.
func (sc *scenario) outcome(m *model, k string) node {
	return node{key: k, err: sc.failing[k] && m.hasError(k)}
}
