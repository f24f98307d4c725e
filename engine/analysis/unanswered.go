package analysis

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// unanswered reports the cases of route r that no sync answers: its
// happy path, an action returning its error, a lookup of the request
// finding nothing. It also warns about a case answered only if a where
// step keeps a frame. A route whose happy path only a sync in dead (one
// reported as never firing) would answer is not reported again.
func (m *model) unanswered(diags *diag.List, r *spec.Route, cases []flowCase, dead, warned map[*syncInfo]bool) {
	for i, c := range cases {
		m.warnPartial(diags, r, c, warned)
		switch {
		case c.sc.answered():
		case i == 0:
			if !m.deadResponder(r, dead) {
				diags.Errorf(r.At, rules.Unanswered.ID,
					fmt.Sprintf("add a sync whose `when` has `- Requesting.request: { path: %q }` with `out: { request }`, and whose `then` has `- Requesting.respond: { request, … }`", r.Path),
					"%s: no chain of syncs answers this request (its client gets a 504 and nothing the flow wrote is kept)", r)
			}
			return
		case c.failing != "":
			diags.Errorf(r.At, rules.Unanswered.ID, errorHint(r, c.failing),
				"%s: when %s returns an error, no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)", r, c.failing)
		case !m.forgotOptional(r, c):
			g := c.empty
			diags.Errorf(g.query.Pattern.Span, rules.Unanswered.ID, m.emptyHint(r, c.sync, *g),
				"%s: the client chooses %s, so %s can find nothing, and then no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)",
				r, g.from, g.lookup.query)
		}
	}
}

// deadResponder reports whether a sync of route r that responds is in dead.
func (m *model) deadResponder(r *spec.Route, dead map[*syncInfo]bool) bool {
	for _, group := range m.watching(requestKey, r) {
		for _, s := range group {
			if s.responds && dead[s] {
				return true
			}
		}
	}
	return false
}

// empty is the scenario of one lookup of the request finding nothing,
// with the first join that needs its rows, in sync.
type empty struct {
	sc   *scenario
	join guard
	sync *syncInfo
}

