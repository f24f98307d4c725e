package program

import (
	"cmp"
	"slices"

	"github.com/legible/legible/internal/value"
)

// watchers are the anchors that wait for one action. Anchors with a literal
// input are indexed by it, so that dispatch costs what the syncs that can
// match cost: 1,000 request syncs with distinct paths cost one map lookup.
type watchers struct {
	param string            // the input the literal index is on, or ""
	byLit map[any][]*Anchor // literal value of param -> anchors
	rest  []*Anchor         // anchors without a literal on param
	order map[*Anchor]int   // declaration order, to merge the two
}

// index builds the watchers of every action from the anchors.
func (p *Program) index(anchors []*Anchor) {
	byKey := map[string][]*Anchor{}
	for _, a := range anchors {
		byKey[a.Order[0].Key] = append(byKey[a.Order[0].Key], a)
	}
	for key, as := range byKey {
		w := &watchers{param: bestParam(as), byLit: map[any][]*Anchor{}, order: map[*Anchor]int{}}
		for i, a := range as {
			w.order[a] = i
			if v, ok := literalOn(a.Order[0], w.param); ok {
				w.byLit[v] = append(w.byLit[v], a)
			} else {
				w.rest = append(w.rest, a)
			}
		}
		p.watch[key] = w
	}
}

// bestParam picks the input whose literals split the anchors most finely:
// the one with the most distinct literal values (path rather than method).
func bestParam(as []*Anchor) string {
	distinct := map[string]map[any]bool{}
	for _, a := range as {
		for _, arg := range a.Order[0].In {
			if arg.IsLiteral() {
				if distinct[arg.Param] == nil {
					distinct[arg.Param] = map[any]bool{}
				}
				distinct[arg.Param][arg.Value] = true
			}
		}
	}
	best := ""
	for param, vals := range distinct {
		if best == "" || len(vals) > len(distinct[best]) || len(vals) == len(distinct[best]) && param < best {
			best = param
		}
	}
	return best
}

// literalOn returns the pattern's literal for param, if it has one.
func literalOn(p *Pattern, param string) (any, bool) {
	for _, arg := range p.In {
		if arg.Param == param && arg.IsLiteral() {
			return arg.Value, true
		}
	}
	return nil, false
}

// Candidates appends to buf the anchors that may match a completed record
// of action key with the given input, in declaration order.
func (p *Program) Candidates(key string, input map[string]any, buf []*Anchor) []*Anchor {
	w := p.watch[key]
	if w == nil {
		return buf
	}
	start := len(buf)
	buf = append(buf, w.rest...)
	if w.param != "" {
		if v, ok := input[w.param]; ok && value.Scalar(v) {
			buf = append(buf, w.byLit[v]...)
		}
	}
	if len(buf)-start > 1 && len(w.rest) > 0 {
		slices.SortFunc(buf[start:], func(a, b *Anchor) int { return cmp.Compare(w.order[a], w.order[b]) })
	}
	return buf
}
