package check

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// quotedExpressions reports the quoted strings among a then or where
// pattern's inputs that read as an expression over variables bound in s:
// `body: '{"event": event}'` sends the text, where the author meant the
// object. A string that is no expression, or reads no variable, or only
// names one (`"event"`), is taken as the text it is.
func (sc *syncCheck) quotedExpressions(s *scope, p *spec.Pattern) {
	for _, arg := range p.In {
		if arg.Term.Kind != spec.String {
			continue
		}
		text := arg.Term.Value.(string)
		tree, err := parser.Parse(text)
		if err != nil || !composite(tree.Node) {
			continue
		}
		names, _ := freeNames(tree.Node)
		if len(names) == 0 || !allBound(s, names) {
			continue
		}
		for _, n := range names {
			s.lookup(n.Name).reads++ // meant as read: no unused warning on top
		}
		sc.diags.Errorf(arg.Term.Span, rules.QuotedExpression.ID,
			fmt.Sprintf("to send what it computes, bind it in `where`, `- bind: { %s: '%s' }`, and pass the variable here: `%s: %s`",
				arg.Param.Name, strings.ReplaceAll(text, "'", "''"), arg.Param.Name, arg.Param.Name),
			"this quoted string reads as an expression over %s, but in a pattern it is a literal: %s.%s gets the text itself",
			diag.And(quotedNames(names)), p.Concept.Name, p.Action.Name)
	}
}

// composite reports whether an expression's tree does more than name a
// variable or a constant: it builds or reads into something.
func composite(n ast.Node) bool {
	switch n.(type) {
	case *ast.MapNode, *ast.ArrayNode, *ast.MemberNode, *ast.BinaryNode, *ast.CallNode, *ast.BuiltinNode, *ast.ConditionalNode:
		return true
	}
	return false
}

// allBound reports whether every name is a variable visible in s.
func allBound(s *scope, names []nameAt) bool {
	for _, n := range names {
		if s.lookup(n.Name) == nil {
			return false
		}
	}
	return true
}

// quotedNames writes the distinct names in backquotes, in order.
func quotedNames(names []nameAt) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n.Name] {
			seen[n.Name] = true
			out = append(out, "`"+n.Name+"`")
		}
	}
	return out
}
