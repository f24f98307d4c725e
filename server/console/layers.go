package console

import (
	"slices"

	"github.com/legible/legible/engine/analysis"
)

// loopRoom is the room above the nodes for the loops drawn on them.
const loopRoom = 36.0

// edge is a merged edge of a graph, and the vertices its path bends
// through.
type edge struct {
	from, to int
	syncs    []string
	back     bool  // it goes against the layers, so it is laid out from to to from
	chain    []int // the vertices from the lower layer to the higher, bends included; nil for a loop
}

// layers are the vertices of a drawing by layer: the graph's nodes, then
// one vertex for each bend of an edge through a layer.
type layers struct {
	nodes      int     // how many of the vertices are the graph's nodes
	layer      []int   // by vertex
	rows       [][]int // the vertices of each layer, in order
	succ, pred [][]int // between vertices, along the layers
	edges      []*edge
	x, y       []float64 // a vertex's centre, once placed
}

// newLayers puts a graph's nodes in layers: an edge that closes a cycle
// is turned, a node's layer is the longest path to it, and an edge over
// several layers gets a bend in each.
func newLayers(g *analysis.Graph) *layers {
	l := &layers{nodes: len(g.Nodes), edges: merged(g)}
	l.markBack()
	l.layer = make([]int, l.nodes)
	l.succ, l.pred = make([][]int, l.nodes), make([][]int, l.nodes)
	for _, v := range l.topological() {
		for _, e := range l.edges {
			if t, h, ok := e.ends(); ok && t == v {
				l.layer[h] = max(l.layer[h], l.layer[t]+1)
			}
		}
	}
	for _, e := range l.edges {
		l.bend(e)
	}
	l.rows = make([][]int, slices.Max(append(l.layer, 0))+1)
	for v, k := range l.layer {
		l.rows[k] = append(l.rows[k], v)
	}
	return l
}

// ends returns an edge's ends in the order it is laid out, and false for
// a loop.
func (e *edge) ends() (tail, head int, ok bool) {
	if e.from == e.to {
		return 0, 0, false
	}
	if e.back {
		return e.to, e.from, true
	}
	return e.from, e.to, true
}

// markBack marks the edges that close a cycle, as a depth-first search
// from the first node meets them.
func (l *layers) markBack() {
	state := make([]int, l.nodes) // 0 unseen, 1 on the path, 2 done
	var visit func(v int)
	visit = func(v int) {
		state[v] = 1
		for _, e := range l.edges {
			if e.from != v || e.to == v {
				continue
			}
			switch state[e.to] {
			case 0:
				visit(e.to)
			case 1:
				e.back = true
			}
		}
		state[v] = 2
	}
	for v := range state {
		if state[v] == 0 {
			visit(v)
		}
	}
}

// topological returns the nodes in an order where every edge, as laid
// out, goes forward.
func (l *layers) topological() []int {
	in := make([]int, l.nodes)
	for _, e := range l.edges {
		if _, h, ok := e.ends(); ok {
			in[h]++
		}
	}
	var order, ready []int
	for v, n := range in {
		if n == 0 {
			ready = append(ready, v)
		}
	}
	for len(ready) > 0 {
		v := ready[0]
		ready = ready[1:]
		order = append(order, v)
		for _, e := range l.edges {
			if t, h, ok := e.ends(); ok && t == v {
				if in[h]--; in[h] == 0 {
					ready = append(ready, h)
				}
			}
		}
	}
	return order
}

// bend gives an edge a vertex in each layer it crosses, and links its
// chain.
func (l *layers) bend(e *edge) {
	t, h, ok := e.ends()
	if !ok {
		return
	}
	e.chain = []int{t}
	for k := l.layer[t] + 1; k < l.layer[h]; k++ {
		l.layer = append(l.layer, k)
		l.succ, l.pred = append(l.succ, nil), append(l.pred, nil)
		e.chain = append(e.chain, len(l.layer)-1)
	}
	e.chain = append(e.chain, h)
	for i := 1; i < len(e.chain); i++ {
		a, b := e.chain[i-1], e.chain[i]
		l.succ[a], l.pred[b] = append(l.succ[a], b), append(l.pred[b], a)
	}
}

// order orders the vertices of each layer by the mean position of their
// neighbours in the layer before, then after, a few times over: the
// barycentre heuristic, which crosses few edges.
func (l *layers) order() {
	for range 4 {
		for k := 1; k < len(l.rows); k++ {
			l.sortRow(k, l.pred)
		}
		for k := len(l.rows) - 2; k >= 0; k-- {
			l.sortRow(k, l.succ)
		}
	}
}

// sortRow sorts layer k by the mean position of each vertex's
// neighbours; a vertex without any keeps its place.
func (l *layers) sortRow(k int, nbrs [][]int) {
	pos := map[int]float64{}
	for _, row := range l.rows {
		for i, v := range row {
			pos[v] = float64(i)
		}
	}
	key := map[int]float64{}
	for _, v := range l.rows[k] {
		key[v] = pos[v]
		if len(nbrs[v]) > 0 {
			sum := 0.0
			for _, u := range nbrs[v] {
				sum += pos[u]
			}
			key[v] = sum / float64(len(nbrs[v]))
		}
	}
	slices.SortStableFunc(l.rows[k], func(a, b int) int {
		switch {
		case key[a] < key[b]:
			return -1
		case key[a] > key[b]:
			return 1
		}
		return 0
	})
}
