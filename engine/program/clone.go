package program

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
)

// nodeType and nodesType are the types of a node's children.
var (
	nodeType  = reflect.TypeFor[ast.Node]()
	nodesType = reflect.TypeFor[[]ast.Node]()
)

// clone returns a deep copy of an expression's tree. Compiling patches
// and optimizes the tree it is given in place, and the tree check parsed
// is shared: the analysis reads it, and one checked app may build many
// programs at once.
func clone(n ast.Node) ast.Node {
	if n == nil {
		return nil
	}
	v := reflect.ValueOf(n).Elem()
	c := reflect.New(v.Type()).Elem()
	c.Set(v) // the whole node, its location and type included
	for i := range c.NumField() {
		f := c.Field(i)
		switch {
		case !f.CanSet() || f.IsZero():
		case f.Type() == nodeType:
			f.Set(reflect.ValueOf(clone(f.Interface().(ast.Node))))
		case f.Type() == nodesType:
			nodes := f.Interface().([]ast.Node)
			copies := make([]ast.Node, len(nodes))
			for k, child := range nodes {
				copies[k] = clone(child)
			}
			f.Set(reflect.ValueOf(copies))
		}
	}
	return c.Addr().Interface().(ast.Node)
}