// emptiable returns the scenario of each lookup of the request that a
// sync firing on the happy path joins, with `optional` or not.
func (m *model) emptiable(r *spec.Route, happy *scenario) []empty {
	seen := map[lookup]bool{}
	var out []empty
	for _, s := range happy.fired {
		for _, w := range s.where {
			g := w.join
			if g == nil {
				g = w.opt
			}
			if g == nil || seen[g.lookup] {
				continue
			}
			seen[g.lookup] = true
			out = append(out, empty{sc: m.run(r, nil, map[lookup]bool{g.lookup: true}), join: *g, sync: s})
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

// warnPartial warns when a case is answered only if some where step
// keeps a frame: by syncs that answer the request alone (warnGuarded), or
// by one sync (dropped).
func (m *model) warnPartial(diags *diag.List, r *spec.Route, c flowCase, warned map[*syncInfo]bool) {
	if !m.warnGuarded(diags, r, c.sc, c.failing) {
		m.dropped(diags, r, c, warned)
	}
}

// dropped reports when the only sync that answers a case has a where
// step that can drop every frame: an error at a filter, which is there to
// drop some (a forgotten 403, say); else, or when a lookup of the request
// finding nothing makes the case (the join that needs its rows may be
// what to change), a warning.
func (m *model) dropped(diags *diag.List, r *spec.Route, c flowCase, warned map[*syncInfo]bool) {
	rs := c.sc.responders()
	if len(rs) != 1 || warned[rs[0]] {
		return
	}
	s := rs[0]
	when := ""
	if c.empty != nil {
		when = fmt.Sprintf("when %s finds nothing for %s (at %s), ", c.empty.lookup.query, c.empty.from, c.empty.query.Pattern.Span.Pos)
	}
	if f, ok := s.filterDrop(c.sc, r); ok && c.empty == nil {
		warned[s] = true
		diags.Errorf(f.span, rules.Unanswered.ID,
			fmt.Sprintf("answer the other case too: add a sync with the `when` of %s and its `where` up to this filter, then `- filter: %s`, "+
				"and a `then` that responds (403 when the filter checks who may, 422 when it checks what the client sent)", s.s.Name.Name, negate(f.filter)),
			"%s: %sif this filter is false, no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)", r, when)
		return
	}
	drop, ok := s.dropIn(c.sc, r)
	if !ok {
		return
	}
	warned[s] = true
	hint := "add `optional: true` to the query, add a sync that answers the other case, or gather the rows with `collect`"
	if c.empty != nil {
		at := c.empty.query.Pattern.Span.Pos
		hint = fmt.Sprintf("if %s always finds a row, add `optional: true` to it at %s; else add a sync that answers when it finds nothing", c.empty.lookup.query, at)
	}
	diags.Warnf(drop, rules.Unanswered.ID, hint,
		"%s: %sif this step leaves no frame, no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)", r, when)
}

// forgotOptional finds, for a case in which a lookup of the request
// finds nothing and no sync answers, each sync that would answer it but
// for its join on the lookup lacking `optional: true`: with the join's
// outputs nil, a filter of it that is false when they are found holds.
// It records the route in m.forgot, and reports whether it found one.
func (m *model) forgotOptional(r *spec.Route, c flowCase) bool {
	found := false
	for _, group := range m.watching(requestKey, r) {
		for _, s := range group {
			g, ok := s.joinOn(c.empty.lookup)
			if !s.responds || !ok || !c.sc.answersIfOptional(s, r, g) {
				continue
			}
			found = true
			f := m.forgot[g.query]
			if f == nil {
				f = &forgotten{sync: s, join: g}
				m.forgot[g.query] = f
				m.forgotOrder = append(m.forgotOrder, f)
			}
			f.routes = append(f.routes, r.String())
		}
	}
	return found
}

// forgotten is a join that lacks `optional: true`, and the routes in
// which its sync cannot answer the case it is for.
type forgotten struct {
	sync   *syncInfo
	join   guard
	routes []string
}

// reportForgotten reports each join that lacks `optional: true`, once,
// naming every route it leaves unanswered.
func (m *model) reportForgotten(diags *diag.List) {
	for _, f := range m.forgotOrder {
		g, name := f.join, f.sync.s.Name.Name
		diags.Errorf(g.query.Pattern.Span, rules.Unanswered.ID,
			fmt.Sprintf("add `optional: true` to this query: when it finds nothing, its outputs (`%s`) are nil, which is what %s tests", strings.Join(g.outs, "`, `"), name),
			"%s: %s is for when %s finds nothing for %s (its filter tests that), but this query has no `optional: true`, so then it leaves no frame, and no sync answers the request (its client gets a 504 and nothing the flow wrote is kept)",
			strings.Join(f.routes, ", "), name, g.lookup.query, g.from)
	}
}

// joinOn returns the join of s, without `optional`, on lookup l.
func (s *syncInfo) joinOn(l lookup) (guard, bool) {
	for _, g := range s.guards() {
		if g.lookup == l {
			return g, true
		}
	}
	return guard{}, false
}

// answersIfOptional reports whether s would fire in the scenario, keeping
// its frame, were its join g optional, thanks to a filter that is true
// when g's outputs are nil and false when they are found.
func (sc *scenario) answersIfOptional(s *syncInfo, r *spec.Route, g guard) bool {
	t := *s
	t.vars = maps.Clone(s.vars)
	t.where = slices.Clone(s.where)
	for i, w := range t.where {
		if w.join != nil && w.join.lookup == g.lookup {
			t.where[i].join, t.where[i].opt = nil, w.join
		}
	}
	for _, out := range g.outs {
		t.vars[out] = variable{lookup: &g.lookup}
	}
	if _, drops := t.dropIn(sc, r); drops || !sc.canFire(&t, r) {
		return false
	}
	for _, w := range s.where {
		if w.isFilt && w.filter != nil && sc.truth(w.filter, &t, r).lit == true && sc.truth(w.filter, s, r).lit == false {
			return true
		}
	}
	return false
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
