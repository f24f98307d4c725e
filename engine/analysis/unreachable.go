package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// unreachable reports each `when` pattern of a sync bound to a request
// path that no flow of the routes it fits can match: it names an action
// that nothing those flows run invokes (a responder copied from another
// route, still waiting for that route's action). Every action is taken
// to fail or succeed, and every lookup to find rows or not, so what is
// reported can happen in no case. It returns the syncs it reported.
func (m *model) unreachable(diags *diag.List) map[*syncInfo]bool {
	routes := map[*syncInfo][]string{}      // the routes each sync fits
	matched := map[*syncInfo][]bool{}       // its when patterns that can match in one of them
	runs := map[*syncInfo]map[string]bool{} // the actions those routes' flows can run
	var order []*syncInfo
	for _, r := range m.routes {
		loose := m.runLoose(r)
		for _, s := range m.boundTo(r) {
			if !s.when[s.requestIndex()].fits(r) {
				continue
			}
			if routes[s] == nil {
				order = append(order, s)
				matched[s], runs[s] = make([]bool, len(s.when)), map[string]bool{}
			}
			routes[s] = append(routes[s], r.String())
			for n := range loose.occurs {
				runs[s][n.key] = n.key != requestKey && n.key != respondKey
			}
			for i, c := range s.when {
				matched[s][i] = matched[s][i] || loose.occurs[node{key: c.key}] || loose.occurs[node{key: c.key, err: true}]
			}
		}
	}
	dead := map[*syncInfo]bool{}
	for _, s := range order {
		for i, c := range s.when {
			if matched[s][i] {
				continue
			}
			dead[s] = true
			diags.Errorf(c.pattern.Span, rules.NeverFires.ID, neverHint(runs[s]),
				"%s never fires: it waits for %s on %s, where nothing invokes %s",
				s.s.Name.Name, c.key, diag.And(routes[s]), c.key)
		}
	}
	return dead
}

// neverHint lists the actions a sync's routes run, to wait for instead.
func neverHint(runs map[string]bool) string {
	var keys []string
	for k, ok := range runs {
		if ok {
			keys = append(keys, "`"+k+"`")
		}
	}
	if len(keys) == 0 {
		return "its route's flow runs no action but the request: remove this pattern, or invoke the action in a sync of the route"
	}
	slices.Sort(keys)
	return fmt.Sprintf("wait for an action its route's flow runs (%s), or remove this pattern", strings.Join(keys, ", "))
}

// boundTo returns the syncs whose request pattern has route r's path.
func (m *model) boundTo(r *spec.Route) []*syncInfo {
	if w := m.byWhen[requestKey]; w != nil {
		return w.byPath[r.Path]
	}
	return nil
}

// requestIndex returns the place of the sync's request pattern with a
// path literal in its `when`.
func (s *syncInfo) requestIndex() int {
	for i, c := range s.when {
		if c.key == requestKey && c.path != "" {
			return i
		}
	}
	return -1
}
