package analysis

import (
	"sort"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// cycles warns about syncs that can re-trigger themselves within one flow
// with no where step in the loop to stop them: each firing invokes an
// action that fires the loop again, forever.
func (m *model) cycles(diags *diag.List) {
	free := func(s *syncInfo) bool { return len(s.s.Where) == 0 }
	for _, comp := range m.components(free) {
		names := make([]string, len(comp))
		for i, s := range comp {
			names[i] = s.s.Name.Name
		}
		loop := strings.Join(append(names, names[0]), " → ")
		diags.Warnf(comp[0].s.Name.Span, rules.Cycle.ID,
			"add a where step that stops the loop (a filter, or a query that finds nothing at the end), or break the chain",
			"%s can re-trigger itself within one flow: %s, with no where step to stop it", comp[0].s.Name.Name, loop)
	}
}

// components returns the strongly connected groups of syncs among those
// keep accepts that form a loop: a sync S leads to T when one of S's then
// actions is named in T's when. Tarjan's algorithm, linear in the edges.
func (m *model) components(keep func(*syncInfo) bool) [][]*syncInfo {
	t := &tarjan{m: m, keep: keep, index: map[*syncInfo]int{}, low: map[*syncInfo]int{}, on: map[*syncInfo]bool{}}
	for _, s := range m.syncs {
		if keep(s) && t.index[s] == 0 {
			t.visit(s)
		}
	}
	return t.out
}

type tarjan struct {
	m     *model
	keep  func(*syncInfo) bool
	next  int
	index map[*syncInfo]int // 1-based visit order; 0 means unvisited
	low   map[*syncInfo]int
	on    map[*syncInfo]bool
	stack []*syncInfo
	out   [][]*syncInfo
}

func (t *tarjan) visit(s *syncInfo) {
	t.next++
	t.index[s], t.low[s] = t.next, t.next
	t.stack = append(t.stack, s)
	t.on[s] = true
	self := false
	for _, n := range t.successors(s) {
		switch {
		case n == s:
			self = true
		case t.index[n] == 0:
			t.visit(n)
			t.low[s] = min(t.low[s], t.low[n])
		case t.on[n]:
			t.low[s] = min(t.low[s], t.index[n])
		}
	}
	if t.low[s] != t.index[s] {
		return
	}
	var comp []*syncInfo
	for {
		top := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		t.on[top] = false
		comp = append([]*syncInfo{top}, comp...)
		if top == s {
			break
		}
	}
	if len(comp) > 1 || self {
		t.out = append(t.out, comp)
	}
}

// successors are the kept syncs that a firing of s can trigger: those
// with a when pattern on an action s invokes, with no literal input that
// tells the invocation and the pattern apart.
func (t *tarjan) successors(s *syncInfo) []*syncInfo {
	var out []*syncInfo
	seen := map[*syncInfo]bool{}
	w := t.m.byWhen
	for _, p := range s.thenPats {
		if w[p.Key()] == nil {
			continue
		}
		for _, group := range append([][]*syncInfo{w[p.Key()].any}, mapValues(w[p.Key()].byPath)...) {
			for _, n := range group {
				if !seen[n] && t.keep(n) && n.triggeredBy(p) {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// triggeredBy reports whether invoking then pattern p can match one of the
// sync's when patterns.
func (s *syncInfo) triggeredBy(p *spec.Pattern) bool {
	for _, c := range s.when {
		if c.key == p.Key() && compatible(p, c.pattern) {
			return true
		}
	}
	return false
}

// mapValues returns the lists of a map, in key order.
func mapValues(m map[string][]*syncInfo) [][]*syncInfo {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]*syncInfo, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
