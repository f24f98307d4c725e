package analysis

import (
	"fmt"
	"io"
	"strings"
)

// Mermaid writes the graph as a Mermaid flowchart, which GitHub renders.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for i, n := range g.Nodes {
		fmt.Fprintf(&b, "  n%d[\"%s\"]\n", i, mermaidText(n))
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  n%d -->|%s| n%d\n", e.From, mermaidText(e.Label), e.To)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DOT writes the graph in Graphviz's DOT language.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph legible {\n  rankdir=LR;\n  node [shape=box];\n")
	for i, n := range g.Nodes {
		fmt.Fprintf(&b, "  n%d [label=%q];\n", i, n)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  n%d -> n%d [label=%q];\n", e.From, e.To, e.Label)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText escapes the characters Mermaid labels cannot hold.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "|", "#124;").Replace(s)
}
