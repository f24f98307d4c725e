package console

import (
	"slices"
	"testing"

	"github.com/legible/legible/engine/analysis"
)

// TestLayoutDrawsLeftToRight lays out a graph with a cycle, a loop, an
// edge over two layers and parallel edges: parallel edges are one arrow
// with both syncs, every arrow that is not a loop starts at its tail's
// box and ends at its head's, an edge that goes forward goes right, the
// one that closes the cycle goes left, the long one bends once, and no
// two boxes overlap.
func TestLayoutDrawsLeftToRight(t *testing.T) {
	g := &analysis.Graph{
		Nodes: []string{"Requesting", "Article", "Tagging"},
		Edges: []analysis.Edge{
			{From: 0, To: 1, Label: "CreateArticle"},
			{From: 1, To: 2, Label: "CreateArticleTags"},
			{From: 2, To: 0, Label: "CreateArticleRespond"},
			{From: 1, To: 0, Label: "CreateArticleError"},
			{From: 1, To: 0, Label: "DeleteArticleRespond"},
			{From: 0, To: 0, Label: "Tags"},
			{From: 0, To: 2, Label: "Retag"},
		},
	}
	d := layout(g)
	if len(d.Edges) != 6 {
		t.Fatalf("%d arrows, want 6 (the two from Article to Requesting merged)", len(d.Edges))
	}
	byEnds := map[[2]int]arrow{}
	for _, a := range d.Edges {
		byEnds[[2]int{a.From, a.To}] = a
	}
	if a := byEnds[[2]int{1, 0}]; !slices.Equal(a.Syncs, []string{"CreateArticleError", "DeleteArticleRespond"}) || a.Label != "2 syncs" {
		t.Errorf("the merged arrow: %v %q", a.Syncs, a.Label)
	}
	if a := byEnds[[2]int{0, 0}]; a.Points != nil || a.Label != "Tags" {
		t.Errorf("the loop: %v %q", a.Points, a.Label)
	}
	for ends, a := range byEnds {
		if a.Points == nil {
			continue
		}
		tail, head := d.Nodes[ends[0]], d.Nodes[ends[1]]
		first, last := a.Points[0], a.Points[len(a.Points)-1]
		if !onSide(tail, first) || !onSide(head, last) {
			t.Errorf("%s → %s: from %v to %v, off the boxes %+v and %+v", tail.Label, head.Label, first, last, tail, head)
		}
	}
	right := func(from, to int) bool { p := byEnds[[2]int{from, to}].Points; return p[len(p)-1][0] > p[0][0] }
	if !right(0, 1) || !right(1, 2) || right(2, 0) {
		t.Errorf("directions: %v %v %v, want right, right, left", right(0, 1), right(1, 2), right(2, 0))
	}
	if n := len(byEnds[[2]int{0, 2}].Points); n != 3 {
		t.Errorf("the edge over two layers has %d points, want 3 (one bend)", n)
	}
	for i, a := range d.Nodes {
		for _, b := range d.Nodes[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("%+v overlaps %+v", a, b)
			}
		}
		if a.X < 0 || a.Y < 0 || a.X+a.W > d.Width || a.Y+a.H > d.Height {
			t.Errorf("%+v is outside the drawing, %v×%v", a, d.Width, d.Height)
		}
	}
}

// onSide reports whether p is on the left or right side of b.
func onSide(b box, p [2]float64) bool {
	return (p[0] == b.X || p[0] == b.X+b.W) && p[1] >= b.Y && p[1] <= b.Y+b.H
}
