package program

import (
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// TestCloneCopiesEveryNode checks that a clone shares no node with its
// original, and prints the same expression.
func TestCloneCopiesEveryNode(t *testing.T) {
	for _, src := range []string{
		`{"a": [x.y, len(z) + 1], "b": user?.name ?? "none"}`,
		`map(items, #.n > 2 ? {"id": .id} : nil)`,
		`let n = 2; n * count`,
		`a in [1, 2] && !b || c[1:3] == "x"`,
	} {
		tree, err := parser.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		copied := clone(tree.Node)
		if got, want := copied.String(), tree.Node.String(); got != want {
			t.Errorf("%s: the clone prints %s, want %s", src, got, want)
		}
		seen := map[ast.Node]bool{}
		collect := visitor(func(n *ast.Node) { seen[*n] = true })
		ast.Walk(&tree.Node, collect)
		shared := visitor(func(n *ast.Node) {
			if seen[*n] {
				t.Errorf("%s: the clone shares the node %s", src, (*n).String())
			}
		})
		ast.Walk(&copied, shared)
	}
}

// visitor is an ast.Visitor of a function.
type visitor func(*ast.Node)

// Visit implements ast.Visitor.
func (v visitor) Visit(n *ast.Node) { v(n) }
