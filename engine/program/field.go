package program

import (
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
)

// fieldFunc names the function that field access compiles to at run time.
const fieldFunc = "legible·field"

// lenientFields makes `x.name` (and `x["name"]`) null, instead of a run
// time error, when x is not an object: null, a string, a number or a list.
// Values at run time come from requests, so a client that sends
// `{"user": "ann"}` where a sync reads `user.email` gets the app's answer
// to a missing email (usually an error outcome, a 422), not a failed flow
// and a 500. The checker still types field access statically.
var lenientFields = []expr.Option{
	expr.Patch(fieldPatch{}),
	expr.Function(fieldFunc, func(args ...any) (any, error) { return field(args[0], args[1].(string)), nil },
		new(func(any, string) any)),
}

// fieldPatch rewrites each field access by name into a call of fieldFunc.
type fieldPatch struct{}

// Visit implements ast.Visitor.
func (fieldPatch) Visit(node *ast.Node) {
	m, ok := (*node).(*ast.MemberNode)
	if !ok || m.Method {
		return
	}
	if _, ok := m.Property.(*ast.StringNode); !ok {
		return
	}
	call := &ast.CallNode{Callee: &ast.IdentifierNode{Value: fieldFunc}, Arguments: []ast.Node{m.Node, m.Property}}
	ast.Patch(node, call)
}

// field returns the value of name in the object v, or nil when v is not an
// object or has no such field.
func field(v any, name string) any {
	if m, ok := v.(map[string]any); ok {
		return m[name]
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
		return nil
	}
	if x := rv.MapIndex(reflect.ValueOf(name).Convert(rv.Type().Key())); x.IsValid() {
		return x.Interface()
	}
	return nil
}
