package analysis

import (
	"github.com/expr-lang/expr/ast"
)

// opposites turn a comparison into its negation.
var opposites = map[string]string{"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}

// negate writes the opposite of a filter's condition: a comparison with
// its operator turned, a negation without its `!`, else `!(…)`.
func negate(n ast.Node) string {
	switch n := n.(type) {
	case *ast.BinaryNode:
		if op, ok := opposites[n.Operator]; ok {
			return (&ast.BinaryNode{Operator: op, Left: n.Left, Right: n.Right}).String()
		}
	case *ast.UnaryNode:
		if n.Operator == "!" || n.Operator == "not" {
			return n.Node.String()
		}
	}
	return "!(" + n.String() + ")"
}
