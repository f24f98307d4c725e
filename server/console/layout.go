package console

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/legible/legible/engine/analysis"
)

// The sizes of a drawing, in pixels: the page draws labels in a
// monospace font of 12px, whose characters are charWidth wide.
const (
	charWidth  = 7.3
	nodeHeight = 28.0
	nodePad    = 12.0 // on each side of a node's label
	rowGap     = 22.0 // between the nodes of a layer
	laneHeight = 16.0 // of a bend of an edge through a layer
	minGap     = 70.0 // between layers
	margin     = 20.0
)

// drawing is a graph laid out for the page, in the way of Mermaid's
// flowcharts, left to right: a node's layer is the longest path to it,
// edges that go back are turned for that, an edge over several layers
// bends through each, and the nodes of a layer are ordered to cross few
// edges. Parallel edges are one arrow, with every sync they stand for.
type drawing struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Nodes  []box   `json:"nodes"`
	Edges  []arrow `json:"edges"`
}

// box is a node's label and its rectangle.
type box struct {
	Label string  `json:"label"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
}

// arrow is an edge: the nodes it joins, the syncs it stands for, and the
// points its path goes through, from the tail to the head (a loop from a
// node to itself has none: the page draws it on the node).
type arrow struct {
	From   int          `json:"from"`
	To     int          `json:"to"`
	Syncs  []string     `json:"syncs"`
	Label  string       `json:"label"`
	Points [][2]float64 `json:"points"`
	At     [2]float64   `json:"at"` // the label's centre
}

// layout draws a graph.
func layout(g *analysis.Graph) *drawing {
	l := newLayers(g)
	l.order()
	d := &drawing{Nodes: make([]box, len(g.Nodes))}
	for i, label := range g.Nodes {
		d.Nodes[i] = box{Label: label, W: textWidth(label) + 2*nodePad, H: nodeHeight}
	}
	l.place(d)
	for _, e := range l.edges {
		d.Edges = append(d.Edges, l.route(d, e))
	}
	return d
}

// textWidth is how wide a label is drawn.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * charWidth }

// edgeLabel is the label of an arrow that stands for syncs.
func edgeLabel(syncs []string) string {
	if len(syncs) == 1 {
		return syncs[0]
	}
	return fmt.Sprintf("%d syncs", len(syncs))
}

// merged returns the graph's edges with parallel ones merged, in the
// order of their first.
func merged(g *analysis.Graph) []*edge {
	var out []*edge
	byEnds := map[[2]int]*edge{}
	for _, e := range g.Edges {
		k := [2]int{e.From, e.To}
		m, ok := byEnds[k]
		if !ok {
			m = &edge{from: e.From, to: e.To}
			byEnds[k] = m
			out = append(out, m)
		}
		if !slices.Contains(m.syncs, e.Label) {
			m.syncs = append(m.syncs, e.Label)
		}
	}
	return out
}
