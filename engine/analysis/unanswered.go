package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// unanswered reports, for each route, a flow no sync answers: on the happy
// path, or when one action returns its error. It also warns about a
// responder whose where can drop every frame while nothing else answers.
func (m *model) unanswered(diags *diag.List) {
	warned := map[*syncInfo]bool{}
	for _, r := range m.routes {
		happy := m.run(r, nil, nil)
		m.warnPartial(diags, r, happy, "", nil, warned)
		if !happy.answered() {
			diags.Errorf(r.At, rules.Unanswered.ID,
				fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }`, and whose `then` has `- Requesting.respond: { request, … }`", r.Path),
				"%s: no chain of syncs answers this request (its client gets a 504 and nothing the flow wrote is kept)", r)
			continue
		}
		for _, f := range m.failable(r, happy) {
			m.warnPartial(diags, r, f.sc, f.key, nil, warned)
			if !f.sc.answered() {
				diags.Errorf(r.At, rules.Unanswered.ID, errorHint(r, f.key),
					"%s: when %s returns an error, no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)", r, f.key)
			}
		}
		for _, e := range m.emptiable(r, happy) {
			g := e.join
			m.warnPartial(diags, r, e.sc, "", &g, warned)
			if !e.sc.answered() {
				diags.Errorf(g.query.Pattern.Span, rules.Unanswered.ID, m.emptyHint(r, e.sync, g),
					"%s: the client chooses %s, so %s can find nothing, and then no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)",
					r, g.from, g.lookup.query)
			}
		}
	}
}

// empty is the scenario of one lookup of the request finding nothing,
// with the first join that needs its rows, in sync.
type empty struct {
	sc   *scenario
	join guard
	sync *syncInfo
}

// emptiable returns the scenario of each lookup of the request that a
// sync firing on the happy path joins without `optional`.
func (m *model) emptiable(r *spec.Route, happy *scenario) []empty {
	seen := map[lookup]bool{}
	var out []empty
	for _, s := range happy.fired {
		for _, g := range s.guards() {
			if seen[g.lookup] {
				continue
			}
			seen[g.lookup] = true
			out = append(out, empty{sc: m.run(r, nil, map[lookup]bool{g.lookup: true}), join: g, sync: s})
		}
	}
	return out
}

// emptyHint says how to answer a lookup that finds nothing: the same query,
// optional, and a filter that its output is nil, in a sync that responds.
func (m *model) emptyHint(r *spec.Route, s *syncInfo, g guard) string {
	out := "its output"
	for _, a := range g.query.Pattern.Out {
		if a.Term.Kind == spec.Var {
			out = "`" + a.Term.Name + "`"
			break
		}
	}
	return fmt.Sprintf("answer that case too: add a sync whose `when` is the request with `out: { request }`, "+
		"whose `where` runs %s the same way with `optional: true`, then `- filter: %s == nil`, "+
		"and whose `then` responds (`- Requesting.respond: { request, status: 404, body }`, or 401 for a token)",
		g.lookup.query, strings.Trim(out, "`"))
}

// failure is the scenario of one action returning its error.
type failure struct {
	key string
	sc  *scenario
}

// failable returns the scenarios of each action with an error case that
// can occur in the route's flow, on the happy path or once another of
// them has failed.
func (m *model) failable(r *spec.Route, happy *scenario) []failure {
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
			f := failure{key: k, sc: m.run(r, map[string]bool{k: true}, nil)}
			out = append(out, f)
			pending = append(pending, f.sc)
		}
	}
	return out
}

// warnPartial warns when a scenario is answered only if some where step
// keeps a frame: by syncs that answer the request alone (warnGuarded), or
// by one sync (warnDrop). empty is the join whose lookup finds nothing in
// the scenario, if that is what the scenario is.
func (m *model) warnPartial(diags *diag.List, r *spec.Route, sc *scenario, failing string, empty *guard, warned map[*syncInfo]bool) {
	if !m.warnGuarded(diags, r, sc, failing) {
		m.warnDrop(diags, r, sc, empty, warned)
	}
}

// warnDrop warns when the only sync that answers a scenario has a where
// step that can drop every frame.
func (m *model) warnDrop(diags *diag.List, r *spec.Route, sc *scenario, empty *guard, warned map[*syncInfo]bool) {
	rs := sc.responders()
	if len(rs) != 1 || warned[rs[0]] {
		return
	}
	drop, ok := rs[0].dropIn(sc, r)
	if !ok {
		return
	}
	warned[rs[0]] = true
	hint, when := "add `optional: true` to the query, add a sync that answers the other case, or gather the rows with `collect`", ""
	if empty != nil {
		at := empty.query.Pattern.Span.Pos
		when = fmt.Sprintf("when %s finds nothing for %s (at %s), ", empty.lookup.query, empty.from, at)
		hint = fmt.Sprintf("if %s always finds a row, add `optional: true` to it at %s; else add a sync that answers when it finds nothing", empty.lookup.query, at)
	}
	diags.Warnf(drop, rules.Unanswered.ID, hint,
		"%s: %sif this step leaves no frame, no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)", r, when)
}

// warnGuarded warns when the flow of a scenario invokes an action whose
// outcome no responder waits for, and the syncs that answer all answer
// the request alone, each behind a where step that can drop every frame. That is the shape of a route whose
// refusals (401, 403, 404 behind filters) answer, while the sync that
// should answer the action's success is missing. failing names the action
// that returns its error in the scenario, "" on the happy path.
// It reports whether it warned.
func (m *model) warnGuarded(diags *diag.List, r *spec.Route, sc *scenario, failing string) bool {
	rs := sc.responders()
	action, outcome := failing, "returns an error"
	if failing == "" {
		action, outcome = sc.firstInvoked(), "succeeds"
	}
	if len(rs) == 0 || action == "" {
		return false
	}
	var names []string
	for _, s := range rs {
		if _, drops := s.dropIn(sc, r); !s.requestOnly() || !drops {
			return false
		}
		names = append(names, s.s.Name.Name)
	}
	diags.Warnf(r.At, rules.Unanswered.ID,
		fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }` and `- %s: {}`, "+
			"and whose `then` responds", r.Path, action),
		"%s: when %s %s, only syncs that answer the request alone can answer (%s), each behind a step that can drop every frame; "+
			"if all of them drop it, no sync answers (its client gets a 504 and nothing the flow wrote is kept)", r, action, outcome, strings.Join(names, ", "))
	return true
}

// errorHint says how to answer an action's error in a route.
func errorHint(r *spec.Route, action string) string {
	return fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }` "+
		"and `- %s: {}` with `out: { error }`, and whose `then` responds, e.g. `- Requesting.respond: { request, status: 422, error }`",
		r.Path, action)
}
