package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/legible/legible/engine/spec"
)

// Graph is a drawing of an app: labelled nodes and edges.
type Graph struct {
	Nodes []string // labels, by node number
	Edges []Edge
}

// Edge joins two nodes, labelled with the sync that makes the step.
type Edge struct {
	From, To int
	Label    string
}

// Concepts draws the app's concepts as nodes and its syncs as edges from
// the concepts of their when actions to those of their then actions.
func Concepts(sp *spec.Spec) *Graph {
	g := &graphBuilder{ids: map[string]int{}, edges: map[Edge]bool{}}
	for _, s := range newModel(sp).syncs {
		for _, from := range triggers(s) {
			for _, k := range s.then {
				g.edge(concept(from.key), concept(k), s.s.Name.Name)
			}
		}
	}
	return g.graph()
}

// Routes lists the app's request routes, as Route accepts them.
func Routes(sp *spec.Spec) []string {
	var out []string
	for _, r := range newModel(sp).routes {
		out = append(out, r.String())
	}
	return out
}

// Route draws the flow of one request: its actions' outcomes as nodes
// (success ✓ and each error ✗), and the syncs between them, on the happy
// path and when each action that can fail does, down to the responses.
func Route(sp *spec.Spec, name string) (*Graph, error) {
	m := newModel(sp)
	var r *spec.Route
	for _, x := range m.routes {
		if x.String() == name {
			r = x
		}
	}
	if r == nil {
		return nil, fmt.Errorf("no route %q; the routes are %s", name, strings.Join(Routes(sp), ", "))
	}
	g := &graphBuilder{ids: map[string]int{}, edges: map[Edge]bool{}}
	g.id(r.String())
	for _, c := range m.cases(r) {
		for _, s := range c.sc.fired {
			g.step(r, s, c.sc, m)
		}
	}
	return g.graph(), nil
}

// step draws one firing of s in a scenario.
func (g *graphBuilder) step(r *spec.Route, s *syncInfo, sc *scenario, m *model) {
	for _, from := range triggers(s) {
		src := r.String()
		if from.key != requestKey {
			src = outcomeLabel(from.node)
		}
		for _, k := range s.then {
			g.edge(src, outcomeLabel(sc.outcome(m, k)), s.s.Name.Name)
		}
	}
}

// triggers are the when conditions a sync's edges start from: all but the
// request, which the others imply, unless the request is all there is.
func triggers(s *syncInfo) []cond {
	var out []cond
	for _, c := range s.when {
		if c.key != requestKey {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return s.when
	}
	return out
}

func concept(key string) string { return strings.SplitN(key, ".", 2)[0] }

// outcomeLabel names an outcome node.
func outcomeLabel(n node) string {
	switch {
	case n.key == respondKey:
		return n.key
	case n.err:
		return n.key + " ✗ error"
	}
	return n.key + " ✓"
}

// graphBuilder numbers nodes and removes repeated edges.
type graphBuilder struct {
	nodes []string
	ids   map[string]int
	edges map[Edge]bool
	order []Edge
}

func (g *graphBuilder) id(label string) int {
	if i, ok := g.ids[label]; ok {
		return i
	}
	g.ids[label] = len(g.nodes)
	g.nodes = append(g.nodes, label)
	return g.ids[label]
}

func (g *graphBuilder) edge(from, to, label string) {
	e := Edge{From: g.id(from), To: g.id(to), Label: label}
	if !g.edges[e] {
		g.edges[e] = true
		g.order = append(g.order, e)
	}
}

func (g *graphBuilder) graph() *Graph {
	sort.SliceStable(g.order, func(i, j int) bool { return g.order[i].From < g.order[j].From })
	return &Graph{Nodes: g.nodes, Edges: g.order}
}
