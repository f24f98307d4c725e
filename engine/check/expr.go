package check

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"
	exprchecker "github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	exprtypes "github.com/expr-lang/expr/types"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// expr checks an expression: its syntax, the names it reads, and its types
// in an environment typed from the bound variables. It parses it once,
// and keeps the tree, the variables it reads and its type on x. It returns
// the type of the expression's value.
func (sc *syncCheck) expr(s *scope, x *spec.Expr) types.Type {
	cfg := sc.exprConf
	tree, err := parser.ParseWithConfig(x.Source, cfg)
	if err != nil {
		sc.exprError(x, err, rules.Expr.ID, syntaxHint(x.Source, err))
		markWords(s, x.Source) // so its variables are not reported unused
		return types.Type{}
	}
	x.Tree = tree.Node
	env := exprtypes.Map{}
	names, whole := freeNames(tree.Node)
	for _, id := range names {
		if v := s.lookup(id.Name); v != nil {
			v.reads++
			if !slices.Contains(x.Reads, v.Variable) {
				x.Reads = append(x.Reads, v.Variable)
			}
			continue
		}
		sc.read(s, id.Name, x.SpanOf(id.from, id.to)) // reports it
		env[id.Name] = exprtypes.Any                  // and checking goes on
	}
	s.all(func(v *variable) {
		env[v.Name] = exprType(v.Type)
		if whole && !slices.Contains(x.Reads, v.Variable) {
			x.Reads = append(x.Reads, v.Variable)
		}
	})
	cfg.WithEnv(env)
	t, err := exprchecker.Check(tree, cfg)
	if err != nil {
		sc.exprError(x, err, rules.Type.ID, typeHint(err.Error(), readsRequestText(x)))
		return types.Type{}
	}
	sc.stringOrNumber(x)
	x.Type = fromReflect(t)
	return x.Type
}

// readsRequestText reports whether an expression reads a path parameter
// or the request's `query`: strings, whatever they look like.
func readsRequestText(x *spec.Expr) bool {
	for _, v := range x.Reads {
		if strings.HasPrefix(v.Origin, "`when` pattern Requesting.request") &&
			(v.Type.Kind == types.String || v.Type.Values == types.String) {
			return true
		}
	}
	return false
}

// stringOrNumber reports `a ?? b` where a is a String and b a Number,
// `query.max ?? 20`: a String when the request gives it, a Number when it
// does not, which arithmetic then takes for a number it is not.
func (sc *syncCheck) stringOrNumber(x *spec.Expr) {
	ast.Find(x.Tree, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryNode)
		if !ok || b.Operator != "??" || kindOf(b.Left) != reflect.String || !numeric(kindOf(b.Right)) {
			return false
		}
		lf, lt := extent(b.Left)
		rf, rt := extent(b.Right)
		text := []rune(x.Source)
		l, r := string(text[lf:lt]), string(text[rf:rt])
		sc.diags.Errorf(x.SpanOf(lf, rt), rules.Type.ID,
			fmt.Sprintf("convert it, so that it is a number either way: `int(%s ?? \"%s\")`, or `float(…)` for a fraction", l, r),
			"`%s ?? %s` is a String when there is one, a Number when not: the values of `query` and path parameters are strings", l, r)
		return false
	})
}

// extent returns the rune range of the source that a node and its
// children span: a node's own location is only where it starts.
func extent(n ast.Node) (from, to int) {
	loc := n.Location()
	from, to = loc.From, loc.To
	ast.Find(n, func(c ast.Node) bool {
		l := c.Location()
		from, to = min(from, l.From), max(to, l.To)
		return false
	})
	return from, to
}

// kindOf is the kind of an expression node's type, as check typed it.
func kindOf(n ast.Node) reflect.Kind {
	if t := n.Type(); t != nil {
		return t.Kind()
	}
	return reflect.Invalid
}

