package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/legible/legible/engine/diag"
)

// unanswered reports, for each route, a flow no sync answers: on the happy
// path, or when one action returns its error. It also warns about a
// responder whose where can drop every frame while nothing else answers.
func (m *model) unanswered(diags *diag.List) {
	warned := map[*syncInfo]bool{}
	for _, r := range m.routes {
		happy := m.run(r, nil)
		m.warnDrop(diags, r, happy, warned)
		m.warnGuarded(diags, r, happy, "")
		if !happy.answered() {
			diags.Errorf(r.at, "unanswered-request",
				fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }`, and whose `then` has `- Requesting.respond: { request, … }`", r.path),
				"%s: no chain of syncs answers this request (it will time out after %s)", r, m.timeout)
			continue
		}
		for _, f := range m.failable(r, happy) {
			m.warnDrop(diags, r, f.sc, warned)
			m.warnGuarded(diags, r, f.sc, f.key)
			if !f.sc.answered() {
				diags.Errorf(r.at, "unanswered-request", errorHint(r, f.key),
					"%s: when %s returns an error, no sync answers the request (it will time out after %s)", r, f.key, m.timeout)
			}
		}
	}
}

// failure is the scenario of one action returning its error.
type failure struct {
	key string
	sc  *scenario
}

// failable returns the scenarios of each action with an error case that
// can occur in the route's flow, on the happy path or once another of
// them has failed.
func (m *model) failable(r *route, happy *scenario) []failure {
	seen := map[string]bool{}
	var out []failure
	for pending := []*scenario{happy}; len(pending) > 0; pending = pending[1:] {
		var next []string
		for n := range pending[0].occurs {
			if !seen[n.key] && n.key != requestKey && n.key != respondKey && m.hasError(n.key) {
				seen[n.key] = true
				next = append(next, n.key)
			}
		}
		sort.Strings(next)
		for _, k := range next {
			f := failure{key: k, sc: m.run(r, map[string]bool{k: true})}
			out = append(out, f)
			pending = append(pending, f.sc)
		}
	}
	return out
}

// warnDrop warns when the only sync that answers a scenario has a where
// step that can drop every frame.
func (m *model) warnDrop(diags *diag.List, r *route, sc *scenario, warned map[*syncInfo]bool) {
	rs := sc.responders()
	if len(rs) != 1 || !rs[0].canDrop || warned[rs[0]] {
		return
	}
	warned[rs[0]] = true
	diags.Warnf(rs[0].drop, "unanswered-request",
		"add `optional: true` to the query, add a sync that answers the other case, or gather the rows with `collect`",
		"%s: if this step leaves no frame, no sync answers the request (it will time out after %s)", r, m.timeout)
}

// warnGuarded warns when the flow of a scenario invokes an action whose
// outcome no responder waits for, and the syncs that answer (two or more:
// warnDrop covers one) all answer the request alone, each behind a where
// step that can drop every frame. That is the shape of a route whose
// refusals (401, 403, 404 behind filters) answer, while the sync that
// should answer the action's success is missing. failing names the action
// that returns its error in the scenario, "" on the happy path.
func (m *model) warnGuarded(diags *diag.List, r *route, sc *scenario, failing string) {
	rs := sc.responders()
	action, outcome := failing, "returns an error"
	if failing == "" {
		action, outcome = sc.firstInvoked(), "succeeds"
	}
	if len(rs) < 2 || action == "" {
		return
	}
	var names []string
	for _, s := range rs {
		if !s.requestOnly() || !s.canDrop {
			return
		}
		names = append(names, s.s.Name.Name)
	}
	diags.Warnf(r.at, "unanswered-request",
		fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }` and `- %s: {}`, "+
			"and whose `then` responds", r.path, action),
		"%s: when %s %s, only syncs that answer the request alone can answer (%s), each behind a step that can drop every frame; "+
			"if all of them drop it, no sync answers (it will time out after %s)", r, action, outcome, strings.Join(names, ", "), m.timeout)
}

// errorHint says how to answer an action's error in a route.
func errorHint(r *route, action string) string {
	return fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }` "+
		"and `- %s: {}` with `out: { error }`, and whose `then` responds, e.g. `- Requesting.respond: { request, status: 422, error }`",
		r.path, action)
}
