package console

import "slices"

// place gives each vertex its centre and each node its box: layers are
// columns, as wide as their widest node and apart by room for the labels
// of the edges that leave them; a layer's vertices stack down it,
// centred on the tallest layer.
func (l *layers) place(d *drawing) {
	l.x, l.y = make([]float64, len(l.layer)), make([]float64, len(l.layer))
	heights := make([]float64, len(l.rows))
	for k, row := range l.rows {
		for _, v := range row {
			heights[k] += l.height(d, v) + rowGap
		}
	}
	tallest := 0.0
	for _, h := range heights {
		tallest = max(tallest, h)
	}
	x := margin
	for k, row := range l.rows {
		width := l.width(d, row)
		y := margin + loopRoom + (tallest-heights[k])/2
		for _, v := range row {
			h := l.height(d, v)
			l.x[v], l.y[v] = x+width/2, y+h/2
			if v < l.nodes {
				d.Nodes[v].X, d.Nodes[v].Y = l.x[v]-d.Nodes[v].W/2, y
			}
			y += h + rowGap
		}
		x += width + l.gap(k)
	}
	d.Width, d.Height = x-l.gap(len(l.rows)-1)+margin, tallest+2*margin+loopRoom
}

// height is how tall a vertex is drawn: a node's box, or a lane for a
// bend.
func (l *layers) height(d *drawing, v int) float64 {
	if v < l.nodes {
		return d.Nodes[v].H
	}
	return laneHeight
}

// width is how wide a layer's column is: its widest node.
func (l *layers) width(d *drawing, row []int) float64 {
	w := 0.0
	for _, v := range row {
		if v < l.nodes {
			w = max(w, d.Nodes[v].W)
		}
	}
	return w
}

// gap is the room after layer k: enough for the labels of the edges
// that leave it, which are drawn there.
func (l *layers) gap(k int) float64 {
	g := minGap
	for _, e := range l.edges {
		if len(e.chain) > 0 && l.layer[e.chain[0]] == k {
			g = max(g, textWidth(edgeLabel(e.syncs))+2*nodePad)
		}
	}
	return g
}

// route returns an edge as the page draws it: its points, from its tail
// to its head, through its bends, and where its label goes, in the
// middle of its first step along the layers; a loop's label goes above
// its node.
func (l *layers) route(d *drawing, e *edge) arrow {
	a := arrow{From: e.from, To: e.to, Syncs: e.syncs, Label: edgeLabel(e.syncs)}
	if e.chain == nil {
		n := d.Nodes[e.from]
		a.At = [2]float64{n.X + n.W/2, n.Y - loopRoom/2 - 4}
		return a
	}
	for i, v := range e.chain {
		switch {
		case i == 0:
			a.Points = append(a.Points, [2]float64{d.Nodes[v].X + d.Nodes[v].W, l.y[v]})
		case i == len(e.chain)-1:
			a.Points = append(a.Points, [2]float64{d.Nodes[v].X, l.y[v]})
		default:
			a.Points = append(a.Points, [2]float64{l.x[v], l.y[v]})
		}
	}
	p, q := a.Points[0], a.Points[1]
	a.At = [2]float64{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2}
	if e.back {
		slices.Reverse(a.Points)
	}
	return a
}