// numeric reports whether k is a number's kind.
func numeric(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

// syntaxHint suggests a fix for a syntax error: `==` for a lone `=`, else
// the language's reference.
func syntaxHint(src string, err error) string {
	var fe *file.Error
	if errors.As(err, &fe) && strings.Contains(fe.Message, `Operator("=")`) {
		runes := []rune(src)
		if at := fe.From; at >= 0 && at < len(runes) && runes[at] == '=' {
			fixed := string(runes[:at]) + "==" + string(runes[at+1:])
			return fmt.Sprintf("did you mean `==`? to compare, write `%s`", fixed)
		}
	}
	return "fix the expression's syntax; see https://expr-lang.org/docs/language-definition"
}

// words matches the identifiers of an expression that could not be parsed.
var words = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// markWords counts each visible variable named in src as read.
func markWords(s *scope, src string) {
	for _, w := range words.FindAllString(src, -1) {
		if v := s.lookup(w); v != nil {
			v.reads++
		}
	}
}

// goType matches the Go type names in expr's messages.
var goType = regexp.MustCompile(`map\[string\]interface \{\}|\[\]interface \{\}|interface \{\}|\b(?:float64|int|string|bool)\b`)

// specTypes names Go types as spec authors know them.
var specTypes = map[string]string{
	"map[string]interface {}": "Object", "[]interface {}": "List", "interface {}": "Any",
	"float64": "Number", "int": "Number", "string": "String", "bool": "Boolean",
}

// specTypeNames rewrites an expr message in the spec's type names.
func specTypeNames(msg string) string {
	return goType.ReplaceAllStringFunc(msg, func(t string) string { return specTypes[t] })
}

// typeHint suggests a fix for the type errors that have a usual cause;
// text says the expression reads request values that are strings.
func typeHint(msg string, text bool) string {
	switch {
	case strings.Contains(msg, "used as condition"):
		return "`?:` and `if` need a Boolean; to fall back on a default when a value is nil, write `value ?? default`"
	case text && (strings.Contains(msg, "mismatched types string") || strings.Contains(msg, "slice index string") ||
		strings.Contains(msg, "index string")):
		return "the values of `query` and path parameters are strings: convert one to a number with `int(…)`, " +
			"as in `int(query.limit ?? \"20\")`, or `float(…)` for a fraction"
	}
	return ""
}

// exprError reports an error from expr at its place inside the YAML.
func (sc *syncCheck) exprError(x *spec.Expr, err error, rule, hint string) {
	var fe *file.Error
	if !errors.As(err, &fe) {
		sc.diags.Errorf(x.Span, rule, hint, "%s", err.Error())
		return
	}
	sc.diags.Errorf(x.SpanOf(fe.From, max(fe.To, fe.From+1)), rule, hint, "%s", specTypeNames(fe.Message))
}

// nameAt is a name an expression reads and its rune range in the source.
type nameAt struct {
	Name     string
	from, to int
}

// freeNames returns the variables an expression reads, in order: every
// identifier that is neither a function being called nor bound by `let`;
// and whole, when it reads its whole environment ($env). expr stops at
// its first unknown name; this finds them all.
func freeNames(n ast.Node) (out []nameAt, whole bool) {
	var walk func(n ast.Node, bound map[string]bool)
	walk = func(n ast.Node, bound map[string]bool) {
		switch n := n.(type) {
		case nil:
		case *ast.IdentifierNode:
			switch {
			case n.Value == "$env":
				whole = true
			case !bound[n.Value]:
				loc := n.Location()
				out = append(out, nameAt{n.Value, loc.From, loc.To})
			}
		case *ast.VariableDeclaratorNode:
			walk(n.Value, bound)
			inner := map[string]bool{n.Name: true}
			for k := range bound {
				inner[k] = true
			}
			walk(n.Expr, inner)
		case *ast.CallNode:
			if _, isName := n.Callee.(*ast.IdentifierNode); !isName {
				walk(n.Callee, bound)
			}
			for _, a := range n.Arguments {
				walk(a, bound)
			}
		default:
			for _, c := range children(n) {
				walk(c, bound)
			}
		}
	}
	walk(n, map[string]bool{})
	return out, whole
}

// children returns the direct sub-expressions of the nodes that have no
// scoping of their own.
func children(n ast.Node) []ast.Node {
	switch n := n.(type) {
	case *ast.UnaryNode:
		return []ast.Node{n.Node}
	case *ast.BinaryNode:
		return []ast.Node{n.Left, n.Right}
	case *ast.ChainNode:
		return []ast.Node{n.Node}
	case *ast.MemberNode:
		return []ast.Node{n.Node, n.Property}
	case *ast.SliceNode:
		return []ast.Node{n.Node, n.From, n.To}
	case *ast.BuiltinNode:
		return n.Arguments
	case *ast.PredicateNode:
		return []ast.Node{n.Node}
	case *ast.ConditionalNode:
		return []ast.Node{n.Cond, n.Exp1, n.Exp2}
	case *ast.SequenceNode:
		return n.Nodes
	case *ast.ArrayNode:
		return n.Nodes
	case *ast.MapNode:
		out := make([]ast.Node, len(n.Pairs))
		copy(out, n.Pairs)
		return out
	case *ast.PairNode:
		return []ast.Node{n.Key, n.Value}
	}
	return nil
}
